import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../core/paths';
import { estimateHourlyCost, formatCostEstimate } from '../cost/estimate';
import { type LabExperiments, PROOF_KINDS } from '../experiments/experiment';
import { skipSentence } from '../experiments/gaps';
import { experimentsOf } from '../experiments/registry';
import { EXAM_DOMAINS, type LabDefinition, type SupportLevel, TARGETS, type Target } from '../lab/catalogue';
import { EXAM_TASKS } from '../lab/exam-guide';
import { renderFactsTable } from '../lab/facts';
import { type Challenge, challengeTargets } from '../practice/challenges';
import { type StepTemplate, stepsFor } from '../targets/compatibility';
import { renderMermaid } from './diagram';
import { renderErrataBox } from './errata';
import { synthesizeLabTemplate } from './lab-template';
import { citeNotes, renderNoteSources } from './notes';
import { replaceBlocks, supportCell } from './readme-tables';

const LEVEL_WORDS: Record<SupportLevel, string> = {
  full: 'full',
  partial: 'partial',
  unproven: 'unproven (written for it, no run recorded)',
  none: 'does not deploy',
};

/** Where a lab's guide lives. */
export function guideFileOf(lab: LabDefinition): string {
  return join(PROJECT_ROOT, 'labs', lab.slug, 'README.md');
}

/** The guide's experiments table: what `npx labs verify` runs, the fact each proves, where it is skipped. */
export function renderExperimentsTable(experiments: LabExperiments): string {
  const rows = experiments.map((e, i) => {
    const skips = Object.entries(e.skipOn ?? {})
      .map(([target, reason]) => `skipped on \`${target}\`: ${reason}`)
      .join('<br>');
    return `| ${i + 1} | ${e.name} | ${e.fact} | ${e.proof} | ${skips || 'runs everywhere'} |`;
  });
  const counts = PROOF_KINDS.map(
    (kind) => [kind, experiments.filter((e) => e.proof === kind).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
  return [
    '| # | Experiment | Proves | Proof | Where it is skipped |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `Proof kinds: ${counts}. **behaviour**: the experiment drives the lab and watches the result; ` +
      '**simulation**: it asks the IAM policy simulator instead of making the call; ' +
      '**configuration**: it reads a deployed setting back (weaker: it fails only if the setting changed).',
  ].join('\n');
}

/**
 * The compatibility steps a lab gets on a target, computed from its template (as built for AWS),
 * as one sentence for the support matrix; empty when none applies or the lab does not deploy there.
 */
export function compatibilityNote(lab: LabDefinition, target: Target, template: StepTemplate): string {
  if (lab.support[target].level === 'none') return '';
  const steps = stepsFor(template, target);
  if (steps.length === 0) return '';
  const everywhere = steps.filter((s) => s.phase !== 'labs-destroy').map((s) => `\`${s.name}\``);
  const cliOnly = steps.filter((s) => s.phase === 'labs-destroy');
  const parts: string[] = [];
  if (everywhere.length > 0) {
    parts.push(
      `Compatibility steps in the ${target}-bound template (plain \`cdk deploy\` and \`cdklocal\` get them too): ${everywhere.join(', ')}.`,
    );
  }
  for (const step of cliOnly) parts.push(`\`labs destroy\` also runs \`${step.name}\`; ${step.plainCdk}.`);
  return parts.join(' ');
}

/**
 * The guide's support matrix: the catalogue's notes, the experiments skipped (from their skipOn) and
 * the compatibility steps computed from the template.
 */
export function renderSupportTable(
  lab: LabDefinition,
  template: StepTemplate = synthesizeLabTemplate(lab),
  experiments: LabExperiments = experimentsOf(lab),
): string {
  const rows = TARGETS.map((target) => {
    const deploys = lab.support[target].level !== 'none';
    const note = [
      lab.support[target].note,
      deploys ? skipSentence(experiments, target) : '',
      compatibilityNote(lab, target, template),
      challengeNote(lab, target),
    ]
      .filter(Boolean)
      .join(' ');
    const support = supportCell(lab, target, template, dirname(guideFileOf(lab)), LEVEL_WORDS);
    return `| \`${target}\` | ${support} | ${note || '-'} |`;
  });
  return ['| Target | Support | Notes |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The guide's line naming the exam task statements the lab teaches (top of the `facts` block). */
export function renderExamTasks(lab: LabDefinition): string {
  if (lab.examTasks.length === 0) return '';
  const tasks = lab.examTasks.map((task) => `${task} (${EXAM_TASKS[task].title})`);
  return `Exam task statements this lab teaches ([all, with the labs for each](../../README.md#exam-coverage)): ${tasks.join('; ')}.`;
}

/** The guide's practice block: what there is to practise and the commands. */
export function renderPracticeBlock(lab: LabDefinition): string {
  const quiz = lab.quiz ?? [];
  if (quiz.length === 0) return 'No practice yet for this lab.';
  const domains = [...new Set(quiz.map((q) => EXAM_DOMAINS[q.domain]))].join(', ');
  const predictions = lab.predictions ?? [];
  return [
    ...(predictions.length
      ? [
          `- \`npx labs predict ${lab.id}\` before \`npx labs verify ${lab.id}\`: ${predictions.length} questions about what the experiments will measure (${predictions.map((p) => p.id).join(', ')}); verify prints your prediction against what it observed, and a score.`,
        ]
      : []),
    ...renderChallenges(lab),
    `- \`npx labs quiz ${lab.id}\`: ${quiz.length} exam-style questions (${domains}), choices shuffled each time, each answer explained (every wrong choice with its reason) and tied to the experiment or guide section that shows it. In scripts: \`--seed N\` prints them in a fixed order, and \`--seed N --answers 1=a,2=bd,...\` scores it.`,
    '- `npx labs progress`: what you deployed, verified and answered, per lab, exam domain and exam task statement (kept in `.labs/`, never sent anywhere).',
  ].join('\n');
}

/** Where each check of a challenge runs, and what kind of proof it is there. */
function judgedBy(lab: LabDefinition, challenge: Challenge): string {
  const checks = experimentsOf(lab).filter((e) => challenge.checks.includes(e.id));
  return challengeTargets(lab, challenge)
    .map((target) => {
      const kinds = [...new Set(checks.filter((e) => !e.skipOn?.[target]).map((e) => e.proof))];
      return `${target}: ${challenge.judgedBy?.[target] ?? kinds.join(', ')}`;
    })
    .join('; ');
}

/** The practice block's challenge lines and table. */
function renderChallenges(lab: LabDefinition): string[] {
  const challenges = lab.challenges ?? [];
  if (challenges.length === 0) return [];
  return [
    `- \`npx labs challenge ${lab.id}\`: ${challenges.length} break-fix challenges. \`npx labs challenge ${lab.id} <name>\` writes a fault into this folder's \`stack.ts\` and deploys it, and prints only what a user would report. Fix it either with AWS CLI calls against the deployed lab, or by finding the fault in \`stack.ts\` and running \`npx labs deploy ${lab.id}\`. \`git diff\` shows the fault at once: leave it unread until \`check\` says solved (\`git status\` only names the file). \`npx labs check ${lab.id}\` runs the experiments that judge it by the deployed lab, never by the code (solved, or what still fails); \`npx labs hint ${lab.id}\` gives three hints, one at a time (counted in your progress); \`--solution\` shows both reference fixes; \`--restore\` puts \`stack.ts\` back.`,
    '',
    '  | Challenge | What a user reports | Runs on: judged by |',
    '  | --- | --- | --- |',
    ...challenges.map((c) => `  | \`${c.name}\` | ${c.symptom} | ${judgedBy(lab, c)} |`),
    '',
    '  Every challenge that runs on MiniStack is proven both ways there in CI (test/e2e/challenges.e2e.test.ts); the AWS and LocalStack runs are derived from where the checks run and are not run in CI.',
    '',
  ];
}

/** One sentence for a target's row of the support matrix: which challenges run there. */
function challengeNote(lab: LabDefinition, target: Target): string {
  const challenges = lab.challenges ?? [];
  if (challenges.length === 0 || lab.support[target].level === 'none') return '';
  const here = challenges.filter((c) => challengeTargets(lab, c).includes(target)).map((c) => c.name);
  if (here.length === challenges.length) return 'Every challenge runs here.';
  if (here.length === 0) return 'No challenge runs here (their checks are skipped).';
  return `Challenges that run here: ${here.join(', ')}.`;
}

/** Rewrites a guide's generated blocks: `diagram`, `facts`, `errata`, `experiments`, `cost`, `support`. */
export function updateGuide(lab: LabDefinition, guide: string, experiments: LabExperiments): string {
  const template = synthesizeLabTemplate(lab);
  return replaceBlocks(
    guide,
    {
      diagram: () => ['```mermaid', renderMermaid(template), '```'].join('\n'),
      // Facts cite notes by file name; the guide names them by number and topic (the notes are not in the repository).
      facts: () =>
        [
          renderExamTasks(lab),
          renderNoteSources(lab.notes),
          citeNotes(
            renderFactsTable(
              lab.facts,
              experiments,
              TARGETS.filter((target) => lab.support[target].level !== 'none'),
            ),
          ),
        ]
          .filter(Boolean)
          .join('\n\n'),
      errata: () => renderErrataBox(lab.errata ?? []),
      experiments: () => renderExperimentsTable(experiments),
      cost: () => formatCostEstimate(estimateHourlyCost(template)),
      support: () => renderSupportTable(lab, template as StepTemplate, experiments),
      practice: () => renderPracticeBlock(lab),
    },
    `labs/${lab.slug}/README.md`,
  );
}
