import { join } from 'node:path';
import { type LabDefinition, TARGETS } from '../catalogue';
import { estimateHourlyCost, formatCostEstimate } from '../cost/estimate';
import { type LabExperiments, PROOF_KINDS } from '../experiments/experiment';
import { renderFactsTable } from '../facts';
import { PROJECT_ROOT } from '../paths';
import { renderMermaid } from './diagram';
import { renderErrataBox } from './errata';
import { synthesizeLabTemplate } from './lab-template';
import { replaceBlocks } from './readme-tables';

const LEVEL_WORDS = { full: 'full', partial: 'partial', none: 'does not deploy' } as const;

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
      '**configuration**: it reads a deployed setting back (weaker: it fails only if the setting changed).',
  ].join('\n');
}

/** The guide's support matrix, from the catalogue. */
export function renderSupportTable(lab: LabDefinition): string {
  const rows = TARGETS.map(
    (target) =>
      `| \`${target}\` | ${LEVEL_WORDS[lab.support[target].level]} | ${lab.support[target].note || '-'} |`,
  );
  return ['| Target | Support | Notes |', '| --- | --- | --- |', ...rows].join('\n');
}

/** Rewrites a guide's generated blocks: `diagram`, `facts`, `errata`, `experiments`, `cost`, `support`. */
export function updateGuide(lab: LabDefinition, guide: string, experiments: LabExperiments): string {
  const template = synthesizeLabTemplate(lab);
  return replaceBlocks(
    guide,
    {
      diagram: () => ['```mermaid', renderMermaid(template), '```'].join('\n'),
      facts: () => renderFactsTable(lab.facts, experiments),
      errata: () => renderErrataBox(lab.errata ?? []),
      experiments: () => renderExperimentsTable(experiments),
      cost: () => formatCostEstimate(estimateHourlyCost(template)),
      support: () => renderSupportTable(lab),
    },
    `labs/${lab.slug}/README.md`,
  );
}
