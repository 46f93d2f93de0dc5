import {
  closeSync,
  existsSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { LabInputError } from '../core/errors';
import {
  ensurePrivateDir,
  PRIVATE_FILE_MODE,
  PROJECT_ROOT,
  STATE_DIR,
  writePrivateFileAtomic,
} from '../core/paths';
import { experimentsOf } from '../experiments/registry';
import type { ExperimentResult } from '../experiments/runner';
import { type LabDefinition, runsSomewhere, TARGETS, type Target } from '../lab/catalogue';
import { findIgnoringFormatting, replacementFor } from './source-match';

/**
 * One edit that puts a fault into the lab's `stack.ts`: `find` must occur there exactly once,
 * compared formatting aside (indentation, line breaks, trailing commas: see source-match.ts), so a
 * reformatted or lightly edited stack keeps its challenges. Keep `find` to the code the fault changes.
 */
export interface SourceEdit {
  readonly find: string;
  readonly replace: string;
}

/**
 * A break-fix exercise (labs/<slug>/practice/challenges.ts). `npx labs challenge <lab> <name>` edits
 * the lab's stack.ts with `break` and deploys it; the learner sees only the `symptom`, fixes the lab
 * with AWS CLI calls or by editing stack.ts and redeploying, and `npx labs check` runs the `checks`
 * experiments: solved when they all pass.
 */
export interface Challenge<ExperimentId extends string = string> {
  /** Short id on the command line (`npx labs challenge lab-02 <name>`); says nothing about the cause. */
  readonly name: string;
  /** The exam scenario it rehearses, in a few words; shown after it is solved. */
  readonly scenario: string;
  /** What a user of the system would report: what they see, never why. */
  readonly symptom: string;
  /** The fault, as edits to the lab's stack.ts (applied in order). */
  readonly break: readonly SourceEdit[];
  /**
   * The lab's experiments (by id) that judge the challenge: each fails on the broken lab where it
   * runs, and all pass once it is fixed.
   */
  readonly checks: readonly ExperimentId[];
  /** Three tiers: the symptom restated with a pointer, where to look, the fact behind it. */
  readonly hints: readonly [string, string, string];
  /**
   * The reference fixes, shown by `--solution` and run by the end-to-end layer.
   * - `cli`: a bash script of AWS CLI calls against the deployed lab; `$<OutputName>` is that stack
   *   output of the lab.
   * - `stack`: what to change in stack.ts, in words (the reference edit is the lab's own code).
   */
  readonly fix: { readonly cli: string; readonly stack: string };
  /**
   * What the checks observe on a target, where the experiments' proof kind claims more than the part
   * of them the fault changes (an experiment that invokes a function and reads its mapping, when only
   * the mapping is broken). The guide prints it instead of the proof kinds.
   *
   * @default the proof kinds of the checks that run there
   */
  readonly judgedBy?: Partial<Record<Target, string>>;
  /**
   * Checks the fault cannot break on a target, because the target does not model what it breaks
   * (MiniStack does not filter traffic by security group): they pass there on the broken lab, and
   * `judgedBy` says what judges it instead. The challenge proofs require every other check that
   * runs there to fail.
   *
   * @default none: every check that runs on a target fails on the broken lab there
   */
  readonly notBrokenOn?: Partial<Record<Target, readonly ExperimentId[]>>;
  /**
   * Targets where no check can show the symptom, with the reason; there the challenge says so and
   * points to the AWS path instead of deploying.
   *
   * @default none: it runs wherever one of its checks runs
   */
  readonly skipOn?: Partial<Record<Target, string>>;
}

/** The lab's stack source that challenges edit. */
export function stackSourceOf(lab: LabDefinition, root = PROJECT_ROOT): string {
  return join(root, 'labs', lab.slug, 'stack.ts');
}

export function findChallenge(lab: LabDefinition, name: string | undefined): Challenge {
  const challenges = lab.challenges ?? [];
  const challenge = challenges.find((c) => c.name === name);
  if (!challenge) {
    throw new LabInputError(
      `${lab.id} has no challenge "${name}"; its challenges: ${challenges.map((c) => c.name).join(', ') || 'none yet'}`,
    );
  }
  return challenge;
}

/** Why a challenge cannot show its symptom on a target, or undefined when it can. */
export function whyNotOn(lab: LabDefinition, challenge: Challenge, target: Target): string | undefined {
  if (lab.support[target].level === 'none') return `${lab.id} does not deploy on ${target}`;
  if (challenge.skipOn?.[target]) return challenge.skipOn[target];
  const experiments = experimentsOf(lab).filter((e) => challenge.checks.includes(e.id));
  if (experiments.every((e) => e.skipOn?.[target])) {
    return `none of its checks runs on ${target}: ${experiments.map((e) => e.skipOn?.[target]).join(' ')}`;
  }
  return undefined;
}

/** The targets a challenge runs on. */
export function challengeTargets(lab: LabDefinition, challenge: Challenge): Target[] {
  return TARGETS.filter((target) => whyNotOn(lab, challenge, target) === undefined);
}

/** The source with the challenge's fault in it; refuses when stack.ts no longer holds what it edits. */
export function brokenSource(lab: LabDefinition, challenge: Challenge, source: string): string {
  let broken = source;
  for (const edit of challenge.break) {
    const spans = findIgnoringFormatting(broken, edit.find);
    const count = spans.length;
    if (count !== 1) {
      // Not `git checkout <file>`: that would throw away every uncommitted edit in the file.
      throw new LabInputError(
        `labs/${lab.slug}/stack.ts ${count === 0 ? 'no longer holds' : `holds ${count} copies of`} the code challenge ` +
          `${challenge.name} changes (${JSON.stringify(edit.find.split('\n')[0].trim())}): keep your edits first ` +
          `(git stash, a commit, or a copy of the file), bring that code back as the lab has it, and start the challenge again`,
      );
    }
    const [{ start, end }] = spans;
    broken = broken.slice(0, start) + replacementFor(edit.find, edit.replace) + broken.slice(end);
  }
  return broken;
}

/** The reference AWS CLI fix with the lab's outputs filled in. */
export function cliFixFor(challenge: Challenge, outputs: Readonly<Record<string, string>>): string {
  return challenge.fix.cli.replace(
    /\$([A-Z][A-Za-z0-9]+)\b/g,
    (whole, name: string) => outputs[name] ?? whole,
  );
}

/** The stack outputs a challenge's CLI fix reads (`$Name`). */
export function outputsReadBy(challenge: Challenge): string[] {
  return [...new Set([...challenge.fix.cli.matchAll(/\$([A-Z][A-Za-z0-9]+)\b/g)].map((m) => m[1]))];
}

/** What `labs check` concluded from the check experiments' results. */
export type CheckVerdict =
  | { readonly kind: 'solved' }
  | { readonly kind: 'failing'; readonly failing: readonly ExperimentResult[] }
  | { readonly kind: 'cannot-judge'; readonly reason: string };

export function judge(results: readonly ExperimentResult[]): CheckVerdict {
  const ran = results.filter((r) => r.outcome.status !== 'skipped');
  if (ran.length === 0) return { kind: 'cannot-judge', reason: 'every check was skipped on this target' };
  const failing = ran.filter((r) => r.outcome.status === 'fail');
  return failing.length === 0 ? { kind: 'solved' } : { kind: 'failing', failing };
}

/** A challenge in progress on one lab: what `labs check` and `labs hint` work on. */
export interface ActiveChallenge {
  readonly name: string;
  readonly target: Target;
  readonly startedAt: string;
  readonly hintsShown: number;
  readonly solutionShown?: boolean;
  /** stack.ts before the fault and with it, to put it back without losing the learner's edits. */
  readonly original: string;
  readonly broken: string;
}

/** `.labs/challenges.json` exists but cannot be read back: nothing may treat it as "no challenge". */
export class ChallengeStateUnreadable extends LabInputError {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(
      `${file} cannot be read (${reason}); it records the challenges in progress, so the kit leaves it as it is. ` +
        `npx labs challenge <lab> --restore puts a lab's stack.ts back from its own saved copy; then move the file ` +
        `away (mv ${file} ${file}.unreadable) to start challenges afresh`,
    );
    this.name = 'ChallengeStateUnreadable';
  }
}

/** stack.ts as a challenge found it and as it wrote it, saved on their own before the fault is written. */
export interface SavedSources {
  readonly original: string;
  readonly broken: string;
}

/**
 * The challenges in progress, one per lab at most, in `.labs/challenges.json` (private to the user).
 * Beside it, `challenges/in-progress/` holds each lab's stack.ts before and with the fault, so that
 * `--restore` works even when the record cannot be read.
 */
export class ChallengeStore {
  constructor(private readonly file = join(STATE_DIR, 'challenges.json')) {}

  /** The state directory the record lives in (copies of the learner's edits go there too). */
  get dir(): string {
    return dirname(this.file);
  }

  private readAll(): Record<string, ActiveChallenge> {
    if (!existsSync(this.file)) return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (error) {
      throw new ChallengeStateUnreadable(this.file, (error as Error).message);
    }
    const active = (parsed as { active?: unknown } | null)?.active;
    if (typeof parsed !== 'object' || parsed === null || typeof active !== 'object' || active === null) {
      throw new ChallengeStateUnreadable(this.file, 'it holds no "active" record');
    }
    for (const [labId, entry] of Object.entries(active)) {
      const { original, broken, name } = (entry ?? {}) as Partial<ActiveChallenge>;
      if (typeof original !== 'string' || typeof broken !== 'string' || typeof name !== 'string')
        throw new ChallengeStateUnreadable(this.file, `the record of ${labId} is incomplete`);
    }
    return active as Record<string, ActiveChallenge>;
  }

  private writeAll(active: Record<string, ActiveChallenge>): void {
    if (Object.keys(active).length === 0) {
      rmSync(this.file, { force: true });
      return;
    }
    ensurePrivateDir(dirname(this.file));
    writePrivateFileAtomic(this.file, `${JSON.stringify({ version: 1, active }, null, 2)}\n`);
  }

  private savedPath(labId: string, which: keyof SavedSources): string {
    return join(dirname(this.file), 'challenges', 'in-progress', `${labId}-${which}-stack.ts`);
  }

  /** stack.ts of a lab before and with the fault, from the copies saved when its challenge started. */
  savedSources(labId: string): SavedSources | undefined {
    const original = this.savedPath(labId, 'original');
    if (!existsSync(original)) return undefined;
    const broken = this.savedPath(labId, 'broken');
    return {
      original: readFileSync(original, 'utf8'),
      broken: existsSync(broken) ? readFileSync(broken, 'utf8') : '',
    };
  }

  /** Drops a lab's saved copies (its challenge ended and stack.ts is settled). */
  forgetSavedSources(labId: string): void {
    rmSync(this.savedPath(labId, 'original'), { force: true });
    rmSync(this.savedPath(labId, 'broken'), { force: true });
  }

  /** The ids of the labs with a challenge in progress. */
  labsInProgress(): string[] {
    return Object.keys(this.readAll());
  }

  active(labId: string): ActiveChallenge | undefined {
    return this.readAll()[labId];
  }

  /** The active challenge of a lab, or a message that says how to start one. */
  require(lab: LabDefinition, command: string): ActiveChallenge {
    const active = this.active(lab.id);
    if (!active) {
      throw new LabInputError(
        `${command}: no challenge in progress on ${lab.id}; list them with npx labs challenge ${lab.id}, start one with npx labs challenge ${lab.id} <name>`,
      );
    }
    return active;
  }

  /**
   * Records a challenge: first the two copies of stack.ts on their own, then the record, each
   * written whole (temporary file + rename). The caller writes the fault only after this returns.
   */
  start(labId: string, challenge: ActiveChallenge): void {
    const all = this.readAll();
    if (!all[labId] && existsSync(this.savedPath(labId, 'original'))) {
      throw new LabInputError(
        `a saved copy of ${labId}'s stack.ts from an earlier challenge is in ${this.savedPath(labId, 'original')}: ` +
          `npx labs challenge ${labId} --restore puts it back, then start the challenge again`,
      );
    }
    ensurePrivateDir(dirname(this.savedPath(labId, 'original')));
    writePrivateFileAtomic(this.savedPath(labId, 'original'), challenge.original);
    writePrivateFileAtomic(this.savedPath(labId, 'broken'), challenge.broken);
    this.writeAll({ ...all, [labId]: challenge });
  }

  update(labId: string, change: Partial<ActiveChallenge>): ActiveChallenge {
    const all = this.readAll();
    const updated = { ...all[labId], ...change };
    this.writeAll({ ...all, [labId]: updated });
    return updated;
  }

  end(labId: string): void {
    const all = this.readAll();
    delete all[labId];
    this.writeAll(all);
    this.forgetSavedSources(labId);
  }
}

/**
 * Writes the challenge's fault into the lab's stack.ts, after the store has saved the original
 * (and the record) durably: a failed state write throws before the learner's file is touched.
 */
export function startChallenge(
  lab: LabDefinition,
  challenge: Challenge,
  target: Target,
  store: ChallengeStore,
  root = PROJECT_ROOT,
): ActiveChallenge {
  const file = stackSourceOf(lab, root);
  const original = readFileSync(file, 'utf8');
  const active: ActiveChallenge = {
    name: challenge.name,
    target,
    startedAt: new Date().toISOString(),
    hintsShown: 0,
    original,
    broken: brokenSource(lab, challenge, original),
  };
  store.start(lab.id, active);
  // All or nothing, so that a failed write (a full disk) leaves the learner's file as it was and
  // the saved copies may go with the record.
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, active.broken, { mode: statSync(file).mode & 0o777 });
    renameSync(temporary, file);
  } catch (error) {
    removeTemporary(temporary);
    store.end(lab.id);
    throw error;
  }
  return active;
}

/** Removes a temporary file the kit was writing; something else in its place (a directory) is left. */
function removeTemporary(temporary: string): void {
  try {
    rmSync(temporary, { force: true });
  } catch {
    // not a file the kit made
  }
}

/**
 * A new file for a copy of the learner's edited stack.ts: `<lab>-<challenge>-<time>-stack.ts`, with a
 * counter when two land in the same millisecond. Created exclusively, so no copy is ever overwritten.
 */
function keepCopy(dir: string, stem: string, content: string): string {
  ensurePrivateDir(dir);
  const time = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n++) {
    const copy = join(dir, `${stem}-${time}${n > 1 ? `-${n}` : ''}-stack.ts`);
    let fd: number;
    try {
      fd = openSync(copy, 'wx', PRIVATE_FILE_MODE);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    try {
      writeFileSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return copy;
  }
}

/**
 * Puts stack.ts back as it was before the challenge. Edits the learner made are kept in a copy
 * next to the state, a new one each time (never lost, never overwritten); returns a sentence saying
 * what happened.
 */
export function restoreSource(
  lab: LabDefinition,
  active: SavedSources & { readonly name?: string },
  root = PROJECT_ROOT,
  stateDir = STATE_DIR,
): string {
  const file = stackSourceOf(lab, root);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (current === active.original) return `labs/${lab.slug}/stack.ts is as it was before the challenge`;
  let kept = '';
  if (current !== undefined && current !== active.broken) {
    const copy = keepCopy(
      join(stateDir, 'challenges'),
      active.name ? `${lab.id}-${active.name}` : lab.id,
      current,
    );
    kept = ` (your edited version is kept in ${copy})`;
  }
  writeFileSync(file, active.original);
  return `labs/${lab.slug}/stack.ts is put back as it was before the challenge${kept}`;
}

/** What is wrong with a lab's challenges (too few, unknown checks, edits that no longer apply). */
export function challengeProblems(lab: LabDefinition, root = PROJECT_ROOT): string[] {
  const challenges = lab.challenges ?? [];
  const problems: string[] = [];
  if (runsSomewhere(lab) && challenges.length < 3)
    problems.push(`${lab.id} has ${challenges.length} challenges; at least 3 are expected`);
  const experiments = experimentsOf(lab).map((e) => e.id);
  const source = existsSync(stackSourceOf(lab, root)) ? readFileSync(stackSourceOf(lab, root), 'utf8') : '';
  for (const challenge of challenges) {
    const where = `${lab.id} challenge ${challenge.name}`;
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(challenge.name)) problems.push(`${where}: name is not kebab-case`);
    if (challenge.checks.length === 0) problems.push(`${where}: no checks`);
    for (const check of challenge.checks)
      if (!experiments.includes(check)) problems.push(`${where}: no experiment "${check}"`);
    if (challenge.break.length === 0) problems.push(`${where}: no break`);
    try {
      if (brokenSource(lab, challenge, source) === source)
        problems.push(`${where}: its break changes nothing`);
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
    if (challenge.fix.cli.trim() === '' || challenge.fix.stack.trim() === '')
      problems.push(`${where}: a fix is missing`);
    if (challengeTargets(lab, challenge).length === 0) problems.push(`${where}: runs on no target`);
  }
  if (new Set(challenges.map((c) => c.name)).size !== challenges.length)
    problems.push(`${lab.id}: duplicate names`);
  return problems;
}

/** The checks of a challenge that must fail on the broken lab on a target, in run order. */
export function checksBrokenOn(lab: LabDefinition, challenge: Challenge, target: Target): string[] {
  const unbroken = challenge.notBrokenOn?.[target] ?? [];
  return experimentsOf(lab)
    .filter((e) => challenge.checks.includes(e.id) && !e.skipOn?.[target] && !unbroken.includes(e.id))
    .map((e) => e.name);
}
