import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, STATE_DIR, writePrivateFile } from '../core/paths';
import {
  EXAM_DOMAINS,
  type ExamDomain,
  examDomainsOf,
  type LabDefinition,
  type Target,
} from '../lab/catalogue';
import { coverageByTask, EXAM_TASKS } from '../lab/exam-guide';

/** What the learner has done with one lab, as `npx labs progress` shows it. */
export interface LabProgress {
  readonly deployed?: { readonly at: string; readonly target: Target };
  readonly verified?: {
    readonly at: string;
    readonly target: Target;
    readonly passed: number;
    readonly failed: number;
    readonly skipped: number;
  };
  /** The last quiz: one entry per question, right or not. */
  readonly quiz?: { readonly at: string; readonly right: readonly boolean[] };
  /** The learner's predictions (by prediction id), made before the experiments ran. */
  readonly predicted?: { readonly at: string; readonly answers: Readonly<Record<string, string>> };
  /** How the predictions fared at the last verify that measured them. */
  readonly predictionScore?: { readonly at: string; readonly right: number; readonly total: number };
  /** Challenges by name: when solved and where, hints used, whether the solution was shown. */
  readonly challenges?: Readonly<Record<string, ChallengeProgress>>;
}

export interface ChallengeProgress {
  readonly solvedAt?: string;
  readonly target?: string;
  readonly hintsUsed?: number;
  readonly solutionShown?: boolean;
}

interface ProgressFile {
  readonly version: 1;
  readonly labs: Record<string, LabProgress>;
}

/**
 * The learner's progress, kept in `.labs/progress.json` (private to the user, never sent
 * anywhere). It survives emulator restarts; `npx labs progress --reset` deletes it.
 */
export class ProgressStore {
  constructor(private readonly file = join(STATE_DIR, 'progress.json')) {}

  read(): Record<string, LabProgress> {
    if (!existsSync(this.file)) return {};
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ProgressFile>;
      return parsed.version === 1 && parsed.labs ? parsed.labs : {};
    } catch {
      return {}; // an unreadable file is started over, not fatal: it holds nothing but progress
    }
  }

  record(labId: string, update: Partial<LabProgress>): void {
    const labs = this.read();
    labs[labId] = { ...labs[labId], ...update };
    ensurePrivateDir(join(this.file, '..'));
    writePrivateFile(this.file, `${JSON.stringify({ version: 1, labs } satisfies ProgressFile, null, 2)}\n`);
  }

  /** Merges what happened to one challenge of a lab into its record. */
  recordChallenge(labId: string, name: string, update: ChallengeProgress): void {
    const challenges = this.read()[labId]?.challenges ?? {};
    this.record(labId, { challenges: { ...challenges, [name]: { ...challenges[name], ...update } } });
  }

  reset(): void {
    rmSync(this.file, { force: true });
  }
}

/** `npx labs progress`: one line per lab, then one per exam domain, then one per exam task statement. */
export function formatProgress(
  progress: Record<string, LabProgress>,
  labs: readonly LabDefinition[],
): string[] {
  const day = (iso?: string) => (iso ? iso.slice(0, 10) : '');
  const lines = [
    'lab     deployed               verified                          quiz   predictions  challenges',
  ];
  for (const lab of labs) {
    const p = progress[lab.id] ?? {};
    const deployed = p.deployed ? `${day(p.deployed.at)} ${p.deployed.target}` : '-';
    const verified = p.verified
      ? `${day(p.verified.at)} ${p.verified.passed} pass ${p.verified.failed} fail ${p.verified.skipped} skip`
      : '-';
    const quiz = p.quiz ? `${p.quiz.right.filter(Boolean).length}/${p.quiz.right.length}` : '-';
    const predicted = p.predictionScore
      ? `${p.predictionScore.right}/${p.predictionScore.total}`
      : p.predicted
        ? 'made, not yet verified'
        : '-';
    const attempts = Object.values(p.challenges ?? {});
    const solved = attempts.filter((c) => c.solvedAt);
    const hints = solved.reduce((sum, c) => sum + (c.hintsUsed ?? 0), 0);
    const challenges = (lab.challenges ?? []).length
      ? `${solved.length}/${(lab.challenges ?? []).length} solved${solved.length ? ` (${hints} hint${hints === 1 ? '' : 's'})` : ''}`
      : '-';
    lines.push(
      `${lab.id}  ${deployed.padEnd(22)} ${verified.padEnd(33)} ${quiz.padEnd(6)} ${predicted.padEnd(12)} ${challenges}`,
    );
  }
  lines.push('', 'by exam domain');
  for (const [domain, name] of Object.entries(EXAM_DOMAINS) as [ExamDomain, string][]) {
    const inDomain = labs.filter((lab) => examDomainsOf(lab).includes(domain));
    const asksIt = labs.some((lab) => (lab.quiz ?? []).some((question) => question.domain === domain));
    if (inDomain.length === 0 && !asksIt) continue;
    const verified = inDomain.filter((lab) => (progress[lab.id]?.verified?.failed ?? 1) === 0).length;
    let right = 0;
    let asked = 0;
    for (const lab of labs) {
      const answers = progress[lab.id]?.quiz?.right ?? [];
      (lab.quiz ?? []).forEach((question, i) => {
        if (question.domain !== domain || answers[i] === undefined) return;
        asked += 1;
        if (answers[i]) right += 1;
      });
    }
    lines.push(
      `  ${name}: ${verified}/${inDomain.length} labs verified without a failure; quiz ${asked ? `${right}/${asked} right` : 'not taken'}`,
    );
  }
  return [...lines, '', ...formatTaskProgress(progress, labs)];
}

/**
 * The progress by exam task statement: for each, the labs that teach it (`*` after one verified
 * without a failure), how many are verified, and the answers of those labs' last quizzes; a task
 * statement no lab teaches says so, so the learner knows to study it elsewhere.
 */
export function formatTaskProgress(
  progress: Record<string, LabProgress>,
  labs: readonly LabDefinition[],
): string[] {
  const lines = ['by exam task statement (* verified without a failure)'];
  const clean = (lab: LabDefinition) => (progress[lab.id]?.verified?.failed ?? 1) === 0;
  for (const [task, teaching] of coverageByTask(labs)) {
    const title = `  ${task.padEnd(7)} ${EXAM_TASKS[task].title}`;
    if (teaching.length === 0) {
      lines.push(`${title}: no lab yet`);
      continue;
    }
    const answers = teaching.flatMap((lab) => progress[lab.id]?.quiz?.right ?? []);
    const right = answers.filter(Boolean).length;
    const names = teaching.map((lab) => `${lab.id}${clean(lab) ? '*' : ''}`).join(' ');
    lines.push(
      `${title}: ${teaching.filter(clean).length}/${teaching.length} labs verified (${names}); quiz ${answers.length ? `${right}/${answers.length} right` : 'not taken'}`,
    );
  }
  return lines;
}
