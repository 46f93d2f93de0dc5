import { renderCommandsMarkdown } from '../cli/command-table';
import { PROJECT_ROOT } from '../core/paths';
import { estimateHourlyCost, usd } from '../cost/estimate';
import { runningOn } from '../experiments/gaps';
import { experimentsOf } from '../experiments/registry';
import {
  allLabs,
  contextOptions,
  EXAM_DOMAINS,
  examDomainsOf,
  type LabDefinition,
  type SupportLevel,
  TARGETS,
  type Target,
} from '../lab/catalogue';
import { coverageByTask, EXAM_TASKS, EXAMS, type Exam } from '../lab/exam-guide';
import { evidenceFor, evidenceWords, templateHash } from '../lab/run-records';
import { COMPATIBILITY_STEPS, type StepPhase, type StepTemplate, stepsFor } from '../targets/compatibility';
import { renderFidelityTable } from '../targets/fidelity';
import { LOCAL_TARGETS } from '../targets/target';
import { synthesizeLabTemplate } from './lab-template';

const SUPPORT_MARK: Record<SupportLevel, string> = {
  full: 'yes',
  partial: 'partial',
  unproven: 'unproven',
  none: 'no',
};

/**
 * A lab's support on a target in a few words: on AWS, what its committed run records prove (linked
 * from `linkFrom`), else its level; the emulators' levels come from the e2e runs.
 */
export function supportCell(
  lab: LabDefinition,
  target: Target,
  template: unknown,
  linkFrom = PROJECT_ROOT,
  words: Record<SupportLevel, string> = SUPPORT_MARK,
): string {
  const level = lab.support[target].level;
  if (target !== 'aws' || level === 'none') return words[level];
  return evidenceWords(evidenceFor(lab.id, target, templateHash(template)), linkFrom) ?? words[level];
}

/** The README's lab table (block `lab-table`), written from the catalogue and the cost model. */
export function renderLabTable(): string {
  const header = [
    'Lab',
    'Title',
    'Exam domains',
    ...TARGETS.map((target) => `\`${target}\``),
    'AWS cost per hour',
  ];
  const rows = allLabs().map((lab) => {
    const template = synthesizeLabTemplate(lab);
    return [
      `[${lab.id}](labs/${lab.slug}/README.md)`,
      lab.title,
      examDomainsOf(lab)
        .map((d) => EXAM_DOMAINS[d])
        .join('<br>'),
      ...TARGETS.map((target) => supportCell(lab, target, template)),
      usd(estimateHourlyCost(template).perHour),
    ];
  });
  const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return table.join('\n');
}

/**
 * The README's exam coverage map (block `exam-coverage`): every task statement of the exam guides
 * in lib/lab/exam-guide.ts, with the labs that declare it (`examTasks` in their lab.ts), and the
 * task statements no lab teaches yet, per exam, for the lab plan.
 */
export function renderExamCoverage(): string {
  const coverage = coverageByTask(allLabs());
  const rows = [...coverage].map(([task, labs]) => {
    const { exam, domain, title } = EXAM_TASKS[task];
    const statement = exam === 'SOA-C03' ? `${title} (domain)` : `${title} (${domain})`;
    const cell = labs.map((lab) => `[${lab.id}](labs/${lab.slug}/README.md)`).join(', ');
    return `| ${task} | ${statement} | ${cell || '**no lab yet**'} |`;
  });
  const gaps = (Object.keys(EXAMS) as Exam[]).map((exam) => {
    const tasks = [...coverage].filter(([task]) => EXAM_TASKS[task].exam === exam);
    const missing = tasks.filter(([, labs]) => labs.length === 0).map(([task]) => task);
    return `- [${exam}](${EXAMS[exam].guide}): ${tasks.length - missing.length} of ${tasks.length} covered${missing.length ? `; no lab yet for ${missing.join(', ')}` : ''}.`;
  });
  return ['| Task statement | Title (domain) | Labs |', '| --- | --- | --- |', ...rows, '', ...gaps].join(
    '\n',
  );
}

/** The table of context options (docs/options.md, block `context-options`). */
export function renderContextTable(): string {
  const rows = contextOptions().map(
    (o) => `| \`${o.name}\` | ${o.labs.join(', ')} | ${o.description} | ${o.default} |`,
  );
  return ['| Option | Labs | What it sets | Default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const PHASE_WORDS: Record<StepPhase, string> = {
  synth: 'synth (in the template)',
  deploy: 'deploy (a custom resource in the template)',
  'labs-destroy': 'after `labs destroy`',
};

/**
 * The list of compatibility steps (docs/targets.md, block `compatibility-steps`; one module each in lib/targets/compatibility/), with
 * what each covers and the labs it applies to, computed from their templates.
 */
export function renderCompatibilityTable(): string {
  const templates = allLabs().map((lab) => [lab, synthesizeLabTemplate(lab) as StepTemplate] as const);
  const rows = COMPATIBILITY_STEPS.map((step) => {
    const labs = templates
      .filter(
        ([lab, template]) =>
          lab.support[step.target].level !== 'none' && stepsFor(template, step.target).includes(step),
      )
      .map(([lab]) => lab.id);
    const covers = [step.covers.resourceTypes.map((type) => `\`${type}\``).join(', '), step.covers.behaviour]
      .filter(Boolean)
      .join(': ');
    const plain = step.phase === 'labs-destroy' ? `no: ${step.plainCdk}` : 'yes';
    return `| \`${step.name}\` | \`${step.target}\` | ${covers} | ${labs.join(', ') || '-'} | ${PHASE_WORDS[step.phase]} | ${plain} | ${step.why} |`;
  });
  return [
    '| Step | Target | Covers | Labs | When | Plain `cdk deploy` / `cdklocal` | Why, and what it does |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * Every experiment an emulator skips, with the reason its experiments give (`skipOn`), per local
 * target: the per-experiment evidence behind each `partial` in the lab table. A lab that does not
 * deploy on a target says so once instead.
 */
export function renderEmulatorSkips(): string {
  const local = LOCAL_TARGETS;
  const rows: string[] = [];
  for (const lab of allLabs()) {
    for (const experiment of experimentsOf(lab)) {
      const skippedWhereItDeploys = (target: (typeof local)[number]) =>
        lab.support[target].level !== 'none' && experiment.skipOn?.[target] !== undefined;
      if (!local.some(skippedWhereItDeploys)) continue;
      const cells = local.map((target) => {
        if (lab.support[target].level === 'none') return 'lab does not deploy';
        const reason = experiment.skipOn?.[target];
        return reason ? `skipped: ${reason.replace(/\|/g, '\\|')}` : 'runs';
      });
      rows.push(`| ${lab.id} | ${experiment.name} | ${cells.join(' | ')} |`);
    }
  }
  return [
    `| Lab | Experiment | ${local.map((target) => `\`${target}\``).join(' | ')} |`,
    `| --- | --- | ${local.map(() => '---').join(' | ')} |`,
    ...rows,
  ].join('\n');
}

const percent = (part: number, whole: number) => `${whole === 0 ? 0 : Math.round((100 * part) / whole)}%`;

/**
 * What the free path shows (README block `local-fidelity`): per local target, how many of the
 * catalogue's experiments run there, per lab and in all (issue 26 aims at 85% on MiniStack).
 */
export function renderLocalFidelity(): string {
  const labs = allLabs();
  const cell = (lab: (typeof labs)[number], target: (typeof LOCAL_TARGETS)[number]) => {
    const { running, total } = runningOn(
      [{ deploys: lab.support[target].level !== 'none', experiments: experimentsOf(lab) }],
      target,
    );
    return lab.support[target].level === 'none'
      ? `0 of ${total} (does not deploy)`
      : `${running} of ${total}`;
  };
  const totals = LOCAL_TARGETS.map((target) => {
    const { running, total } = runningOn(
      labs.map((lab) => ({ deploys: lab.support[target].level !== 'none', experiments: experimentsOf(lab) })),
      target,
    );
    return `**${running} of ${total} (${percent(running, total)})**`;
  });
  return [
    `| Lab | ${LOCAL_TARGETS.map((target) => `runs on \`${target}\``).join(' | ')} |`,
    `| --- | ${LOCAL_TARGETS.map(() => '---').join(' | ')} |`,
    ...labs.map((lab) => `| ${lab.id} | ${LOCAL_TARGETS.map((target) => cell(lab, target)).join(' | ')} |`),
    `| all labs | ${totals.join(' | ')} |`,
  ].join('\n');
}

/**
 * The generated blocks of the top-level docs, by the file that holds them (relative to the project
 * root) and marker name. Each marker exists in exactly one of these files (a test checks it).
 */
export const DOC_BLOCKS: Record<string, Record<string, () => string>> = {
  'README.md': {
    'lab-table': renderLabTable,
    'local-fidelity': renderLocalFidelity,
    'exam-coverage': renderExamCoverage,
  },
  'docs/targets.md': { 'compatibility-steps': renderCompatibilityTable },
  'docs/fidelity.md': { fidelity: renderFidelityTable, 'emulator-skips': renderEmulatorSkips },
  'docs/options.md': { 'context-options': renderContextTable },
  'docs/cli.md': { 'cli-commands': renderCommandsMarkdown },
};

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` for every generated block
 * of `file` (a key of {@link DOC_BLOCKS}).
 */
export function updateDocFile(file: string, text: string): string {
  const blocks = DOC_BLOCKS[file];
  if (!blocks)
    throw new Error(`${file} has no generated blocks; known files: ${Object.keys(DOC_BLOCKS).join(', ')}`);
  return replaceBlocks(text, blocks, file);
}

export function replaceBlocks(document: string, blocks: Record<string, () => string>, file: string): string {
  let text = document;
  for (const [name, render] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(text))
      throw new Error(`${file} has no <!-- ${name}:start --> ... <!-- ${name}:end --> block`);
    text = text.replace(pattern, (_match, start: string, end: string) => `${start}\n${render()}\n${end}`);
  }
  return text;
}
