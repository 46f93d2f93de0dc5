import { renderCommandsMarkdown } from '../cli/command-table';
import { estimateHourlyCost, usd } from '../cost/estimate';
import { experimentsOf } from '../experiments/registry';
import {
  allLabs,
  contextOptions,
  EXAM_DOMAINS,
  TARGETS,
  type Target,
  type TargetSupport,
} from '../lab/catalogue';
import { COMPATIBILITY_STEPS, type StepPhase, type StepTemplate, stepsFor } from '../targets/compatibility';
import { renderFidelityTable } from '../targets/fidelity';
import { miniStackPatches, patchesFor } from '../targets/ministack-patches';
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

/** The README's lab table (block `lab-table`), written from the catalogue and the cost model. */
export function renderLabTable(): string {
  const header = [
    'Lab',
    'Title',
    'Exam domains',
    ...TARGETS.map((target) => `\`${target}\``),
    'AWS cost per hour',
  ];
  const rows = allLabs().map((lab) => [
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
 * deploy on a target says so once instead. Experiments that run on MiniStack only because of the
 * kit's patches (lib/targets/ministack-patches) are listed too, with the patch.
 */
export function renderEmulatorSkips(): string {
  const local = LOCAL_TARGETS;
  const patches = miniStackPatches();
  const rows: string[] = [];
  for (const lab of allLabs()) {
    for (const experiment of experimentsOf(lab)) {
      const skippedWhereItDeploys = (target: (typeof local)[number]) =>
        lab.support[target].level !== 'none' && experiment.skipOn?.[target] !== undefined;
      const patched = patchesFor(lab.id, experiment.id, patches).map((p) => `\`${p.name}\``);
      if (!local.some(skippedWhereItDeploys) && patched.length === 0) continue;
      const cells = local.map((target) => {
        if (lab.support[target].level === 'none') return 'lab does not deploy';
        const reason = experiment.skipOn?.[target];
        if (reason) return `skipped: ${reason.replace(/\|/g, '\\|')}`;
        return target === 'ministack' && patched.length > 0
          ? `runs with the kit's ${patched.length > 1 ? 'patches' : 'patch'} ${patched.join(', ')} (stock MiniStack: skipped)`
          : 'runs';
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

/**
 * The generated blocks of the top-level docs, by the file that holds them (relative to the project
 * root) and marker name. Each marker exists in exactly one of these files (a test checks it).
 */
export const DOC_BLOCKS: Record<string, Record<string, () => string>> = {
  'README.md': { 'lab-table': renderLabTable },
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
