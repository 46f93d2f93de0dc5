import {
  CATALOGUE,
  contextOptions,
  EXAM_DOMAINS,
  TARGETS,
  type Target,
  type TargetSupport,
} from '../catalogue';
import { renderCommandsMarkdown } from '../cli/command-table';
import { estimateHourlyCost, usd } from '../cost/estimate';
import { COMPATIBILITY_STEPS, type StepPhase, type StepTemplate, stepsFor } from '../targets/compatibility';
import { renderFidelityTable } from '../targets/fidelity';
import { LOCAL_TARGETS } from '../targets/target';
import { synthesizeLabTemplate } from './lab-template';

const SUPPORT_MARK: Record<TargetSupport['level'], string> = { full: 'yes', partial: 'partial', none: 'no' };

/**
 * Targets where the kit's own runs prove nothing yet, and why: their cells are marked, so the table
 * claims no "yes" that no run backs.
 */
const UNRUN_TARGETS: Partial<Record<Target, string>> = {
  aws: "written and checked for AWS (templates, cdk-nag, experiments with AWS paths), but no run on a real account is recorded: the kit's CI has no AWS account. The experiments say what they observe when you run them.",
};

/** The README's lab table, written from the catalogue and the cost model. */
export function renderLabTable(): string {
  const header = [
    'Lab',
    'Title',
    'Exam domains',
    ...TARGETS.map((target) => `\`${target}\``),
    'AWS cost per hour',
  ];
  const rows = CATALOGUE.map((lab) => [
    `[${lab.id}](labs/${lab.slug}/README.md)`,
    lab.title,
    lab.examDomains.map((d) => EXAM_DOMAINS[d]).join('<br>'),
    ...TARGETS.map((target) => {
      const level = lab.support[target].level;
      return target in UNRUN_TARGETS && level !== 'none' ? `${SUPPORT_MARK[level]}*` : SUPPORT_MARK[level];
    }),
    usd(estimateHourlyCost(synthesizeLabTemplate(lab)).perHour),
  ]);
  const table = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  const footnotes = Object.entries(UNRUN_TARGETS).map(([target, why]) => `\\* \`${target}\`: ${why}`);
  return [...table, '', ...footnotes].join('\n');
}

/** The README's table of context options. */
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
 * The README's list of compatibility steps (one module each in lib/targets/compatibility/), with
 * what each covers and the labs it applies to, computed from their templates.
 */
export function renderCompatibilityTable(): string {
  const templates = CATALOGUE.map((lab) => [lab, synthesizeLabTemplate(lab) as StepTemplate] as const);
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
 * Every experiment an emulator skips, with the reason its verify.ts gives (`skipOn`), per local
 * target: the per-experiment evidence behind each `partial` in the lab table. A lab that does not
 * deploy on a target says so once instead.
 */
export function renderEmulatorSkips(): string {
  const local = LOCAL_TARGETS;
  const rows: string[] = [];
  for (const lab of CATALOGUE) {
    for (const experiment of lab.experiments()) {
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

/** The generated blocks of the README, by marker name. */
export const README_BLOCKS: Record<string, () => string> = {
  'lab-table': renderLabTable,
  fidelity: renderFidelityTable,
  'context-options': renderContextTable,
  'compatibility-steps': renderCompatibilityTable,
  'emulator-skips': renderEmulatorSkips,
  'cli-commands': renderCommandsMarkdown,
};

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` for every generated block.
 */
export function updateReadme(readme: string): string {
  return replaceBlocks(readme, README_BLOCKS, 'README.md');
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
