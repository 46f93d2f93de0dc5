import { CATALOGUE, contextOptions, EXAM_DOMAINS, TARGETS, type TargetSupport } from '../catalogue';
import { estimateHourlyCost, usd } from '../cost/estimate';
import { COMPATIBILITY_STEPS } from '../targets/compatibility';
import { synthesizeLabTemplate } from './lab-template';

const SUPPORT_MARK: Record<TargetSupport['level'], string> = { full: 'yes', partial: 'partial', none: 'no' };

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
    ...TARGETS.map((target) => SUPPORT_MARK[lab.support[target].level]),
    usd(estimateHourlyCost(synthesizeLabTemplate(lab)).perHour),
  ]);
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The README's table of context options. */
export function renderContextTable(): string {
  const rows = contextOptions().map(
    (o) => `| \`${o.name}\` | ${o.labs.join(', ')} | ${o.description} | ${o.default} |`,
  );
  return ['| Option | Labs | What it sets | Default |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The README's list of compatibility steps, from lib/targets/compatibility.ts. */
export function renderCompatibilityTable(): string {
  const rows = COMPATIBILITY_STEPS.map((step) => {
    const when = [
      step.aspect && 'synth',
      step.beforeDeploy && 'before deploy',
      step.afterDeploy && 'after deploy',
      step.afterDestroy && 'after destroy',
    ];
    return `| \`${step.name}\` | \`${step.target}\` | ${when.filter(Boolean).join(', ')} | ${step.why} |`;
  });
  return ['| Step | Target | When | Why, and what it does |', '| --- | --- | --- | --- |', ...rows].join(
    '\n',
  );
}

/** The generated blocks of the README, by marker name. */
export const README_BLOCKS: Record<string, () => string> = {
  'lab-table': renderLabTable,
  'context-options': renderContextTable,
  'compatibility-steps': renderCompatibilityTable,
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
