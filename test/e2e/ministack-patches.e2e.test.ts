/**
 * The kit's pinned MiniStack patches (lib/targets/ministack-patches), for real: apply.py patches
 * the pinned wheel's files into exactly what the venv holds and refuses any other file; and each
 * patch fixes what it says: its check, through the AWS SDK, fails on a stock MiniStack (the venv's
 * code with the stock files put back, on LABKIT_PATCHES_E2E_PORT, default 4577) and passes on the
 * kit's patched one (on LABKIT_EMULATOR_PORT).
 *
 *   LABKIT_EMULATOR_PORT=4710 LABKIT_PATCHES_E2E_PORT=4711 npx jest --config jest.e2e.config.js \
 *     test/e2e/ministack-patches.e2e.test.ts
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeSubnetsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { CreateRoleCommand, GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { DescribeStreamSummaryCommand, KinesisClient } from '@aws-sdk/client-kinesis';
import { CreateKeyCommand, EncryptCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateFunctionCodeCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { STATE_DIR } from '../../lib/core/paths';
import { hostEmulatorPaths } from '../../lib/targets/host/emulator';
import { emulatorPort, localClientConfig } from '../../lib/targets/local-endpoint';
import { MINISTACK, miniStackPaths, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import {
  APPLIED_RECORD,
  MINISTACK_PATCH_APPLIER,
  miniStackPatches,
} from '../../lib/targets/ministack-patches';
import { AUTH_PATCH_CHECKS } from '../support/auth-patch-checks';

const execFileAsync = promisify(execFile);
const port = emulatorPort();
// The stock MiniStack's port: 4577 (free in every CI lane), or LABKIT_PATCHES_E2E_PORT when that is taken.
const stockPort = Number(process.env.LABKIT_PATCHES_E2E_PORT ?? '4577');
const patched = miniStackPaths(STATE_DIR, port);
const run = Date.now().toString(36);
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const quiet = () => {};

/** The site-packages of the kit's venv. */
function sitePackages(): string {
  const lib = join(patched.venv, 'lib');
  const python = readFileSync(join(patched.venv, 'pyvenv.cfg'), 'utf8').match(/version\S*\s*=\s*(\d+\.\d+)/);
  return process.platform === 'win32'
    ? join(patched.venv, 'Lib', 'site-packages')
    : join(lib, `python${python?.[1]}`, 'site-packages');
}

interface AppliedRecord {
  patches: { name: string }[];
  files: { [file: string]: { stock: string; patched: string } };
}
const record = (): AppliedRecord => JSON.parse(readFileSync(join(patched.venv, APPLIED_RECORD), 'utf8'));

/** A zip holding one stored (uncompressed) file: enough for Lambda's inline ZipFile. */
function zipOne(name: string, content: string): Uint8Array {
  const data = Buffer.from(content);
  const file = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const centralOffset = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Deploys `template` with CloudFormation and returns its outputs (the stack is left for the emulator to drop). */
const functionRoles = new Map<string, Promise<string>>();
/**
 * A role Lambda may assume, one per emulator: with AUTH=true MiniStack refuses CreateFunction with
 * a role that does not exist, as AWS does.
 */
function functionRole(endpoint: string): Promise<string> {
  const existing = functionRoles.get(endpoint);
  if (existing) return existing;
  const created = new IAMClient(localClientConfig(endpoint))
    .send(
      new CreateRoleCommand({
        RoleName: `patch-function-${run}`,
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    )
    .then(({ Role }) => Role?.Arn ?? '');
  functionRoles.set(endpoint, created);
  return created;
}

async function deployTemplate(endpoint: string, name: string, template: object) {
  const cloudformation = new CloudFormationClient(localClientConfig(endpoint));
  const StackName = `${name}-${run}`;
  // The kit's MiniStack runs with AUTH=true: a template with IAM resources needs the capability, as on AWS.
  await cloudformation.send(
    new CreateStackCommand({
      StackName,
      TemplateBody: JSON.stringify(template),
      Capabilities: ['CAPABILITY_IAM'],
    }),
  );
  let stack: Stack | undefined;
  for (let tries = 0; tries < 60 && !stack?.StackStatus?.endsWith('_COMPLETE'); tries++) {
    await sleep(500);
    stack = (await cloudformation.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
  }
  const outputs = Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
  return {
    status: stack?.StackStatus,
    outputs,
    remove: () => cloudformation.send(new DeleteStackCommand({ StackName })),
  };
}

/** A GET on a REST API stage through the emulator's data plane: status and body. */
async function getStage(endpoint: string, apiId: string, stage: string, path: string) {
  const response = await fetch(`${endpoint}/_aws/execute-api/${apiId}/${stage}${path}`);
  return { status: response.status, body: await response.text() };
}

/**
 * A REST API made through the SDK, with a Lambda proxy integration on GET /hello that names the
 * alias by a stage variable, and one on GET /malformed (the function's unqualified ARN) whose
 * function returns an object as body. One per emulator, shared by the checks that use it.
 */
const restApis = new Map<string, Promise<{ apiId: string; stage: string }>>();
function restApi(endpoint: string) {
  const made = restApis.get(endpoint) ?? makeRestApi(endpoint);
  restApis.set(endpoint, made);
  return made;
}
async function makeRestApi(endpoint: string) {
  const lambda = new LambdaClient(localClientConfig(endpoint));
  const apigateway = new APIGatewayClient(localClientConfig(endpoint));
  const FunctionName = `patch-api-${run}`;
  const code =
    "exports.handler = async (event) => (event.path || '').endsWith('/malformed') " +
    "? { statusCode: 200, body: { not: 'a string' } } : { statusCode: 200, body: 'hello from live' };";
  const created = await lambda.send(
    new CreateFunctionCommand({
      FunctionName,
      Runtime: 'nodejs24.x',
      Role: await functionRole(endpoint),
      Handler: 'index.handler',
      Code: { ZipFile: zipOne('index.js', code) },
    }),
  );
  const version = await lambda.send(new PublishVersionCommand({ FunctionName }));
  await lambda.send(new CreateAliasCommand({ FunctionName, Name: 'live', FunctionVersion: version.Version }));
  const { id: apiId } = await apigateway.send(new CreateRestApiCommand({ name: FunctionName }));
  const root = (await apigateway.send(new GetResourcesCommand({ restApiId: apiId }))).items?.find(
    (r) => r.path === '/',
  );
  const invocations = (qualifier: string) =>
    `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${created.FunctionArn}${qualifier}/invocations`;
  for (const [pathPart, qualifier] of [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes
    ['hello', ':${stageVariables.alias}'],
    ['malformed', ''],
  ]) {
    const resource = await apigateway.send(
      new CreateResourceCommand({ restApiId: apiId, parentId: root?.id, pathPart }),
    );
    await apigateway.send(
      new PutMethodCommand({
        restApiId: apiId,
        resourceId: resource.id,
        httpMethod: 'GET',
        authorizationType: 'NONE',
      }),
    );
    await apigateway.send(
      new PutIntegrationCommand({
        restApiId: apiId,
        resourceId: resource.id,
        httpMethod: 'GET',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: invocations(qualifier),
      }),
    );
  }
  await apigateway.send(
    new CreateDeploymentCommand({ restApiId: apiId, stageName: 'test', variables: { alias: 'live' } }),
  );
  return { apiId: apiId ?? '', stage: 'test' };
}

/** What one patch changes, observed through the SDK: whether the emulator at `endpoint` behaves as AWS. */
type Check = (endpoint: string) => Promise<{ asOnAws: boolean; observed: string }>;

const CHECKS: { [patch: string]: Check } = {
  'secretsmanager-rotation-function': async (endpoint) => {
    // A rotation function that does nothing: on AWS, RotateSecret only starts it, so no version
    // becomes AWSCURRENT unless the function's finishSecret moves it.
    const lambda = new LambdaClient(localClientConfig(endpoint));
    const sm = new SecretsManagerClient(localClientConfig(endpoint));
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: `patch-rotation-${run}`,
        Runtime: 'nodejs24.x',
        Role: await functionRole(endpoint),
        Handler: 'index.handler',
        Code: { ZipFile: zipOne('index.js', 'exports.handler = async () => {};') },
      }),
    );
    const secret = await sm.send(
      new CreateSecretCommand({ Name: `patch-rotation-${run}`, SecretString: 'first value' }),
    );
    const rotated = await sm.send(
      new RotateSecretCommand({
        SecretId: secret.ARN,
        RotationLambdaARN: created.FunctionArn,
        RotateImmediately: true,
      }),
    );
    await sleep(3_000);
    const stages =
      (await sm.send(new DescribeSecretCommand({ SecretId: secret.ARN }))).VersionIdsToStages ?? {};
    return {
      asOnAws:
        stages[secret.VersionId ?? '']?.includes('AWSCURRENT') === true &&
        !stages[rotated.VersionId ?? '']?.includes('AWSCURRENT'),
      observed: `after RotateSecret with a function that does nothing: ${JSON.stringify(stages)} (first ${secret.VersionId}, rotation ${rotated.VersionId})`,
    };
  },
  'sns-numeric-filter-number-attributes': async (endpoint) => {
    const sns = new SNSClient(localClientConfig(endpoint));
    const sqs = new SQSClient(localClientConfig(endpoint));
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `patch-numeric-${run}` }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `patch-numeric-${run}` }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    // With AUTH=true the queue's policy must admit the topic, as on AWS.
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: {
          Policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'sns.amazonaws.com' },
                Action: 'sqs:SendMessage',
                Resource: Attributes?.QueueArn,
                Condition: { ArnEquals: { 'aws:SourceArn': TopicArn } },
              },
            ],
          }),
        },
      }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        Attributes: {
          RawMessageDelivery: 'true',
          FilterPolicy: JSON.stringify({ amount: [{ numeric: ['>=', 100, '<=', 1000] }] }),
        },
      }),
    );
    for (const dataType of ['Number', 'String'])
      await sns.send(
        new PublishCommand({
          TopicArn,
          Message: dataType,
          MessageAttributes: { amount: { DataType: dataType, StringValue: '500' } },
        }),
      );
    const received = new Set<string>();
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline) {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
      );
      for (const m of Messages ?? []) {
        received.add(m.Body ?? '');
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
    return {
      asOnAws: received.has('Number') && !received.has('String'),
      observed: `delivered: ${[...received].sort().join(', ') || 'nothing'}`,
    };
  },
  'kms-encrypt-plaintext-limit': async (endpoint) => {
    const kms = new KMSClient(localClientConfig(endpoint));
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: `patch-limit-${run}` }));
    const encrypt = (bytes: number) =>
      kms.send(new EncryptCommand({ KeyId: KeyMetadata?.KeyId, Plaintext: Buffer.alloc(bytes, 7) })).then(
        () => 'accepted',
        (error: Error) => `refused (${error.name})`,
      );
    const [atLimit, over] = [await encrypt(4096), await encrypt(4097)];
    return {
      asOnAws: atLimit === 'accepted' && over === 'refused (ValidationException)',
      observed: `4096 bytes ${atLimit}, 4097 bytes ${over}`,
    };
  },
  'apigateway-stage-variables-in-uri': async (endpoint) => {
    const { apiId, stage } = await restApi(endpoint);
    const answer = await getStage(endpoint, apiId, stage, '/hello');
    return {
      asOnAws: answer.status === 200 && answer.body === 'hello from live',
      observed: `GET /hello (integration on alias \${stageVariables.alias} = live): ${answer.status} ${answer.body.slice(0, 60)}`,
    };
  },
  'apigateway-malformed-proxy-body': async (endpoint) => {
    const { apiId, stage } = await restApi(endpoint);
    const answer = await getStage(endpoint, apiId, stage, '/malformed');
    return {
      asOnAws: answer.status === 502,
      observed: `GET /malformed (body returned as an object): ${answer.status} ${answer.body.slice(0, 60)}`,
    };
  },
  'apigateway-method-settings-escaped-path': async (endpoint) => {
    const template = {
      Resources: {
        Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: `patch-throttle-${run}` } },
        Hello: {
          Type: 'AWS::ApiGateway::Resource',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ParentId: { 'Fn::GetAtt': ['Api', 'RootResourceId'] },
            PathPart: 'hello',
          },
        },
        Get: {
          Type: 'AWS::ApiGateway::Method',
          Properties: {
            RestApiId: { Ref: 'Api' },
            ResourceId: { Ref: 'Hello' },
            HttpMethod: 'GET',
            AuthorizationType: 'NONE',
            Integration: {
              Type: 'MOCK',
              RequestTemplates: { 'application/json': '{"statusCode": 200}' },
              IntegrationResponses: [{ StatusCode: '200' }],
            },
            MethodResponses: [{ StatusCode: '200' }],
          },
        },
        Deployment: {
          Type: 'AWS::ApiGateway::Deployment',
          DependsOn: 'Get',
          Properties: { RestApiId: { Ref: 'Api' } },
        },
        Stage: {
          Type: 'AWS::ApiGateway::Stage',
          Properties: {
            RestApiId: { Ref: 'Api' },
            DeploymentId: { Ref: 'Deployment' },
            StageName: 'beta',
            // As CloudFormation templates (and the CDK) write it: the resource path escaped.
            MethodSettings: [
              {
                ResourcePath: '/~1hello',
                HttpMethod: 'GET',
                ThrottlingRateLimit: 1,
                ThrottlingBurstLimit: 1,
              },
            ],
          },
        },
      },
      Outputs: { ApiId: { Value: { Ref: 'Api' } } },
    };
    const stack = await deployTemplate(endpoint, 'patch-throttle', template);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => getStage(endpoint, stack.outputs.ApiId ?? '', 'beta', '/hello')),
    );
    await stack.remove();
    const statuses = answers.map((a) => a.status);
    return {
      asOnAws: statuses.includes(200) && statuses.includes(429),
      observed: `stack ${stack.status}; 6 concurrent GET /beta/hello: ${statuses.sort().join(', ')}`,
    };
  },
  'cloudformation-role-permissions-boundary': async (endpoint) => {
    const template = {
      Resources: {
        Boundary: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: '*' }],
            },
          },
        },
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            PermissionsBoundary: { Ref: 'Boundary' },
            AssumeRolePolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
              ],
            },
          },
        },
      },
      Outputs: { RoleName: { Value: { Ref: 'Role' } }, BoundaryArn: { Value: { Ref: 'Boundary' } } },
    };
    const stack = await deployTemplate(endpoint, 'patch-role-boundary', template);
    const { Role } = await new IAMClient(localClientConfig(endpoint)).send(
      new GetRoleCommand({ RoleName: stack.outputs.RoleName }),
    );
    await stack.remove();
    const boundary = Role?.PermissionsBoundary?.PermissionsBoundaryArn;
    return {
      asOnAws: boundary !== undefined && boundary === stack.outputs.BoundaryArn,
      observed: `stack ${stack.status}; GetRole PermissionsBoundary: ${boundary ?? 'none'} (template: ${stack.outputs.BoundaryArn})`,
    };
  },
  'ec2-available-ip-address-count': async (endpoint) => {
    const ec2 = new EC2Client(localClientConfig(endpoint));
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.77.0.0/16' }));
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: Vpc?.VpcId, CidrBlock: '10.77.0.0/28' }),
    );
    const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [Subnet?.SubnetId ?? ''] }));
    const available = Subnets?.[0]?.AvailableIpAddressCount;
    return {
      asOnAws: available === 16 - 5,
      observed: `a /28 subnet (16 addresses, no interfaces): AvailableIpAddressCount ${available}`,
    };
  },
  'elbv2-alb-two-zones': async (endpoint) => {
    const ec2 = new EC2Client(localClientConfig(endpoint));
    const elb = new ElasticLoadBalancingV2Client(localClientConfig(endpoint));
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.78.0.0/16' }));
    const subnet = async (CidrBlock: string, AvailabilityZone: string) =>
      (await ec2.send(new CreateSubnetCommand({ VpcId: Vpc?.VpcId, CidrBlock, AvailabilityZone }))).Subnet
        ?.SubnetId ?? '';
    const [a1, a2, b1] = [
      await subnet('10.78.0.0/24', 'us-east-1a'),
      await subnet('10.78.1.0/24', 'us-east-1a'),
      await subnet('10.78.2.0/24', 'us-east-1b'),
    ];
    const create = (Name: string, Subnets: string[]) =>
      elb
        .send(new CreateLoadBalancerCommand({ Name, Type: 'application', Scheme: 'internal', Subnets }))
        .then(
          () => 'accepted',
          (error: Error) => `refused (${error.name})`,
        );
    const [oneZone, twoZones] = [
      await create(`patch-one-zone-${run}`, [a1, a2]),
      await create(`patch-two-zones-${run}`, [a1, b1]),
    ];
    return {
      asOnAws: oneZone === 'refused (ValidationError)' && twoZones === 'accepted',
      observed: `two subnets in us-east-1a: ${oneZone}; in us-east-1a and us-east-1b: ${twoZones}`,
    };
  },
  'kinesis-stream-encryption': async (endpoint) => {
    const cloudformation = new CloudFormationClient(localClientConfig(endpoint));
    const StackName = `patch-stream-encryption-${run}`;
    const template = {
      Resources: {
        Stream: {
          Type: 'AWS::Kinesis::Stream',
          Properties: {
            ShardCount: 1,
            StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
          },
        },
      },
      Outputs: { StreamName: { Value: { Ref: 'Stream' } } },
    };
    // The kit's MiniStack runs with AUTH=true: a template with IAM resources needs the capability, as on AWS.
    await cloudformation.send(
      new CreateStackCommand({
        StackName,
        TemplateBody: JSON.stringify(template),
        Capabilities: ['CAPABILITY_IAM'],
      }),
    );
    let stack: Stack | undefined;
    for (let tries = 0; tries < 60 && !stack?.StackStatus?.endsWith('_COMPLETE'); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      stack = (await cloudformation.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
    }
    const StreamName = stack?.Outputs?.find((o) => o.OutputKey === 'StreamName')?.OutputValue;
    const { StreamDescriptionSummary: s } = await new KinesisClient(localClientConfig(endpoint)).send(
      new DescribeStreamSummaryCommand({ StreamName }),
    );
    await cloudformation.send(new DeleteStackCommand({ StackName }));
    return {
      asOnAws: s?.EncryptionType === 'KMS' && s.KeyId === 'alias/aws/kinesis',
      observed: `stack ${stack?.StackStatus}; stream encryption ${s?.EncryptionType} ${s?.KeyId ?? '(no key)'}`,
    };
  },
  'lambda-alias-routing-weights': async (endpoint) => {
    // Two versions that answer their own number; an alias on 1 sending half its invocations to 2.
    const lambda = new LambdaClient(localClientConfig(endpoint));
    const FunctionName = `patch-weights-${run}`;
    const code = (answer: string) => zipOne('index.js', `exports.handler = async () => '${answer}';`);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: 'nodejs24.x',
        Role: await functionRole(endpoint),
        Handler: 'index.handler',
        Code: { ZipFile: code('one') },
      }),
    );
    const one = await lambda.send(new PublishVersionCommand({ FunctionName }));
    await lambda.send(new UpdateFunctionCodeCommand({ FunctionName, ZipFile: code('two') }));
    const two = await lambda.send(new PublishVersionCommand({ FunctionName }));
    await lambda.send(
      new CreateAliasCommand({
        FunctionName,
        Name: 'live',
        FunctionVersion: one.Version,
        RoutingConfig: { AdditionalVersionWeights: { [two.Version ?? '2']: 0.5 } },
      }),
    );
    const answers: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { Payload } = await lambda.send(new InvokeCommand({ FunctionName, Qualifier: 'live' }));
      answers.push(JSON.parse(Buffer.from(Payload ?? []).toString()));
    }
    const count = (answer: string) => answers.filter((a) => a === answer).length;
    // 40 invocations at 0.5: both versions run (the chance that one never does is 2 in 10^12).
    return {
      asOnAws: count('one') > 0 && count('two') > 0 && count('one') + count('two') === 40,
      observed: `40 invocations of the alias (version ${one.Version}, ${two.Version} at 0.5): ${count('one')} ran ${one.Version}, ${count('two')} ran ${two.Version}`,
    };
  },
  'lambda-error-type': async (endpoint) => {
    const lambda = new LambdaClient(localClientConfig(endpoint));
    const FunctionName = `patch-error-type-${run}`;
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: 'nodejs24.x',
        Role: await functionRole(endpoint),
        Handler: 'index.handler',
        Code: {
          ZipFile: zipOne(
            'index.js',
            "exports.handler = async () => { const e = new Error('provider down'); e.name = 'PaymentProviderUnavailable'; throw e; };",
          ),
        },
      }),
    );
    const answer = await lambda.send(new InvokeCommand({ FunctionName }));
    const payload = JSON.parse(Buffer.from(answer.Payload ?? []).toString() || '{}');
    return {
      asOnAws: answer.FunctionError === 'Unhandled' && payload.errorType === 'PaymentProviderUnavailable',
      observed: `FunctionError ${answer.FunctionError}, errorType ${payload.errorType}`,
    };
  },
  // The patches IAM enforcement (AUTH=true) needs (test/support/auth-patch-checks.ts).
  ...AUTH_PATCH_CHECKS,
};

// The venv's ministack package with the wheel's files put back where the patches changed them.
let stockTree = '';
const stock = hostEmulatorPaths(
  {
    ...MINISTACK,
    environment: (p, paths, parent) => ({
      ...MINISTACK.environment(p, paths, parent),
      PYTHONPATH: stockTree,
    }),
  },
  STATE_DIR,
  stockPort,
);
const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'labkit-patches-'));
  temps.push(dir);
  return dir;
};
const url = (p: number) => `http://127.0.0.1:${p}`;

/** Runs `action` with the kit's emulator port set to the stock one (the lifecycle reads it there). */
async function onStockPort<T>(action: () => Promise<T>): Promise<T> {
  const saved = process.env.LABKIT_EMULATOR_PORT;
  process.env.LABKIT_EMULATOR_PORT = String(stockPort);
  try {
    return await action();
  } finally {
    process.env.LABKIT_EMULATOR_PORT = saved;
  }
}

let startedPatched = false;
beforeAll(async () => {
  startedPatched = (await startEmulator(quiet, { paths: patched })).startedByKit;
  stockTree = temp();
  cpSync(join(sitePackages(), 'ministack'), join(stockTree, 'ministack'), {
    recursive: true,
    preserveTimestamps: true,
  });
  for (const file of Object.keys(record().files))
    cpSync(join(patched.venv, 'labkit-stock', file), join(stockTree, file));
  await onStockPort(async () => {
    await stopEmulator(quiet, stock);
    await startEmulator(quiet, { paths: stock });
  });
});

afterAll(async () => {
  await onStockPort(() => stopEmulator(quiet, stock));
  if (startedPatched) await stopEmulator(quiet, patched);
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

test('the venv holds every patch the kit carries, applied', () => {
  expect(record().patches.map((p) => p.name)).toEqual(miniStackPatches().map((p) => p.name));
  for (const [file, digests] of Object.entries(record().files))
    expect([file, sha256(join(sitePackages(), file))]).toEqual([file, digests.patched]);
});

test("apply.py turns the wheel's files into the installed ones, and refuses a file it was not written for", async () => {
  const root = temp();
  for (const file of Object.keys(record().files))
    cpSync(join(patched.venv, 'labkit-stock', file), join(root, file));
  await execFileAsync(patched.python, [MINISTACK_PATCH_APPLIER, '--root', root]);
  for (const [file, digests] of Object.entries(record().files))
    expect([file, sha256(join(root, file))]).toEqual([file, digests.patched]);
  // Run again: it starts from the stock copies it kept, and ends the same.
  await execFileAsync(patched.python, [MINISTACK_PATCH_APPLIER, '--root', root]);
  for (const [file, digests] of Object.entries(record().files))
    expect([file, sha256(join(root, file))]).toEqual([file, digests.patched]);

  const other = temp();
  const files = Object.keys(record().files);
  for (const file of files) cpSync(join(patched.venv, 'labkit-stock', file), join(other, file));
  writeFileSync(join(other, files[0]), `${readFileSync(join(other, files[0]), 'utf8')}# another release\n`);
  const before = files.map((file) => sha256(join(other, file)));
  const refused = await execFileAsync(patched.python, [MINISTACK_PATCH_APPLIER, '--root', other]).then(
    () => '',
    (error: { stderr?: string }) => error.stderr ?? 'failed',
  );
  expect(refused).toMatch(/is not the file this patch was written for/);
  expect(files.map((file) => sha256(join(other, file)))).toEqual(before);
  expect(existsSync(join(other, APPLIED_RECORD))).toBe(false);
});

test('every patch has a check here', () => {
  expect(miniStackPatches().map((p) => p.name)).toEqual(Object.keys(CHECKS).sort());
});

describe.each(Object.keys(CHECKS).sort())('patch %s', (name) => {
  test('its check fails on stock MiniStack and passes on the patched one', async () => {
    const [onStock, onPatched] = [await CHECKS[name](url(stockPort)), await CHECKS[name](url(port))];
    expect({ stock: onStock, patched: onPatched }).toEqual({
      stock: { asOnAws: false, observed: onStock.observed },
      patched: { asOnAws: true, observed: onPatched.observed },
    });
  });
});
