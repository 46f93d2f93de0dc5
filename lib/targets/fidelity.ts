import type { LabExperiments } from '../experiments/experiment';
import { firstSentence } from '../experiments/gaps';
import { experimentsOf } from '../experiments/registry';
import { findLab, type Target } from '../lab/catalogue';
import { type MiniStackPatch, miniStackPatches } from './ministack-patches';

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
    behaviour: 'KMS `Encrypt` of 4,097 bytes',
    aws: 'refused: Encrypt takes at most 4,096 bytes of plaintext',
    awsDocs: 'https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html',
    shownBy: [{ lab: 'lab-13', experiment: 'kmsEncryptLimit' }],
  },
  {
    behaviour: 'Step Functions `Retry` on the name of the error a Lambda function throws',
    aws: "matches the function's errorType (the error's name)",
    awsDocs: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html',
    shownBy: [{ lab: 'lab-09', experiment: 'retryNamedError' }],
  },
  {
    behaviour: 'Kinesis stream `StreamEncryption` set in a CloudFormation template',
    aws: 'the stream is encrypted at rest with the KMS key named (EncryptionType KMS)',
    awsDocs:
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-kinesis-stream-streamencryption.html',
    shownBy: [{ lab: 'lab-11', experiment: 'encryptedAtRest' }],
  },
  {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes
    behaviour: 'REST API Lambda integration URI naming the alias with `${stageVariables.lambdaAlias}`',
    aws: "the stage's value is substituted on each request",
    awsDocs: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html',
    shownBy: [{ lab: 'lab-08', experiment: 'stageVariablePicksAlias' }],
  },
  {
    behaviour: 'Stage `MethodSettings` throttling one method, set through CloudFormation',
    aws: 'applied to that method (429 past its rate and burst)',
    awsDocs:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html',
    shownBy: [{ lab: 'lab-08', experiment: 'betaStageThrottlesMethod' }],
  },
  {
    behaviour: 'REST API Lambda proxy response whose `body` is an object',
    aws: '502 (malformed Lambda proxy response)',
    awsDocs:
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format',
    shownBy: [{ lab: 'lab-08', experiment: 'malformedProxyResponse502' }],
  },
  {
    behaviour: 'Secrets Manager `RotateSecret` with a rotation function',
    aws: 'invokes the function for createSecret, setSecret, testSecret and finishSecret',
    awsDocs:
      'https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_lambda-functions.html',
    shownBy: [{ lab: 'lab-13', experiment: 'secretRotated' }],
  },
  {
    behaviour: "A subnet's `AvailableIpAddressCount`",
    aws: 'its size less 5 reserved addresses and those in use',
    awsDocs: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html',
    shownBy: [{ lab: 'lab-05', experiment: 'fiveReservedAddresses' }],
  },
  {
    behaviour: 'Lambda alias with `RoutingConfig` weights (a canary)',
    aws: 'each invocation runs the additional version with its weight as probability',
    awsDocs: 'https://docs.aws.amazon.com/lambda/latest/dg/configuring-alias-routing.html',
    shownBy: [{ lab: 'lab-08', experiment: 'canarySplitsLiveAlias' }],
  },
  {
    behaviour: 'IAM policy simulator (`SimulatePrincipalPolicy`) on a role with a permissions boundary',
    aws: 'allowed only where both the role policies and the boundary allow',
    awsDocs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html',
    shownBy: [{ lab: 'lab-13', experiment: 'boundaryCapsRole' }],
  },
  {
    behaviour:
      'IAM evaluation of requests (MiniStack with `AUTH=true`): an explicit Deny in a resource policy, KMS grants, policy variables in `Resource`',
    aws: "an explicit Deny in a resource policy refuses every principal, the account root included; a grant allows its operations; a policy variable takes the caller's value",
    awsDocs: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html',
    shownBy: [
      { lab: 'lab-06', experiment: 'refuseUnencryptedPut' },
      { lab: 'lab-13', experiment: 'envelopeEncryption' },
      { lab: 'lab-13', experiment: 'policyVariablePerTeam' },
    ],
  },
  {
    behaviour:
      'Parameter Store reads as a role: `GetParametersByPath` on the path, a SecureString decryption',
    aws: "authorized on the path's ARN; decrypting needs `kms:Decrypt` on the parameter's key too",
    awsDocs: 'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-access.html',
    shownBy: [
      { lab: 'lab-13', experiment: 'parametersByPath' },
      { lab: 'lab-13', experiment: 'secureStringNeedsKmsDecrypt' },
    ],
  },
  {
    behaviour: 'CloudFormation `Ref` of an `AWS::SecretsManager::Secret`',
    aws: "the secret's ARN",
    awsDocs:
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-secretsmanager-secret.html',
    shownBy: [{ lab: 'lab-13', experiment: 'fourRotationSteps' }],
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
    ministack:
      'deletes expired items (a reaper every 60 s, services/dynamodb.py _ttl_reaper) without writing a stream record',
    localstack:
      'removes expired items only when started with DYNAMODB_REMOVE_EXPIRED_ITEMS=1, in a periodic sweep',
    shownBy: 'lab-04 guide (TTL fact)',
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

/** The kit's MiniStack patches that let a row's experiments run (none: the row is about stock MiniStack). */
export function patchesOf(d: FidelityDifference, patches = miniStackPatches()): MiniStackPatch[] {
  if (typeof d.shownBy === 'string') return [];
  const shownBy = d.shownBy;
  return patches.filter((p) =>
    p.experiments.some((e) => shownBy.some((s) => s.lab === e.lab && s.experiment === e.experiment)),
  );
}

/**
 * MiniStack's cell where the row's experiments run only because of the kit's patches: their passing
 * run is the proof, so the entry is derived (`undefined` when a row's experiments need no patch).
 */
export function patchedCell(d: FidelityDifference): string | undefined {
  const patches = patchesOf(d);
  if (patches.length === 0 || derivedCell(d, 'ministack') !== undefined) return undefined;
  const names = patches.map((p) => `\`${p.name}\``).join(', ');
  return `with the kit's ${patches.length > 1 ? 'patches' : 'patch'} ${names}: as on AWS`;
}

/** An emulator's cell of a row: written by hand, or derived from the skip reasons (or MiniStack's patches). */
export function cellOf(d: FidelityDifference, target: EmulatorTarget): string {
  return (
    d[target] ??
    derivedCell(d, target) ??
    (target === 'ministack' ? patchedCell(d) : undefined) ??
    'not written (a test fails on it)'
  );
}

/** Stock MiniStack's cell: what a patch's header says it does without it, else the same as with the patches. */
export function stockCell(d: FidelityDifference): string {
  const patches = patchesOf(d);
  return patches.length > 0 ? patches.map((p) => p.stock).join('<br>') : cellOf(d, 'ministack');
}

/** The fidelity table of docs/fidelity.md (generated block `fidelity`). */
export function renderFidelityTable(): string {
  const rows = FIDELITY_DIFFERENCES.map((d) => {
    const aws = d.awsDocs ? `${d.aws} ([AWS docs](${d.awsDocs}))` : d.aws;
    const shown =
      typeof d.shownBy === 'string'
        ? d.shownBy
        : d.shownBy.map((s) => `${s.lab} *${labelOf(s.lab, s.experiment)}*`).join('; ');
    const cells = [stockCell(d), ...EMULATOR_TARGETS.map((target) => cellOf(d, target))].map((cell) =>
      cell.replace(/\|/g, '\\|'),
    );
    return `| ${d.behaviour} | ${aws} | ${cells.join(' | ')} | ${shown} |`;
  });
  return [
    "| Behaviour | AWS (documented) | MiniStack (stock) | MiniStack (with the kit's patches) | LocalStack (host) | Shown by |",
    '| --- | --- | --- | --- | --- | --- |',
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
