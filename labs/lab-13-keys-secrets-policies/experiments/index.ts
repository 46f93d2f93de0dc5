/**
 * lab-13 experiments: KMS is driven directly (Encrypt, Decrypt) and through the envelope function;
 * Parameter Store is read by path by a function without kms:Decrypt; the secret is rotated; IAM's
 * policy evaluation is asked through the policy simulator about the lab's roles.
 */

import { createDecipheriv, createHash, randomUUID } from 'node:crypto';
import {
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DecryptCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListGrantsCommand,
} from '@aws-sdk/client-kms';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { acceptedOrRefused, newRunId, pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

// The lab's documented facts, stated here on purpose: the experiments check the deployed lab
// against the guide, not against whatever the template says.
const KMS_ENCRYPT_LIMIT = 4096;
const ENVELOPE_PAYLOAD = 1024 * 1024;
const ENVELOPE_CONTEXT = { purpose: 'lab-13-envelope' };
const GRANT_OPERATIONS = ['Decrypt', 'GenerateDataKey'];

const NO_KMS_LIMIT_ON_MINISTACK =
  'MiniStack 1.5.33 checks no plaintext size in Encrypt (services/kms.py _encrypt): it encrypts 4097 bytes, and 70,000, ' +
  'where KMS refuses anything over 4,096 bytes.';
const IAM_NOT_ENFORCED_ON_MINISTACK =
  'MiniStack evaluates IAM policies only when started with AUTH=true, which the kit does not set (it would refuse ' +
  'the kit’s own dummy credentials): a function without kms:Decrypt still gets the plaintext there.';
const ROTATION_STUB_ON_MINISTACK =
  'MiniStack 1.5.33’s RotateSecret does not invoke the rotation function: it copies the current value into a new ' +
  'version and promotes it (services/secretsmanager.py _rotate_secret). The next experiment drives the function itself.';
const NO_BOUNDARY_IN_MINISTACK_SIMULATOR =
  'MiniStack 1.5.33’s SimulatePrincipalPolicy gathers the role’s own policies but leaves out its permissions boundary ' +
  '(services/iam.py _simulate_principal_policy), so it answers "allowed" for what the boundary forbids.';
const NO_POLICY_VARIABLES_IN_MINISTACK =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
  'MiniStack 1.5.33’s policy evaluator does not substitute policy variables such as ${aws:PrincipalTag/team} in ' +
  'Resource (tried: the simulator answers implicitDeny for the own team’s prefix too).';

const kmsOf = (context: ExperimentContext<Output>) => new KMSClient({ ...context.clientConfig });
const iamOf = (context: ExperimentContext<Output>) => new IAMClient({ ...context.clientConfig });

/** Invokes a lab function synchronously; returns its parsed answer, or throws with its error. */
async function invoke<T>(
  context: ExperimentContext<Output>,
  functionName: string,
  payload: unknown,
): Promise<T> {
  const answer = await new LambdaClient({ ...context.clientConfig }).send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  const text = Buffer.from(answer.Payload ?? new Uint8Array()).toString();
  if (answer.FunctionError) throw new Error(`${answer.FunctionError}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Region and account of the deployed lab, read from the key's ARN. */
function regionAndAccount(context: ExperimentContext<Output>): {
  region: string;
  account: string;
  partition: string;
} {
  const [, partition, , region, account] = outputOf(context, 'KeyArn').split(':');
  return { region, account, partition };
}

function parameterArn(context: ExperimentContext<Output>, name: string): string {
  const { partition, region, account } = regionAndAccount(context);
  return `arn:${partition}:ssm:${region}:${account}:parameter${name}`;
}

/** The simulator's decision for one action on one resource, as a principal. */
async function decision(
  context: ExperimentContext<Output>,
  roleArn: string,
  action: string,
  resource: string,
  contextEntries?: { key: string; value: string }[],
): Promise<string> {
  const result = await iamOf(context).send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: roleArn,
      ActionNames: [action],
      ResourceArns: [resource],
      ContextEntries: contextEntries?.map(({ key, value }) => ({
        ContextKeyName: key,
        ContextKeyType: 'string',
        ContextKeyValues: [value],
      })),
    }),
  );
  return result.EvaluationResults?.[0]?.EvalDecision ?? 'none';
}

interface Envelope {
  plaintextBytes: number;
  plaintextSha256: string;
  encryptionContext: Record<string, string>;
  encryptedDataKey: string;
  iv: string;
  authTag: string;
  ciphertext: string;
  roundTrip: boolean;
}

interface ReadResult {
  parameters?: { name: string; type: string; value: string }[];
  error?: { name: string; message: string };
}

const versionsToStages = async (sm: SecretsManagerClient, secretId: string) =>
  (await sm.send(new DescribeSecretCommand({ SecretId: secretId }))).VersionIdsToStages ?? {};
const currentVersion = (stages: Record<string, string[]>) =>
  Object.entries(stages).find(([, s]) => s.includes('AWSCURRENT'))?.[0];
const passwordOf = async (sm: SecretsManagerClient, secretId: string, versionId?: string) =>
  (
    JSON.parse(
      (await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId }))).SecretString ??
        '{}',
    ) as { password?: string }
  ).password;

const encryptUp4Kb: Experiment<Output> = {
  name: 'Encrypt up to 4 KB with KMS directly',
  fact: 'KMS Encrypt takes at most 4,096 bytes of plaintext: 4,096 are accepted, one byte more is refused.',
  proof: 'behaviour',
  skipOn: { ministack: NO_KMS_LIMIT_ON_MINISTACK },
  measures: ['encrypt4097Bytes'],
  async run(context) {
    const kms = kmsOf(context);
    const encrypt = (bytes: number) => () =>
      kms.send(new EncryptCommand({ KeyId: outputOf(context, 'KeyArn'), Plaintext: Buffer.alloc(bytes, 7) }));
    const atLimit = await acceptedOrRefused(encrypt(KMS_ENCRYPT_LIMIT));
    const over = await acceptedOrRefused(encrypt(KMS_ENCRYPT_LIMIT + 1));
    return withMeasurements(
      expectThat(
        atLimit === 'accepted' && over.startsWith('refused'),
        `Encrypt of ${KMS_ENCRYPT_LIMIT} bytes: ${atLimit}; of ${KMS_ENCRYPT_LIMIT + 1} bytes: ${over}`,
        `${KMS_ENCRYPT_LIMIT} bytes accepted, ${KMS_ENCRYPT_LIMIT + 1} refused`,
      ),
      { encrypt4097Bytes: over.startsWith('refused') ? 'refused' : 'accepted' },
    );
  },
};

const envelopeEncrypt1Mib: Experiment<Output> = {
  name: 'Envelope-encrypt 1 MiB with a data key',
  fact: 'Envelope encryption: GenerateDataKey returns a data key in plaintext and encrypted; the payload (of any size) is encrypted locally, only the encrypted data key is kept, and KMS decrypts that key to read the payload back.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['EnvelopeFunctionName', 'ConfigReaderFunctionName'],
    why: 'the parameter reader returns parameters, not an envelope',
  },
  measures: ['envelopeRoundTrip'],
  async run(context) {
    const envelope = await invoke<Envelope>(context, outputOf(context, 'EnvelopeFunctionName'), {
      sizeBytes: ENVELOPE_PAYLOAD,
    });
    if (!envelope.encryptedDataKey || !envelope.ciphertext)
      return fail(`the function answered no envelope: ${JSON.stringify(envelope).slice(0, 200)}`);
    // Open it here, as a reader elsewhere would: KMS decrypts the data key, AES-GCM the payload.
    const dataKey = await kmsOf(context).send(
      new DecryptCommand({
        CiphertextBlob: Buffer.from(envelope.encryptedDataKey, 'base64'),
        EncryptionContext: envelope.encryptionContext,
      }),
    );
    const decipher = createDecipheriv(
      'aes-256-gcm',
      dataKey.Plaintext ?? new Uint8Array(),
      Buffer.from(envelope.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(envelope.authTag, 'base64'));
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(envelope.ciphertext, 'base64')),
      decipher.final(),
    ]);
    const same = createHash('sha256').update(plaintext).digest('hex') === envelope.plaintextSha256;
    const ok = envelope.roundTrip && same && plaintext.length === ENVELOPE_PAYLOAD;
    return withMeasurements(
      expectThat(
        ok,
        `sealed ${envelope.plaintextBytes} bytes under a ${Buffer.from(envelope.encryptedDataKey, 'base64').length}-byte encrypted data key (context ${JSON.stringify(envelope.encryptionContext)}); the function's own round trip ${envelope.roundTrip ? 'matched' : 'did not match'}; decrypted here: ${plaintext.length} bytes, ${same ? 'same SHA-256' : 'different SHA-256'}`,
        `${ENVELOPE_PAYLOAD} bytes back with the same SHA-256, in the function and here`,
      ),
      { envelopeRoundTrip: ok ? 'yes' : 'no' },
    );
  },
};

const refuseDecryptWrongEncryption: Experiment<Output> = {
  name: 'Refuse a decrypt with the wrong encryption context',
  fact: 'The encryption context is bound to the ciphertext (additional authenticated data): Decrypt with a different context is refused, with the same one it succeeds.',
  proof: 'behaviour',
  measures: ['wrongContextDecrypt'],
  async run(context) {
    const kms = kmsOf(context);
    const run = newRunId('context');
    const encryptionContext = { ...ENVELOPE_CONTEXT, run };
    const sealed = await kms.send(
      new EncryptCommand({
        KeyId: outputOf(context, 'KeyArn'),
        Plaintext: Buffer.from(`lab-13 ${run}`),
        EncryptionContext: encryptionContext,
      }),
    );
    const decrypt = (ctx: Record<string, string>) => () =>
      kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: ctx }));
    const wrong = await acceptedOrRefused(decrypt({ ...encryptionContext, purpose: 'something-else' }));
    const right = await acceptedOrRefused(decrypt(encryptionContext));
    return withMeasurements(
      expectThat(
        wrong.startsWith('refused') && right === 'accepted',
        `Decrypt with purpose=something-else: ${wrong}; with the context used to encrypt: ${right}`,
        'refused with the wrong context, accepted with the right one',
      ),
      { wrongContextDecrypt: wrong.startsWith('refused') ? 'refused' : 'accepted' },
    );
  },
};

const giveEnvelopeFunctionKey: Experiment<Output> = {
  name: 'Give the envelope function the key through a grant',
  fact: "A grant lets one principal use a key for listed operations, here only with the lab's encryption context, without changing the key policy or the principal's IAM policy.",
  proof: 'configuration',
  async run(context) {
    const grantee = outputOf(context, 'EnvelopeRoleArn');
    const grants =
      (await kmsOf(context).send(new ListGrantsCommand({ KeyId: outputOf(context, 'KeyArn') }))).Grants ?? [];
    const describe = (g: (typeof grants)[number]) =>
      `${g.Name ?? g.GrantId?.slice(0, 12)}: ${[...(g.Operations ?? [])].sort().join(', ')} if context ${JSON.stringify(g.Constraints?.EncryptionContextSubset ?? {})}`;
    const theirs = grants.filter((g) => g.GranteePrincipal === grantee);
    const ok = theirs.some(
      (g) =>
        [...(g.Operations ?? [])].sort().join() === GRANT_OPERATIONS.join() &&
        JSON.stringify(g.Constraints?.EncryptionContextSubset ?? {}) === JSON.stringify(ENVELOPE_CONTEXT),
    );
    return expectThat(
      ok,
      `${grants.length} grant(s) on the key; for the envelope role: ${theirs.map(describe).join('; ') || 'none'}`,
      `a grant to the envelope role for ${GRANT_OPERATIONS.join(' and ')}, only with ${JSON.stringify(ENVELOPE_CONTEXT)}`,
    );
  },
};

const rotateKeyMaterialYearly: Experiment<Output> = {
  name: 'Rotate the key material yearly',
  fact: 'Automatic rotation of a customer managed key makes new key material every year (by default); the key id stays, and older ciphertexts still decrypt because KMS keeps every earlier material.',
  proof: 'configuration',
  async run(context) {
    const rotation = await kmsOf(context).send(
      new GetKeyRotationStatusCommand({ KeyId: outputOf(context, 'KeyArn') }),
    );
    return expectThat(
      rotation.KeyRotationEnabled === true,
      `GetKeyRotationStatus: KeyRotationEnabled ${rotation.KeyRotationEnabled}${rotation.RotationPeriodInDays ? `, every ${rotation.RotationPeriodInDays} days` : ''}`,
      'KeyRotationEnabled true',
    );
  },
};

const readParameterHierarchyPath: Experiment<Output> = {
  name: 'Read the parameter hierarchy by path',
  fact: 'GetParametersByPath with Recursive reads a whole branch of the Parameter Store hierarchy in one call; without decryption a SecureString comes back still encrypted.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['ConfigReaderFunctionName', 'EnvelopeFunctionName'],
    why: 'the envelope function returns an envelope, not parameters',
  },
  measures: ['parametersUnderPath'],
  async run(context) {
    const read = await invoke<ReadResult>(context, outputOf(context, 'ConfigReaderFunctionName'), {
      decrypt: false,
    });
    const parameters = read.parameters ?? [];
    const secureName = outputOf(context, 'SecureParameterName');
    const plaintext = (
      await new SSMClient({ ...context.clientConfig }).send(
        new GetParameterCommand({ Name: secureName, WithDecryption: true }),
      )
    ).Parameter?.Value;
    const secure = parameters.find((p) => p.name === secureName);
    const strings = parameters.filter((p) => p.type === 'String');
    const ok =
      read.error === undefined &&
      strings.length === 2 &&
      strings.every((p) => p.value.length > 0) &&
      secure?.type === 'SecureString' &&
      plaintext !== undefined &&
      secure.value !== plaintext;
    return withMeasurements(
      expectThat(
        ok,
        `${parameters.length} parameter(s) under ${outputOf(context, 'ParameterPath')}: ${parameters.map((p) => `${p.name} (${p.type}${p.type === 'String' ? ` = ${p.value}` : ''})`).join(', ') || 'none'}${read.error ? `; refused: ${read.error.name}` : ''}; the SecureString without decryption ${secure && secure.value !== plaintext ? 'is not the plaintext' : 'equals the plaintext'}`,
        'two String values and one SecureString whose value, undecrypted, is not the plaintext',
      ),
      { parametersUnderPath: parameters.length },
    );
  },
};

const refuseSecurestringDecryptionWithout: Experiment<Output> = {
  name: 'Refuse a SecureString decryption without kms:Decrypt',
  fact: 'Reading a SecureString with decryption needs kms:Decrypt on its key as well as the ssm:Get* permission: the reader, allowed the path but not the key, is refused.',
  proof: 'behaviour',
  skipOn: { ministack: IAM_NOT_ENFORCED_ON_MINISTACK },
  async run(context) {
    const read = await invoke<ReadResult>(context, outputOf(context, 'ConfigReaderFunctionName'), {
      decrypt: true,
    });
    const plain = await invoke<ReadResult>(context, outputOf(context, 'ConfigReaderFunctionName'), {
      decrypt: false,
    });
    const refused = /AccessDenied|kms:Decrypt|not authorized/i.test(
      `${read.error?.name} ${read.error?.message}`,
    );
    return expectThat(
      refused && plain.error === undefined,
      `with decryption: ${read.error ? `refused (${read.error.name}: ${read.error.message.slice(0, 160)})` : `accepted (${read.parameters?.length} parameters)`}; without: ${plain.error ? `refused (${plain.error.name})` : 'accepted'}`,
      'refused with decryption (kms:Decrypt missing), accepted without',
    );
  },
};

const rotateSecretThroughSecrets: Experiment<Output> = {
  name: 'Rotate the secret through Secrets Manager',
  fact: 'RotateSecret runs the rotation function; at the end AWSCURRENT is on a new version with a new value and AWSPREVIOUS on the old one.',
  proof: 'behaviour',
  skipOn: { ministack: ROTATION_STUB_ON_MINISTACK },
  async run(context) {
    const sm = new SecretsManagerClient({ ...context.clientConfig });
    const secretId = outputOf(context, 'SecretArn');
    const before = currentVersion(await versionsToStages(sm, secretId));
    const oldPassword = await passwordOf(sm, secretId);
    const started = await sm.send(new RotateSecretCommand({ SecretId: secretId, RotateImmediately: true }));
    context.progress('waiting for the rotation function to finish (up to 2 min)');
    const stages = await pollUntil(120_000, 3_000, async () => {
      const now = await versionsToStages(sm, secretId);
      return now[started.VersionId ?? '']?.includes('AWSCURRENT') ? now : undefined;
    });
    const newPassword = await passwordOf(sm, secretId);
    const ok =
      stages !== undefined &&
      before !== undefined &&
      stages[before]?.includes('AWSPREVIOUS') === true &&
      newPassword !== oldPassword;
    return expectThat(
      ok,
      `before: AWSCURRENT on ${before}; after RotateSecret (version ${started.VersionId}): ${stages ? JSON.stringify(stages) : 'AWSCURRENT not moved within 2 min'}; password ${newPassword !== oldPassword ? 'changed' : 'unchanged'}`,
      'AWSCURRENT on the new version, AWSPREVIOUS on the old one, a new password',
    );
  },
};

const runFourRotationSteps: Experiment<Output> = {
  name: 'Run the four rotation steps',
  fact: 'A rotation function implements createSecret (new value as AWSPENDING), setSecret, testSecret and finishSecret (AWSCURRENT moved to the new version, AWSPREVIOUS to the old).',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['RotationFunctionName', 'EnvelopeFunctionName'],
    why: 'the envelope function does not rotate anything',
  },
  measures: ['passwordChanged'],
  async run(context) {
    const sm = new SecretsManagerClient({ ...context.clientConfig });
    const secretId = outputOf(context, 'SecretArn');
    const before = currentVersion(await versionsToStages(sm, secretId));
    const oldPassword = await passwordOf(sm, secretId);
    // The events Secrets Manager sends, with a fresh version token.
    const token = randomUUID();
    const log: string[] = [];
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) {
      try {
        log.push(
          await invoke<string>(context, outputOf(context, 'RotationFunctionName'), {
            Step,
            SecretId: secretId,
            ClientRequestToken: token,
          }),
        );
      } catch (error) {
        return fail(`${Step} failed: ${(error as Error).message}`, 'the four steps succeed');
      }
    }
    const stages = await versionsToStages(sm, secretId);
    const newPassword = await passwordOf(sm, secretId);
    const ok =
      stages[token]?.includes('AWSCURRENT') === true &&
      before !== undefined &&
      stages[before]?.includes('AWSPREVIOUS') === true &&
      newPassword !== undefined &&
      newPassword !== oldPassword;
    return withMeasurements(
      expectThat(
        ok,
        `${log.map((line) => (typeof line === 'string' ? line.split(':')[0] : '?')).join(' -> ')}; stages now ${JSON.stringify(stages)}; password ${newPassword !== oldPassword ? 'changed' : 'unchanged'}`,
        `AWSCURRENT on ${token}, AWSPREVIOUS on ${before}, a new password`,
      ),
      { passwordChanged: newPassword !== oldPassword ? 'yes' : 'no' },
    );
  },
};

const letExplicitDenyBeat: Experiment<Output> = {
  name: 'Let an explicit Deny beat an Allow',
  fact: 'An explicit Deny in any policy wins over every Allow: the analyst may read the app parameters except those under secrets/, which its Allow also covers.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['AnalystRoleArn', 'DeveloperRoleArn'],
    why: 'the developer role has no Deny on the secrets',
  },
  measures: ['analystReadsSecret'],
  async run(context) {
    const role = outputOf(context, 'AnalystRoleArn');
    const path = outputOf(context, 'ParameterPath');
    const config = await decision(
      context,
      role,
      'ssm:GetParameter',
      parameterArn(context, `${path}/config/log-level`),
    );
    const secret = await decision(
      context,
      role,
      'ssm:GetParameter',
      parameterArn(context, outputOf(context, 'SecureParameterName')),
    );
    return withMeasurements(
      expectThat(
        config === 'allowed' && secret === 'explicitDeny',
        `policy simulator, analyst: GetParameter ${path}/config/log-level -> ${config}; ${outputOf(context, 'SecureParameterName')} -> ${secret}`,
        'allowed for the config parameter, explicitDeny for the secret',
      ),
      { analystReadsSecret: secret },
    );
  },
};

const capRolePermissionsBoundary: Experiment<Output> = {
  name: 'Cap a role with a permissions boundary',
  fact: "A permissions boundary caps a role: an action is allowed only if both the role's policies and the boundary allow it, so the developer's own Allow for PutParameter counts for nothing.",
  proof: 'behaviour',
  skipOn: { ministack: NO_BOUNDARY_IN_MINISTACK_SIMULATOR },
  measures: ['developerPutParameter'],
  async run(context) {
    const role = outputOf(context, 'DeveloperRoleArn');
    const resource = parameterArn(context, `${outputOf(context, 'ParameterPath')}/config/log-level`);
    const read = await decision(context, role, 'ssm:GetParameter', resource);
    const write = await decision(context, role, 'ssm:PutParameter', resource);
    // The role's own policies alone, without the boundary, for contrast.
    const iam = iamOf(context);
    const roleName = role.split('/').pop() ?? '';
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
    const documents = await Promise.all(
      names.map(async (PolicyName) =>
        decodeURIComponent(
          (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }))).PolicyDocument ?? '',
        ),
      ),
    );
    const alone = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: documents,
        ActionNames: ['ssm:PutParameter'],
        ResourceArns: [resource],
      }),
    );
    const withoutBoundary = alone.EvaluationResults?.[0]?.EvalDecision ?? 'none';
    return withMeasurements(
      expectThat(
        read === 'allowed' && write === 'implicitDeny' && withoutBoundary === 'allowed',
        `policy simulator, developer: GetParameter -> ${read}, PutParameter -> ${write}; its own policy alone: PutParameter -> ${withoutBoundary}`,
        'GetParameter allowed, PutParameter implicitDeny (allowed by its own policy alone)',
      ),
      { developerPutParameter: write },
    );
  },
};

const scopePolicyPerPrincipal: Experiment<Output> = {
  name: 'Scope one policy per principal with a policy variable',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
  fact: "A policy variable such as ${aws:PrincipalTag/team} is replaced by the caller's own value: one policy gives each team role its own prefix and nothing of the other team's.",
  proof: 'behaviour',
  skipOn: { ministack: NO_POLICY_VARIABLES_IN_MINISTACK },
  async run(context) {
    const iam = iamOf(context);
    const prefix = outputOf(context, 'TeamParameterPrefixArn');
    const roles = [outputOf(context, 'TeamBlueRoleArn'), outputOf(context, 'TeamGreenRoleArn')];
    const teams = await Promise.all(
      roles.map(
        async (arn) =>
          (await iam.send(new ListRoleTagsCommand({ RoleName: arn.split('/').pop() }))).Tags?.find(
            (t) => t.Key === 'team',
          )?.Value ?? 'none',
      ),
    );
    const seen: string[] = [];
    let ok = true;
    for (const [i, role] of roles.entries()) {
      const entries = [{ key: 'aws:PrincipalTag/team', value: teams[i] }];
      const own = await decision(context, role, 'ssm:PutParameter', `${prefix}${teams[i]}/x`, entries);
      const other = teams[1 - i];
      const theirs = await decision(context, role, 'ssm:PutParameter', `${prefix}${other}/x`, entries);
      ok &&= own === 'allowed' && theirs === 'implicitDeny';
      seen.push(`team ${teams[i]}: own prefix -> ${own}, team ${other}'s -> ${theirs}`);
    }
    return expectThat(
      ok,
      `policy simulator, PutParameter: ${seen.join('; ')}`,
      "each team allowed under its own prefix, implicitDeny under the other team's",
    );
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  encryptUp4Kb,
  envelopeEncrypt1Mib,
  refuseDecryptWrongEncryption,
  giveEnvelopeFunctionKey,
  rotateKeyMaterialYearly,
  readParameterHierarchyPath,
  refuseSecurestringDecryptionWithout,
  rotateSecretThroughSecrets,
  runFourRotationSteps,
  letExplicitDenyBeat,
  capRolePermissionsBoundary,
  scopePolicyPerPrincipal,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
