import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { CloudFormationClient, DescribeStackResourcesCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTableCommand, DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  DescribeLoadBalancersCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { HeadBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { GetTopicAttributesCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ensurePrivateDir, PRIVATE_FILE_MODE, STATE_DIR } from '../paths';
import { TAG_KEYS } from '../tags';

/** A resource of a lab stack, as CloudFormation reported it while the stack existed. */
export interface StackResourceRecord {
  readonly type: string;
  readonly logicalId: string;
  readonly physicalId: string;
}

/** Something that still exists after its lab was destroyed. */
export interface Leftover {
  readonly type: string;
  readonly id: string;
  /** How it was found: it was a stack resource, or its name/tag points at the lab. */
  readonly foundBy: 'stack-resource' | 'name-or-tag';
}

/** Where the kit keeps its records of the stacks it deployed or destroyed (one file per place). */
export const RECORDS_DIR = join(STATE_DIR, 'records');

/** What the kit recorded about one of its stacks: the proof that these physical ids are its own. */
export interface StackRecord {
  readonly stackName: string;
  readonly stackId: string;
  /** ISO time of the last recording. */
  readonly recordedAt: string;
  /** Every resource the stack had at any recording (a later recording adds, never drops). */
  readonly resources: StackResourceRecord[];
}

/** Where resources live: an emulator (by endpoint) or an AWS account, and a region. */
export interface RecordPlace {
  /** The emulator's endpoint; absent for AWS. */
  readonly endpoint?: string;
  /** The AWS account; ignored for an emulator (all of them say 000000000000). */
  readonly account?: string;
  readonly region: string;
}

/** The records file name of a place: `emulator-127.0.0.1-4566-us-east-1`, `aws-123456789012-eu-west-1`. */
export function recordsKey(place: RecordPlace): string {
  const where = place.endpoint
    ? `emulator-${place.endpoint.replace(/^[a-z]+:\/\//i, '')}`
    : `aws-${place.account ?? 'unknown'}`;
  return `${where}-${place.region}`.replace(/[^A-Za-z0-9.-]+/g, '-');
}

type RecordsFile = { stacks: Record<string, StackRecord> };

function readRecords(file: string): RecordsFile {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as RecordsFile;
    return parsed && typeof parsed.stacks === 'object' ? parsed : { stacks: {} };
  } catch {
    return { stacks: {} };
  }
}

function writeRecords(file: string, dir: string, records: RecordsFile): void {
  // Private to the user like the rest of `.labs/`; write then rename, so a crash mid-write never
  // leaves a truncated records file.
  ensurePrivateDir(dir);
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(records, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  renameSync(temporary, file);
}

/** Adds what was recorded about a stack to the records of its place (under the kit's `.labs/`). */
export function saveStackRecord(
  key: string,
  record: Omit<StackRecord, 'recordedAt'>,
  dir = RECORDS_DIR,
): void {
  const file = join(dir, `${key}.json`);
  const records = readRecords(file);
  const merged = new Map<string, StackResourceRecord>();
  for (const r of [...(records.stacks[record.stackName]?.resources ?? []), ...record.resources]) {
    merged.set(`${r.type} ${r.physicalId}`, r);
  }
  records.stacks[record.stackName] = {
    ...record,
    recordedAt: new Date().toISOString(),
    resources: [...merged.values()],
  };
  writeRecords(file, dir, records);
}

/** The kit's records of one place; empty when it never recorded anything there. */
export function loadStackRecords(key: string, dir = RECORDS_DIR): StackRecord[] {
  return Object.values(readRecords(join(dir, `${key}.json`)).stacks);
}

/** Drops physical ids from a place's records (after a sweep deleted them). */
export function forgetRecordedResources(
  key: string,
  physicalIds: readonly string[],
  dir = RECORDS_DIR,
): void {
  const file = join(dir, `${key}.json`);
  const records = readRecords(file);
  const forget = new Set(physicalIds);
  for (const [name, record] of Object.entries(records.stacks)) {
    const resources = record.resources.filter((r) => !forget.has(r.physicalId));
    if (resources.length === 0) delete records.stacks[name];
    else records.stacks[name] = { ...record, resources };
  }
  writeRecords(file, dir, records);
}

/** Region and account from a stack ARN (`arn:aws:cloudformation:<region>:<account>:stack/...`). */
function placeOfStack(stackId: string, clientConfig: Record<string, unknown>): RecordPlace | undefined {
  const [, , , region, account] = stackId.split(':');
  if (!region) return undefined;
  const endpoint = typeof clientConfig.endpoint === 'string' ? clientConfig.endpoint : undefined;
  return { endpoint, account, region };
}

/**
 * Records a stack's resources (call it after a deploy and before a destroy), so the scan afterwards
 * knows what to look for, and keeps the record under `.labs/records/` (pass `recordsDir: false` not
 * to): `labs sweep` deletes a recorded resource that outlived its stack, even when it carries no tag.
 */
export async function recordStackResources(
  stackName: string,
  clientConfig: Record<string, unknown>,
  recordsDir: string | false = RECORDS_DIR,
): Promise<StackResourceRecord[]> {
  const cfn = new CloudFormationClient(clientConfig);
  const result = await cfn.send(new DescribeStackResourcesCommand({ StackName: stackName }));
  const resources = (result.StackResources ?? [])
    .filter((r) => r.PhysicalResourceId)
    .map((r) => ({
      type: r.ResourceType ?? '',
      logicalId: r.LogicalResourceId ?? '',
      physicalId: r.PhysicalResourceId ?? '',
    }));
  const stackId = result.StackResources?.find((r) => r.StackId)?.StackId;
  const place = stackId ? placeOfStack(stackId, clientConfig) : undefined;
  if (recordsDir !== false && stackId && place) {
    saveStackRecord(recordsKey(place), { stackName, stackId, resources }, recordsDir);
  }
  return resources;
}

/** True when the SDK call failed because the thing does not exist. */
async function gone(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return false;
  } catch (error) {
    const name = (error as Error).name ?? '';
    const message = (error as Error).message ?? '';
    if (/NotFound|NonExistent|DoesNotExist|NoSuch|InvalidGroup|ResourceNotFound/i.test(`${name} ${message}`))
      return true;
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return true;
    throw error;
  }
}

type ExistenceCheck = (id: string, config: Record<string, unknown>) => Promise<boolean>;

/** Per resource type: does a resource with this physical id still exist? */
const STILL_EXISTS: Record<string, ExistenceCheck> = {
  'AWS::SQS::Queue': async (url, c) =>
    !(await gone(() => new SQSClient(c).send(new GetQueueAttributesCommand({ QueueUrl: url })))),
  'AWS::SNS::Topic': async (arn, c) =>
    !(await gone(() => new SNSClient(c).send(new GetTopicAttributesCommand({ TopicArn: arn })))),
  'AWS::DynamoDB::Table': async (name, c) =>
    !(await gone(() => new DynamoDBClient(c).send(new DescribeTableCommand({ TableName: name })))),
  'AWS::DynamoDB::GlobalTable': async (name, c) =>
    !(await gone(() => new DynamoDBClient(c).send(new DescribeTableCommand({ TableName: name })))),
  'AWS::Lambda::Function': async (name, c) =>
    !(await gone(() => new LambdaClient(c).send(new GetFunctionCommand({ FunctionName: name })))),
  'AWS::Logs::LogGroup': async (name, c) => {
    const found = await new CloudWatchLogsClient(c).send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
    );
    return (found.logGroups ?? []).some((group) => group.logGroupName === name);
  },
  'AWS::S3::Bucket': async (name, c) =>
    !(await gone(() =>
      new S3Client({ ...c, forcePathStyle: true }).send(new HeadBucketCommand({ Bucket: name })),
    )),
  'AWS::ElasticLoadBalancingV2::LoadBalancer': async (arn, c) =>
    !(await gone(async () => {
      const found = await new ElasticLoadBalancingV2Client(c).send(
        new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }),
      );
      if ((found.LoadBalancers ?? []).length === 0)
        throw Object.assign(new Error('gone'), { name: 'NotFound' });
    })),
  'AWS::EC2::SecurityGroup': async (id, c) =>
    !(await gone(() => new EC2Client(c).send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })))),
  'AWS::EC2::VPC': async (id, c) =>
    !(await gone(() => new EC2Client(c).send(new DescribeVpcsCommand({ VpcIds: [id] })))),
  'AWS::AutoScaling::AutoScalingGroup': async (name, c) => {
    const found = await new AutoScalingClient(c).send(
      new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
    );
    return (found.AutoScalingGroups ?? []).length > 0;
  },
};

/** The resource types the scan can check by physical id. */
export const CHECKED_RESOURCE_TYPES = Object.keys(STILL_EXISTS);

/** Names the emulator or AWS gives a lab's resources start with the stack name (`lab-02-Billing...`). */
function namedForLab(name: string | undefined, stackName: string): boolean {
  if (!name) return false;
  const last = name.split(/[/:]/).pop() ?? name;
  return last.startsWith(`${stackName}-`) || name.includes(`/aws/lambda/${stackName}-`);
}

async function scanByNameOrTag(stackName: string, c: Record<string, unknown>): Promise<Leftover[]> {
  const found: Leftover[] = [];
  const add = (type: string, id: string) => found.push({ type, id, foundBy: 'name-or-tag' });
  const queues = await new SQSClient(c).send(new ListQueuesCommand({}));
  for (const url of queues.QueueUrls ?? []) if (namedForLab(url, stackName)) add('AWS::SQS::Queue', url);
  const topics = await new SNSClient(c).send(new ListTopicsCommand({}));
  for (const t of topics.Topics ?? [])
    if (namedForLab(t.TopicArn, stackName)) add('AWS::SNS::Topic', t.TopicArn ?? '');
  const tables = await new DynamoDBClient(c).send(new ListTablesCommand({}));
  for (const name of tables.TableNames ?? [])
    if (namedForLab(name, stackName)) add('AWS::DynamoDB::Table', name);
  const functions = await new LambdaClient(c).send(new ListFunctionsCommand({}));
  for (const f of functions.Functions ?? []) {
    if (namedForLab(f.FunctionName, stackName)) add('AWS::Lambda::Function', f.FunctionName ?? '');
  }
  const logGroups = await new CloudWatchLogsClient(c).send(new DescribeLogGroupsCommand({}));
  for (const g of logGroups.logGroups ?? []) {
    if (namedForLab(g.logGroupName, stackName)) add('AWS::Logs::LogGroup', g.logGroupName ?? '');
  }
  const buckets = await new S3Client({ ...c, forcePathStyle: true }).send(new ListBucketsCommand({}));
  for (const b of buckets.Buckets ?? [])
    if (namedForLab(b.Name, stackName)) add('AWS::S3::Bucket', b.Name ?? '');
  const balancers = await new ElasticLoadBalancingV2Client(c).send(new DescribeLoadBalancersCommand({}));
  for (const lb of balancers.LoadBalancers ?? []) {
    if (namedForLab(lb.LoadBalancerName, stackName))
      add('AWS::ElasticLoadBalancingV2::LoadBalancer', lb.LoadBalancerArn ?? '');
  }
  const groups = await new EC2Client(c).send(new DescribeSecurityGroupsCommand({}));
  for (const g of groups.SecurityGroups ?? []) {
    const tagged = g.Tags?.some((t) => t.Key === TAG_KEYS.lab && t.Value === stackName);
    if (tagged || namedForLab(g.GroupName, stackName)) add('AWS::EC2::SecurityGroup', g.GroupId ?? '');
  }
  return found;
}

/**
 * Looks for anything a destroyed lab left behind: each recorded stack resource of a checkable type
 * must be gone, and no queue, topic, table, function, log group, bucket, load balancer or security
 * group may carry the lab's name or tag.
 */
export async function findLeftovers(
  stackName: string,
  recorded: readonly StackResourceRecord[],
  clientConfig: Record<string, unknown>,
): Promise<Leftover[]> {
  const leftovers: Leftover[] = [];
  for (const resource of recorded) {
    const check = STILL_EXISTS[resource.type];
    if (check && (await check(resource.physicalId, clientConfig))) {
      leftovers.push({ type: resource.type, id: resource.physicalId, foundBy: 'stack-resource' });
    }
  }
  const known = new Set(leftovers.map((l) => l.id));
  for (const extra of await scanByNameOrTag(stackName, clientConfig))
    if (!known.has(extra.id)) leftovers.push(extra);
  return leftovers;
}
