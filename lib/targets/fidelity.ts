import type { LabExperiments } from '../experiments/experiment';
import { experimentsOf } from '../experiments/registry';
import { findLab, type Target } from '../lab/catalogue';

/**
 * Where the local emulators were seen to depart from AWS's documented behaviour, or from each
 * other: the table in docs/fidelity.md is generated from this list (`npm run docs`), and
 * `npx labs verify` on an emulator ends with the rows that concern the lab it ran.
 *
 * Add a row when an e2e run shows a difference; name the experiment that shows it (lab and
 * experiment id), so the row stays tied to something that runs (a test fails on an unknown id).
 */
export interface FidelityDifference {
  /** What is done, in a few words. */
  readonly behaviour: string;
  /** What AWS does, as documented. */
  readonly aws: string;
  /** The AWS documentation page that says so. @default none */
  readonly awsDocs?: string;
  readonly ministack: string;
  readonly localstack: string;
  /** The experiments that show it (lab id and experiment id), or where else it was seen. */
  readonly shownBy: readonly { readonly lab: string; readonly experiment: string }[] | string;
}

export const FIDELITY_DIFFERENCES: readonly FidelityDifference[] = [
  {
    behaviour: 'SNS numeric filter condition against a `String` attribute `"500"`',
    aws: 'numeric matching compares Number attributes',
    awsDocs: 'https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html',
    ministack: 'delivered (matches)',
    localstack: 'delivered (matches)',
    shownBy: [{ lab: 'lab-02', experiment: 'numericFilterType' }],
  },
  {
    behaviour: 'Lambda invocation (direct, SQS and stream mappings)',
    aws: 'runs the function',
    ministack: 'runs it (on the host, with the Node the kit installs), as on AWS',
    localstack: 'function created and Active, never invoked (no container runtime on the host)',
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
    localstack: 'accepted (DynamoDB served by moto)',
    shownBy: [{ lab: 'lab-04', experiment: 'indexesLater' }],
  },
  {
    behaviour: 'DynamoDB TTL deletions on the stream',
    aws: 'REMOVE records made by the service, typically within two days',
    awsDocs: 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html',
    ministack: 'deletes expired items without a stream record',
    localstack: 'only with `DYNAMODB_REMOVE_EXPIRED_ITEMS=1` (not set)',
    shownBy: [{ lab: 'lab-04', experiment: 'ttlRemove' }],
  },
  {
    behaviour: 'Stream mapping retries, bisect, partial batch responses',
    aws: 'applied',
    awsDocs: 'https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html',
    ministack: 'ignored',
    localstack: 'not observable (no invocation)',
    shownBy: [{ lab: 'lab-04', experiment: 'onFailureDestination' }],
  },
  {
    behaviour: 'Application Load Balancer in a single subnet',
    aws: 'refused: subnets in at least two Availability Zones',
    awsDocs:
      'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html',
    ministack: 'created',
    localstack: 'no ELBv2 in the free edition',
    shownBy: [{ lab: 'lab-03', experiment: 'singleAzAlbRefused' }],
  },
  {
    behaviour: 'Lambda `VpcConfig`',
    aws: 'the function gets network interfaces in the subnets',
    ministack: 'dropped (no network isolation)',
    localstack: 'lab does not deploy (no ELBv2)',
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

/** The fidelity table of docs/fidelity.md (generated block `fidelity`). */
export function renderFidelityTable(): string {
  const rows = FIDELITY_DIFFERENCES.map((d) => {
    const aws = d.awsDocs ? `${d.aws} ([AWS docs](${d.awsDocs}))` : d.aws;
    const shown =
      typeof d.shownBy === 'string'
        ? d.shownBy
        : d.shownBy.map((s) => `${s.lab} *${labelOf(s.lab, s.experiment)}*`).join('; ');
    return `| ${d.behaviour} | ${aws} | ${d.ministack} | ${d.localstack} | ${shown} |`;
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
 * skipped here, and the known differences that concern this lab).
 */
export function differFromAws(labId: string, target: Target, experiments: LabExperiments): string[] {
  const skipped = experiments.filter((e) => e.skipOn?.[target] && !e.skipOn?.aws).map((e) => e.name);
  const differences = differencesFor(labId).filter(
    (d) => !behavesAsAws(target === 'ministack' ? d.ministack : d.localstack),
  );
  if (skipped.length === 0 && differences.length === 0) return [];
  const lines = [`on AWS, ${labId} would differ from this ${target} run:`];
  for (const name of skipped) lines.push(`  "${name}" runs there (skipped here, reason above)`);
  for (const d of differences) {
    lines.push(
      `  ${d.behaviour}: AWS ${d.aws}; ${target} ${target === 'ministack' ? d.ministack : d.localstack}`,
    );
  }
  return lines;
}
