import type { LabExperiments } from '../experiments/experiment';
import { firstSentence } from '../experiments/gaps';
import { experimentsOf } from '../experiments/registry';
import { findLab, type Target } from '../lab/catalogue';

/** The emulators the table has a column for. */
export type EmulatorTarget = Exclude<Target, 'aws'>;
export const EMULATOR_TARGETS: readonly EmulatorTarget[] = ['ministack', 'localstack'];

/**
 * Where the local emulators were seen to depart from AWS's documented behaviour, or from each
 * other: the table in docs/fidelity.md is generated from this list (`npm run docs`), and
 * `npx labs verify` on an emulator ends with the rows that concern the lab it ran.
 *
 * Add a row when an e2e run shows a difference; name the experiment that shows it (lab and
 * experiment id), so the row stays tied to something that runs (a test fails on an unknown id).
 * Where those experiments are skipped on an emulator, or their lab does not deploy there, leave
 * that emulator's entry out: the cell is derived from their skip reason (or the lab's support
 * level), which is where the gap is written, and a test fails on a hand-written one.
 */
export interface FidelityDifference {
  /** What is done, in a few words. */
  readonly behaviour: string;
  /** What AWS does, as documented. */
  readonly aws: string;
  /** The AWS documentation page that says so. @default none */
  readonly awsDocs?: string;
  /** What MiniStack does. @default derived: the shownBy experiments are skipped there */
  readonly ministack?: string;
  /** What LocalStack does. @default derived: the shownBy experiments are skipped there */
  readonly localstack?: string;
  /** The experiments that show it (lab id and experiment id), or where else it was seen. */
  readonly shownBy: readonly { readonly lab: string; readonly experiment: string }[] | string;
}

export const FIDELITY_DIFFERENCES: readonly FidelityDifference[] = [
  {
    behaviour: 'SNS numeric filter condition against a `String` attribute `"500"`',
    aws: 'numeric matching compares Number attributes',
    awsDocs: 'https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html',
    shownBy: [{ lab: 'lab-02', experiment: 'numericFilterType' }],
  },
  {
    behaviour: 'Lambda invocation (direct, SQS and stream mappings)',
    aws: 'runs the function',
    ministack: 'runs it (on the host, with the Node the kit installs), as on AWS',
    localstack: "runs it (on the host, with the kit's Node, through the kit's runtime executor), as on AWS",
    shownBy: [
      { lab: 'lab-02', experiment: 'fanOut' },
      { lab: 'lab-04', experiment: 'auditLifecycle' },
    ],
  },
  {
    behaviour: 'DynamoDB `UpdateTable` that changes nothing',
    aws: 'refused (ValidationException listing what UpdateTable can change)',
    awsDocs: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html',
    ministack: 'refused, as on AWS',
    shownBy: [{ lab: 'lab-04', experiment: 'indexesLater' }],
  },
  {
    behaviour: 'DynamoDB TTL deletions on the stream',
    aws: 'REMOVE records made by the service, typically within two days',
    awsDocs: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html',
    shownBy: [{ lab: 'lab-04', experiment: 'ttlRemove' }],
  },
  {
    behaviour: 'Stream mapping retries, bisect, partial batch responses',
    aws: 'applied',
    awsDocs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html',
    shownBy: [{ lab: 'lab-04', experiment: 'onFailureDestination' }],
  },
  {
    behaviour: 'Application Load Balancer in a single subnet',
    aws: 'refused: subnets in at least two Availability Zones',
    awsDocs:
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html',
    shownBy: [{ lab: 'lab-03', experiment: 'singleAzAlbRefused' }],
  },
  {
    behaviour: 'Lambda `VpcConfig`',
    aws: 'the function gets network interfaces in the subnets',
    shownBy: [{ lab: 'lab-01', experiment: 'vpcAttachment' }],
  },
  {
    behaviour: 'SNS topic KMS key (encryption at rest)',
    aws: 'applied',
    ministack: 'not applied',
    localstack: 'not checked by an experiment',
    shownBy: 'lab-02 support note',
  },
  {
    behaviour: '`AWS::Logs::LogGroup` `RetentionInDays`',
    aws: 'applied',
    ministack: 'not checked',
    localstack: 'not applied (seen while preparing the host process; no experiment)',
    shownBy: '-',
  },
  {
    behaviour: 'Where it listens',
    aws: '-',
    ministack: '`BIND_HOST` honoured',
    localstack: 'binds `0.0.0.0` whatever `GATEWAY_LISTEN` says (the kit forces 127.0.0.1)',
    shownBy: '`test/e2e/localstack.e2e.test.ts`',
  },
  {
    behaviour: 'Cross-site requests',
    aws: '-',
    ministack: 'answers any origin (the kit guard refuses)',
    localstack: 'refuses origins it does not allow; the kit guard in front too',
    shownBy: '`test/e2e/emulator-host.e2e.test.ts`, `test/e2e/localstack.e2e.test.ts`',
  },
];

/** An experiment's label, for the table (its id when the lab has no such experiment: a test catches that). */
function labelOf(labId: string, experimentId: string): string {
  return experimentsOf(findLab(labId)).find((e) => e.id === experimentId)?.name ?? experimentId;
}

/**
 * Where the experiments that show a difference cannot show it on an emulator: the first sentence of
 * each one's skip reason, or that their lab does not deploy there. `undefined` when one of them
 * runs there (the row then says by hand what it observed).
 */
export function derivedCell(d: FidelityDifference, target: EmulatorTarget): string | undefined {
  if (typeof d.shownBy === 'string' || d.shownBy.length === 0) return undefined;
  const gaps = d.shownBy.map(({ lab, experiment }) => {
    const definition = findLab(lab);
    if (definition.support[target].level === 'none') return `${lab} does not deploy there`;
    const reason = experimentsOf(definition).find((e) => e.id === experiment)?.skipOn?.[target];
    return reason && `skipped: ${firstSentence(reason)}`;
  });
  if (gaps.some((gap) => !gap)) return undefined;
  return [...new Set(gaps)].join('<br>');
}

/** An emulator's cell of a row: written by hand, or derived from the skip reasons. */
export function cellOf(d: FidelityDifference, target: EmulatorTarget): string {
  return d[target] ?? derivedCell(d, target) ?? 'not written (a test fails on it)';
}

/** The fidelity table of docs/fidelity.md (generated block `fidelity`). */
export function renderFidelityTable(): string {
  const rows = FIDELITY_DIFFERENCES.map((d) => {
    const aws = d.awsDocs ? `${d.aws} ([AWS docs](${d.awsDocs}))` : d.aws;
    const shown =
      typeof d.shownBy === 'string'
        ? d.shownBy
        : d.shownBy.map((s) => `${s.lab} *${labelOf(s.lab, s.experiment)}*`).join('; ');
    const cells = EMULATOR_TARGETS.map((target) => cellOf(d, target).replace(/\|/g, '\\|'));
    return `| ${d.behaviour} | ${aws} | ${cells.join(' | ')} | ${shown} |`;
  });
  return [
    '| Behaviour | AWS (documented) | MiniStack | LocalStack (host) | Shown by |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** Whether an emulator's entry says it behaves as AWS does (it ends with "as on AWS"). */
export const behavesAsAws = (text: string) => /as on AWS$/.test(text);

/** The differences that concern one lab, for the end of `labs verify` on an emulator. */
export function differencesFor(labId: string): FidelityDifference[] {
  return FIDELITY_DIFFERENCES.filter(
    (d) => typeof d.shownBy !== 'string' && d.shownBy.some((s) => s.lab === labId),
  );
}

/**
 * The end of `labs verify` on an emulator: what would come out differently on AWS (the experiments
 * skipped here, and the known differences that concern this lab, but those whose entry is derived
 * from these skips: the skip lines already say it).
 */
export function differFromAws(labId: string, target: Target, experiments: LabExperiments): string[] {
  const skipped = experiments.filter((e) => e.skipOn?.[target] && !e.skipOn?.aws).map((e) => e.name);
  if (target === 'aws') return [];
  const differences = differencesFor(labId).filter((d) => {
    const entry = d[target];
    return entry !== undefined && !behavesAsAws(entry);
  });
  if (skipped.length === 0 && differences.length === 0) return [];
  const lines = [`on AWS, ${labId} would differ from this ${target} run:`];
  for (const name of skipped) lines.push(`  "${name}" runs there (skipped here, reason above)`);
  for (const d of differences) {
    lines.push(`  ${d.behaviour}: AWS ${d.aws}; ${target} ${d[target]}`);
  }
  return lines;
}
