/**
 * Checks for the MiniStack patches that IAM enforcement (AUTH=true) needs, in the shape of
 * test/e2e/ministack-patches.e2e.test.ts's CHECKS: each observes, through the AWS SDK against the
 * emulator at `endpoint` (started by the kit, so with AUTH=true), whether it behaves as AWS does.
 * On stock MiniStack each answers `asOnAws: false`, on the patched one `true`.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  IAMClient,
  PutRolePermissionsBoundaryCommand,
  PutRolePolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateGrantCommand, CreateKeyCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  GetParameterCommand,
  GetParametersByPathCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { localClientConfig } from '../../lib/targets/local-endpoint';

type Check = (endpoint: string) => Promise<{ asOnAws: boolean; observed: string }>;

const run = Date.now().toString(36);
const ACCOUNT = '000000000000';
const TRUST_ACCOUNT = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' },
  ],
});
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/** A role the account may assume, with one inline policy and tags; its ARN. */
async function role(endpoint: string, name: string, document: string, tags: Record<string, string> = {}) {
  const iam = new IAMClient(localClientConfig(endpoint));
  const created = await iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: TRUST_ACCOUNT,
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: document }),
  );
  return created.Role?.Arn ?? '';
}

/** Client settings with the credentials of a session of `roleArn`. */
async function as(endpoint: string, roleArn: string) {
  const sts = new STSClient(localClientConfig(endpoint));
  const { Credentials } = await sts.send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'check' }),
  );
  return {
    ...localClientConfig(endpoint),
    credentials: {
      accessKeyId: Credentials?.AccessKeyId ?? '',
      secretAccessKey: Credentials?.SecretAccessKey ?? '',
      sessionToken: Credentials?.SessionToken ?? '',
    },
  };
}

/** `accepted`, or `refused (<error name>)`. */
async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'accepted';
  } catch (error) {
    return `refused (${(error as Error).name})`;
  }
}

export const AUTH_PATCH_CHECKS: { [patch: string]: Check } = {
  'iam-evaluator-grants-root-deny-policy-variables': async (endpoint) => {
    // The root key and a bucket policy Deny.
    const s3 = new S3Client({ ...localClientConfig(endpoint), forcePathStyle: true });
    const Bucket = `patch-root-deny-${run}`;
    await s3.send(new CreateBucketCommand({ Bucket }));
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket,
        Policy: policy({
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${Bucket}/*`,
        }),
      }),
    );
    const rootPut = await outcome(() => s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' })));
    // A grant to a role with no KMS permission, constrained to an encryption context.
    const kms = new KMSClient(localClientConfig(endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';
    const grantee = await role(
      endpoint,
      `patch-grantee-${run}`,
      policy({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }),
    );
    await kms.send(
      new CreateGrantCommand({
        KeyId: key,
        GranteePrincipal: grantee,
        Operations: ['GenerateDataKey'],
        Constraints: { EncryptionContextSubset: { purpose: 'check' } },
      }),
    );
    const granted = new KMSClient(await as(endpoint, grantee));
    const dataKey = (purpose: string) =>
      outcome(() =>
        granted.send(
          new GenerateDataKeyCommand({ KeyId: key, KeySpec: 'AES_256', EncryptionContext: { purpose } }),
        ),
      );
    const [withContext, otherContext] = [await dataKey('check'), await dataKey('other')];
    // A policy variable in Resource, resolved from the session's principal tag.
    const team = await role(
      endpoint,
      `patch-team-${run}`,
      policy({
        Effect: 'Allow',
        Action: 'ssm:PutParameter',
        // An IAM policy variable, escaped: IAM replaces it, not JavaScript.
        Resource: `arn:aws:ssm:*:${ACCOUNT}:parameter/patch-${run}/\${aws:PrincipalTag/team}/*`,
      }),
      { team: 'blue' },
    );
    const ssm = new SSMClient(await as(endpoint, team));
    const put = (prefix: string) =>
      outcome(() =>
        ssm.send(new PutParameterCommand({ Name: `/patch-${run}/${prefix}/x`, Value: 'v', Type: 'String' })),
      );
    const [own, other] = [await put('blue'), await put('green')];
    return {
      asOnAws:
        rootPut === 'refused (AccessDenied)' &&
        withContext === 'accepted' &&
        otherContext === 'refused (AccessDeniedException)' &&
        own === 'accepted' &&
        other === 'refused (AccessDeniedException)',
      observed: `root put under a bucket Deny: ${rootPut}; data key through the grant: ${withContext}, other context: ${otherContext}; team blue put under blue/: ${own}, green/: ${other}`,
    };
  },
  'iam-simulate-context-and-boundary': async (endpoint) => {
    const iam = new IAMClient(localClientConfig(endpoint));
    const arn = await role(
      endpoint,
      `patch-bounded-${run}`,
      policy({ Effect: 'Allow', Action: 'ssm:*', Resource: '*' }),
    );
    const boundary = await iam.send(
      new CreatePolicyCommand({
        PolicyName: `patch-boundary-${run}`,
        PolicyDocument: policy({ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }),
      }),
    );
    await iam.send(
      new PutRolePermissionsBoundaryCommand({
        RoleName: `patch-bounded-${run}`,
        PermissionsBoundary: boundary.Policy?.Arn,
      }),
    );
    const decide = async (action: string) =>
      (
        await iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: arn,
            ActionNames: [action],
            ResourceArns: [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/x`],
          }),
        )
      ).EvaluationResults?.[0]?.EvalDecision;
    const [read, write] = [await decide('ssm:GetParameter'), await decide('ssm:PutParameter')];
    return {
      asOnAws: read === 'allowed' && write === 'implicitDeny',
      observed: `simulator, role allowed ssm:* under a GetParameter-only boundary: GetParameter ${read}, PutParameter ${write}`,
    };
  },
  'ssm-parameters-by-path-resource': async (endpoint) => {
    const root = new SSMClient(localClientConfig(endpoint));
    await root.send(new PutParameterCommand({ Name: `/patch-path-${run}/a`, Value: 'v', Type: 'String' }));
    const reader = await role(
      endpoint,
      `patch-path-reader-${run}`,
      policy({
        Effect: 'Allow',
        Action: 'ssm:GetParametersByPath',
        Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/patch-path-${run}`,
      }),
    );
    const ssm = new SSMClient(await as(endpoint, reader));
    const read = await outcome(() =>
      ssm.send(new GetParametersByPathCommand({ Path: `/patch-path-${run}` })),
    );
    return {
      asOnAws: read === 'accepted',
      observed: `GetParametersByPath allowed on the path's ARN: ${read}`,
    };
  },
  'ssm-decrypt-needs-kms-decrypt': async (endpoint) => {
    const kms = new KMSClient(localClientConfig(endpoint));
    const key = (await kms.send(new CreateKeyCommand({}))).KeyMetadata?.Arn ?? '';
    const Name = `/patch-decrypt-${run}/secret`;
    await new SSMClient(localClientConfig(endpoint)).send(
      new PutParameterCommand({ Name, Value: 'plaintext', Type: 'SecureString', KeyId: key }),
    );
    const reader = await role(
      endpoint,
      `patch-decrypt-reader-${run}`,
      policy({
        Effect: 'Allow',
        Action: 'ssm:GetParameter',
        Resource: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${Name}`,
      }),
    );
    const ssm = new SSMClient(await as(endpoint, reader));
    const [decrypted, plain] = [
      await outcome(() => ssm.send(new GetParameterCommand({ Name, WithDecryption: true }))),
      await outcome(() => ssm.send(new GetParameterCommand({ Name }))),
    ];
    return {
      asOnAws: decrypted === 'refused (AccessDeniedException)' && plain === 'accepted',
      observed: `no kms:Decrypt on the key: with decryption ${decrypted}, without ${plain}`,
    };
  },
  'secret-ref-is-arn': async (endpoint) => {
    const cfn = new CloudFormationClient(localClientConfig(endpoint));
    const StackName = `patch-secret-ref-${run}`;
    await cfn.send(
      new CreateStackCommand({
        StackName,
        TemplateBody: JSON.stringify({
          Resources: { Secret: { Type: 'AWS::SecretsManager::Secret', Properties: { SecretString: 'x' } } },
          Outputs: { Ref: { Value: { Ref: 'Secret' } } },
        }),
      }),
    );
    let ref = '';
    for (let i = 0; i < 60 && !ref; i++) {
      const stack = (await cfn.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
      if (stack?.StackStatus?.endsWith('_COMPLETE')) ref = stack.Outputs?.[0]?.OutputValue ?? 'none';
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await cfn.send(new DeleteStackCommand({ StackName }));
    return {
      asOnAws: ref.startsWith('arn:aws:secretsmanager:'),
      observed: `Ref of the secret: ${ref}`,
    };
  },
};
