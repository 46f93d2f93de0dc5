import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { addLabStack } from '../../lib/cdk/app';
import { KIT_VERSION } from '../../lib/core/version';
import { allLabs } from '../../lib/lab/catalogue';
import { loadStackRecords, recordsKey, saveStackRecord } from '../../lib/operations/leftovers';
import {
  FAILED,
  findSweepCandidates,
  formatRefusal,
  type SweepCandidate,
  type SweepClients,
  surveySweep,
  sweep,
} from '../../lib/operations/sweep';
import { TAG_KEYS } from '../../lib/safety/tags';
import { testApp } from '../support/synth';

/**
 * Sweep against a stand-in for AWS: real SDK clients and commands, with a middleware at the start of
 * each client's stack that answers every call from a table instead of the network. Records every
 * call (region, command, input) so tests can check paging and regions.
 */
type Answer = (input: Record<string, unknown>, region: string) => unknown;
type Call = { region: string; command: string; input: Record<string, unknown> };

function standIn(answers: Record<string, Answer>, calls: Call[] = []): (region: string) => SweepClients {
  return (region) => {
    const config = { region, credentials: { accessKeyId: 'stand-in', secretAccessKey: 'stand-in' } };
    const wire = <T extends { middlewareStack: { add: (...args: never[]) => void } }>(client: T): T => {
      const answer =
        (_next: unknown, context: { commandName: string }) => async (args: { input: object }) => {
          const input = args.input as Record<string, unknown>;
          calls.push({ region, command: context.commandName, input });
          const handler = answers[context.commandName];
          if (!handler) throw new Error(`stand-in has no answer for ${context.commandName}`);
          return { output: { $metadata: {}, ...((await handler(input, region)) as object) }, response: {} };
        };
      (client.middlewareStack.add as (m: unknown, o: unknown) => void)(answer, {
        step: 'initialize',
        name: 'standIn',
        priority: 'high',
      });
      return client;
    };
    return {
      cloudFormation: wire(new CloudFormationClient(config)),
      logs: wire(new CloudWatchLogsClient(config)),
      ec2: wire(new EC2Client(config)),
      s3: wire(new S3Client({ ...config, forcePathStyle: true })),
      sts: wire(new STSClient(config)),
    };
  };
}

const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2999-01-01T00:00:00.000Z';
const ACCOUNT = '111122223333';
const tags = (lab?: string, expiresAt?: string) => [
  ...(lab ? [{ Key: TAG_KEYS.lab, Value: lab }] : []),
  ...(expiresAt ? [{ Key: TAG_KEYS.expiresAt, Value: expiresAt }] : []),
];
const stackArn = (name: string, region = 'us-east-1') =>
  `arn:aws:cloudformation:${region}:${ACCOUNT}:stack/${name}/uuid-${name}`;
const stack = (
  name: string,
  status: string,
  stackTags: { Key: string; Value: string }[],
  reason?: string,
  region = 'us-east-1',
) => ({
  StackName: name,
  StackId: stackArn(name, region),
  StackStatus: status,
  StackStatusReason: reason,
  Tags: stackTags,
});
const logGroup = (name: string) => ({
  logGroupName: name,
  logGroupArn: `arn:aws:logs:r:${ACCOUNT}:log-group:${name}`,
});
const noSuchTagSet = () => {
  throw Object.assign(new Error('The TagSet does not exist'), { name: 'NoSuchTagSet' });
};

/** An account with nothing in it; tests override single answers. */
function emptyAccount(overrides: Record<string, Answer> = {}): Record<string, Answer> {
  return {
    GetCallerIdentityCommand: () => ({ Account: ACCOUNT }),
    DescribeStacksCommand: () => ({ Stacks: [] }),
    DescribeLogGroupsCommand: () => ({ logGroups: [] }),
    ListTagsForResourceCommand: () => ({ tags: {} }),
    ListTagsLogGroupCommand: () => ({ tags: {} }),
    DescribeNetworkInterfacesCommand: () => ({ NetworkInterfaces: [] }),
    DescribeAddressesCommand: () => ({ Addresses: [] }),
    DescribeSnapshotsCommand: () => ({ Snapshots: [] }),
    ListBucketsCommand: () => ({ Buckets: [] }),
    GetBucketTaggingCommand: noSuchTagSet,
    ...overrides,
  };
}

const config = { region: 'us-east-1' };
let recordsDir: string;
beforeEach(() => {
  recordsDir = mkdtempSync(join(tmpdir(), 'labkit-records-'));
});
afterEach(() => rmSync(recordsDir, { recursive: true, force: true }));
/** What `labs deploy` records for a lab stack it deployed: its ARN (the proof), and its resources. */
const recordDeployed = (
  name: string,
  resources: { type: string; physicalId: string }[] = [],
  region = 'us-east-1',
) =>
  saveStackRecord(
    recordsKey({ account: ACCOUNT, region }),
    {
      stackName: name,
      stackId: stackArn(name, region),
      resources: resources.map((r) => ({ ...r, logicalId: 'L' })),
    },
    recordsDir,
  );
const surveyOptions = (
  answers: Record<string, Answer>,
  extra: { env?: NodeJS.ProcessEnv; calls?: Call[] },
) => ({
  clientsFor: standIn(answers, extra.calls),
  env: extra.env ?? {},
  recordsDir,
  now: Date.parse('2026-11-24T00:00:00Z'),
});
const survey = (answers: Record<string, Answer>, extra: { env?: NodeJS.ProcessEnv; calls?: Call[] } = {}) =>
  surveySweep(config, surveyOptions(answers, extra));
const refusals = (refused: { type: string; id: string; missing: string }[]) =>
  refused.map((r) => [r.type, r.id, r.missing]).sort();
const find = (answers: Record<string, Answer>, extra: { env?: NodeJS.ProcessEnv; calls?: Call[] } = {}) =>
  findSweepCandidates(config, {
    clientsFor: standIn(answers, extra.calls),
    env: extra.env ?? {},
    recordsDir,
    now: Date.parse('2026-11-24T00:00:00Z'),
  });
const summary = (found: SweepCandidate[]) =>
  found.map((c) => [c.kind, c.type, c.id, c.region, c.proof]).sort();

describe('labs sweep acts only on what the kit can prove is its own', () => {
  test('look-alike names without the kit tag are never candidates (stacks, log groups, buckets)', async () => {
    const found = await find(
      emptyAccount({
        DescribeStacksCommand: () => ({
          Stacks: [
            stack('lab-02', 'CREATE_COMPLETE', tags(undefined, PAST)),
            stack('lab-02-lookalike', 'DELETE_FAILED', []),
          ],
        }),
        DescribeLogGroupsCommand: () => ({
          logGroups: [logGroup('/ecs/payments-lab-03'), logGroup('/aws/lambda/team-lab-01-prod-api')],
        }),
        ListBucketsCommand: () => ({ Buckets: [{ Name: 'acme-lab-02-backups', BucketRegion: 'us-east-1' }] }),
      }),
    );
    expect(found).toEqual([]);
  });

  test('expired and DELETE_FAILED lab stacks whose ARN the kit recorded; tagged-only resources are refused', async () => {
    for (const lab of ['lab-01', 'lab-02', 'lab-03', 'lab-04']) recordDeployed(lab);
    const { candidates: found, refused } = await survey(
      emptyAccount({
        DescribeStacksCommand: () => ({
          Stacks: [
            stack('lab-01', 'CREATE_COMPLETE', tags('lab-01', PAST)),
            stack('lab-02', 'DELETE_FAILED', tags('lab-02', FUTURE), 'bucket not empty'),
            stack('lab-03', 'UPDATE_COMPLETE', tags('lab-03', FUTURE)),
            stack('lab-04', 'DELETE_IN_PROGRESS', tags('lab-04', PAST)),
            stack('lab-05', 'DELETE_COMPLETE', tags('lab-05', PAST)),
          ],
        }),
        DescribeLogGroupsCommand: () => ({
          logGroups: [logGroup('/lab-03/live'), logGroup('/x/orphan'), logGroup('/x/untagged')],
        }),
        ListTagsForResourceCommand: ({ resourceArn }) => ({
          tags: String(resourceArn).endsWith('/lab-03/live')
            ? { [TAG_KEYS.lab]: 'lab-03' }
            : String(resourceArn).endsWith('/x/orphan')
              ? { [TAG_KEYS.lab]: 'lab-05' }
              : {},
        }),
      }),
    );
    expect(summary(found)).toEqual([
      ['expired-stack', 'AWS::CloudFormation::Stack', 'lab-01', 'us-east-1', 'record'],
      ['failed-stack', 'AWS::CloudFormation::Stack', 'lab-02', 'us-east-1', 'record'],
    ]);
    // Its tag claims lab-05, whose stack is gone; the kit never recorded the log group.
    expect(refusals(refused)).toEqual([
      [
        'AWS::Logs::LogGroup',
        '/x/orphan',
        'tagged labkit:lab=lab-05, but no record of the kit lists it (only what a lab stack deployed by npx labs held is proven), and no lab-05 stack in us-east-1',
      ],
    ]);
    expect(found.find((c) => c.kind === 'failed-stack')?.reason).toBe('its delete failed: bucket not empty');
    // Deleted by ARN: exactly the stack that was listed.
    expect(found.find((c) => c.id === 'lab-01')?.stackId).toMatch(/stack\/lab-01\/uuid-lab-01$/);
  });

  test('a log group without an ARN is read with ListTagsLogGroup; unreadable tags prove nothing', async () => {
    const { candidates: found, refused } = await survey(
      emptyAccount({
        DescribeLogGroupsCommand: () => ({
          logGroups: [{ logGroupName: '/old/api' }, logGroup('/denied')],
        }),
        ListTagsLogGroupCommand: () => ({ tags: { [TAG_KEYS.lab]: 'lab-02' } }),
        ListTagsForResourceCommand: () => {
          throw Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' });
        },
      }),
    );
    expect(found).toEqual([]);
    expect(refused.map((r) => r.id)).toEqual(['/old/api']);
  });

  test('recorded resources of a stack the kit deployed are candidates once that stack is gone, never while a stack of that name lives', async () => {
    const key = recordsKey({ account: ACCOUNT, region: 'us-east-1' });
    expect(key).toBe('aws-111122223333-us-east-1');
    expect(recordsKey({ endpoint: 'http://127.0.0.1:4572', region: 'us-east-1' })).toBe(
      'emulator-127.0.0.1-4572-us-east-1',
    );
    saveStackRecord(
      key,
      {
        stackName: 'lab-04',
        stackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/lab-04/old',
        resources: [
          { type: 'AWS::Logs::LogGroup', logicalId: 'Logs', physicalId: '/aws/lambda/lab-04-Deleter' },
          { type: 'AWS::S3::Bucket', logicalId: 'Bucket', physicalId: 'lab-04-bucket-abc' },
          { type: 'AWS::SQS::Queue', logicalId: 'Queue', physicalId: 'https://queue' },
          { type: 'AWS::Lambda::Function', logicalId: 'Fn', physicalId: 'lab-04-Fn-X1Y2' },
        ],
      },
      recordsDir,
    );
    // Kept under the kit's state dir, readable by the user only.
    expect(statSync(join(recordsDir, `${key}.json`)).mode & 0o777).toBe(0o600);
    const account = (stacks: unknown[]) =>
      emptyAccount({
        DescribeStacksCommand: () => ({ Stacks: stacks }),
        DescribeLogGroupsCommand: () => ({
          logGroups: [logGroup('/aws/lambda/lab-04-Deleter'), logGroup('/aws/lambda/lab-04-Fn-X1Y2')],
        }),
        ListBucketsCommand: () => ({ Buckets: [{ Name: 'lab-04-bucket-abc', BucketRegion: 'us-east-1' }] }),
      });
    const found = await find(account([]));
    expect(summary(found)).toEqual([
      ['orphan', 'AWS::Logs::LogGroup', '/aws/lambda/lab-04-Deleter', 'us-east-1', 'record'],
      // The log group Lambda made by itself for a recorded function.
      ['orphan', 'AWS::Logs::LogGroup', '/aws/lambda/lab-04-Fn-X1Y2', 'us-east-1', 'record'],
      ['orphan', 'AWS::S3::Bucket', 'lab-04-bucket-abc', 'us-east-1', 'record'],
    ]);
    // A stack named lab-04 exists again (even an untagged one): its resources may be these.
    expect(await find(account([stack('lab-04', 'CREATE_COMPLETE', [])]))).toEqual([]);
    // A sweep that deleted them forgets them.
    const lines = await sweep(found, config, {
      clientsFor: standIn({
        DeleteLogGroupCommand: () => ({}),
        ListObjectVersionsCommand: () => ({ Versions: [] }),
        DeleteBucketCommand: () => ({}),
      }),
      recordsDir,
    });
    expect(lines.filter((l) => l.startsWith(FAILED))).toEqual([]);
    expect(loadStackRecords(key, recordsDir).flatMap((r) => r.resources.map((x) => x.physicalId))).toEqual([
      'https://queue',
      'lab-04-Fn-X1Y2',
    ]);
  });
});

describe('a tag is a claim, not a proof: the audit of issue 22', () => {
  /** The audit's plants: a bucket tagged lab-99 with objects, a log group tagged lab-77, a hand-made stack tagged lab-05 that expired. */
  const forged = (overrides: Record<string, Answer> = {}) =>
    emptyAccount({
      DescribeStacksCommand: () => ({
        Stacks: [stack('lab-05', 'CREATE_COMPLETE', tags('lab-05', PAST))],
      }),
      DescribeLogGroupsCommand: () => ({ logGroups: [logGroup('/team/audit-logs')] }),
      ListTagsForResourceCommand: () => ({ tags: { [TAG_KEYS.lab]: 'lab-77' } }),
      ListBucketsCommand: () => ({ Buckets: [{ Name: 'team-data', BucketRegion: 'us-east-1' }] }),
      GetBucketTaggingCommand: () => ({ TagSet: tags('lab-99') }),
      ...overrides,
    });

  test('none is a candidate; each is refused with the proof it lacks', async () => {
    // findSweepCandidates is what the audit ran: it listed all three.
    expect(await find(forged())).toEqual([]);
    const { candidates, refused } = await survey(forged());
    expect(candidates).toEqual([]);
    expect(refused.map(formatRefusal).sort()).toEqual([
      "not swept  AWS::CloudFormation::Stack  lab-05  us-east-1  (not proven to be a lab's: tagged labkit:lab=lab-05, but no record of the kit holds this stack's ARN (npx labs deploy records every lab stack it deploys; one deployed elsewhere or by hand is not proven))",
      "not swept  AWS::Logs::LogGroup  /team/audit-logs  us-east-1  (not proven to be a lab's: tagged labkit:lab=lab-77, which is not a lab of the catalogue)",
      "not swept  AWS::S3::Bucket  team-data  us-east-1  (not proven to be a lab's: tagged labkit:lab=lab-99, which is not a lab of the catalogue)",
    ]);
  });

  test('a record of a lab-05 stack with another ARN (an earlier deploy) does not prove a stack made by hand', async () => {
    saveStackRecord(
      recordsKey({ account: ACCOUNT, region: 'us-east-1' }),
      { stackName: 'lab-05', stackId: stackArn('lab-05').replace('uuid-', 'earlier-'), resources: [] },
      recordsDir,
    );
    expect((await survey(forged())).candidates).toEqual([]);
  });

  test('a record under a name that is no lab of the catalogue proves nothing', async () => {
    saveStackRecord(
      recordsKey({ account: ACCOUNT, region: 'us-east-1' }),
      {
        stackName: 'lab-99',
        stackId: stackArn('lab-99'),
        resources: [{ type: 'AWS::S3::Bucket', logicalId: 'B', physicalId: 'team-data' }],
      },
      recordsDir,
    );
    const { candidates, refused } = await survey(forged({ GetBucketTaggingCommand: noSuchTagSet }));
    expect(candidates).toEqual([]);
    expect(refused.map((r) => r.id)).not.toContain('team-data');
  });

  test('sweep never empties a bucket on a claim: a candidate without the record proof is refused before any call', async () => {
    const calls: Call[] = [];
    const claimed = {
      kind: 'orphan',
      type: 'AWS::S3::Bucket',
      id: 'team-data',
      lab: 'lab-99',
      reason: 'tagged lab-99',
      region: 'us-east-1',
      proof: 'tag',
    } as unknown as SweepCandidate;
    const lines = await sweep([claimed], config, {
      clientsFor: standIn(
        {
          ListObjectVersionsCommand: () => ({ Versions: [{ Key: 'a', VersionId: '1' }] }),
          DeleteObjectsCommand: () => ({}),
          DeleteBucketCommand: () => ({}),
        },
        calls,
      ),
      recordsDir,
    });
    expect(calls).toEqual([]);
    expect(lines).toEqual([
      "FAILED to delete AWS::S3::Bucket team-data in us-east-1: not proven to be a lab's (proof tag, lab lab-99): not touched",
    ]);
  });
});

describe('labs sweep reads everything: every page, every region', () => {
  /** Two pages per listing; the kit's things are on the second page only. */
  const paged = (first: object, second: object, token: string) => (input: Record<string, unknown>) =>
    input[token] === 'page-2'
      ? second
      : { ...first, [token === 'nextToken' ? 'nextToken' : token]: 'page-2' };

  test('follows NextToken / nextToken / ContinuationToken on every listing', async () => {
    const calls: Call[] = [];
    recordDeployed('lab-01');
    // lab-07's stack is gone; the kit recorded what it held.
    recordDeployed('lab-07', [
      { type: 'AWS::Logs::LogGroup', physicalId: '/x/orphan' },
      { type: 'AWS::EC2::NetworkInterface', physicalId: 'eni-1' },
      { type: 'AWS::EC2::Snapshot', physicalId: 'snap-1' },
      { type: 'AWS::EC2::EIP', physicalId: 'eipalloc-1' },
      { type: 'AWS::S3::Bucket', physicalId: 'kit-bucket' },
    ]);
    const found = await find(
      emptyAccount({
        DescribeStacksCommand: paged(
          { Stacks: [stack('other', 'CREATE_COMPLETE', [])] },
          { Stacks: [stack('lab-01', 'CREATE_COMPLETE', tags('lab-01', PAST))] },
          'NextToken',
        ),
        DescribeLogGroupsCommand: paged(
          { logGroups: [] },
          { logGroups: [logGroup('/x/orphan')] },
          'nextToken',
        ),
        ListTagsForResourceCommand: () => ({ tags: { [TAG_KEYS.lab]: 'lab-07' } }),
        DescribeNetworkInterfacesCommand: paged(
          { NetworkInterfaces: [] },
          { NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', TagSet: tags('lab-07') }] },
          'NextToken',
        ),
        DescribeSnapshotsCommand: paged(
          { Snapshots: [] },
          { Snapshots: [{ SnapshotId: 'snap-1', Tags: tags('lab-07') }] },
          'NextToken',
        ),
        DescribeAddressesCommand: () => ({
          Addresses: [{ AllocationId: 'eipalloc-1', Tags: tags('lab-07') }],
        }),
        ListBucketsCommand: paged(
          { Buckets: [] },
          { Buckets: [{ Name: 'kit-bucket', BucketRegion: 'us-east-1' }] },
          'ContinuationToken',
        ),
        GetBucketTaggingCommand: () => ({ TagSet: tags('lab-07') }),
      }),
      { calls },
    );
    expect(summary(found)).toEqual([
      ['expired-stack', 'AWS::CloudFormation::Stack', 'lab-01', 'us-east-1', 'record'],
      ['orphan', 'AWS::EC2::EIP', 'eipalloc-1', 'us-east-1', 'record'],
      ['orphan', 'AWS::EC2::NetworkInterface', 'eni-1', 'us-east-1', 'record'],
      ['orphan', 'AWS::EC2::Snapshot', 'snap-1', 'us-east-1', 'record'],
      ['orphan', 'AWS::Logs::LogGroup', '/x/orphan', 'us-east-1', 'record'],
      ['orphan', 'AWS::S3::Bucket', 'kit-bucket', 'us-east-1', 'record'],
    ]);
    const count = (command: string) => calls.filter((c) => c.command === command).length;
    expect(count('DescribeStacksCommand')).toBe(2);
    expect(count('DescribeLogGroupsCommand')).toBe(2);
    expect(count('DescribeNetworkInterfacesCommand')).toBe(2);
    expect(count('DescribeSnapshotsCommand')).toBe(2);
    expect(count('ListBucketsCommand')).toBe(2);
  });

  test('LABKIT_REGIONS: stacks, log groups and EC2 per region, buckets listed once; a lab lives per region', async () => {
    const calls: Call[] = [];
    recordDeployed('lab-02');
    recordDeployed('lab-03', [], 'eu-west-1');
    // A lab-02 deployed in eu-west-1 once, and gone from there.
    recordDeployed(
      'lab-02',
      [
        { type: 'AWS::Logs::LogGroup', physicalId: '/lab-02/logs' },
        { type: 'AWS::S3::Bucket', physicalId: 'lab-02-data' },
      ],
      'eu-west-1',
    );
    const found = await find(
      emptyAccount({
        DescribeStacksCommand: (_, region) => ({
          Stacks:
            region === 'us-east-1'
              ? [stack('lab-02', 'CREATE_COMPLETE', tags('lab-02', FUTURE))]
              : [stack('lab-03', 'CREATE_COMPLETE', tags('lab-03', PAST), undefined, 'eu-west-1')],
        }),
        DescribeLogGroupsCommand: () => ({ logGroups: [logGroup('/lab-02/logs')] }),
        ListTagsForResourceCommand: () => ({ tags: { [TAG_KEYS.lab]: 'lab-02' } }),
        ListBucketsCommand: () => ({
          Buckets: [
            { Name: 'lab-02-data', BucketRegion: 'eu-west-1' },
            { Name: 'elsewhere', BucketRegion: 'ap-south-1' },
          ],
        }),
        GetBucketTaggingCommand: () => ({ TagSet: tags('lab-02') }),
      }),
      { calls, env: { LABKIT_REGIONS: 'us-east-1, eu-west-1' } },
    );
    expect(summary(found)).toEqual([
      ['expired-stack', 'AWS::CloudFormation::Stack', 'lab-03', 'eu-west-1', 'record'],
      // lab-02 lives in us-east-1, not in eu-west-1: what it left there are orphans.
      ['orphan', 'AWS::Logs::LogGroup', '/lab-02/logs', 'eu-west-1', 'record'],
      ['orphan', 'AWS::S3::Bucket', 'lab-02-data', 'eu-west-1', 'record'],
    ]);
    const regionsOf = (command: string) => calls.filter((c) => c.command === command).map((c) => c.region);
    expect(regionsOf('DescribeStacksCommand')).toEqual(['us-east-1', 'eu-west-1']);
    expect(regionsOf('DescribeLogGroupsCommand')).toEqual(['us-east-1', 'eu-west-1']);
    expect(regionsOf('DescribeAddressesCommand')).toEqual(['us-east-1', 'eu-west-1']);
    expect(regionsOf('ListBucketsCommand')).toEqual(['us-east-1']);
    // A bucket outside the swept regions is not even read: its lab may live there.
    expect(regionsOf('GetBucketTaggingCommand')).toEqual(['eu-west-1']);
  });

  test('without LABKIT_REGIONS, only the client region', async () => {
    const calls: Call[] = [];
    await find(emptyAccount(), { calls });
    expect([...new Set(calls.map((c) => c.region))]).toEqual(['us-east-1']);
  });
});

describe('labs sweep deletes', () => {
  const candidate = (type: string, id: string, extra: Partial<SweepCandidate> = {}): SweepCandidate => ({
    kind: 'orphan',
    type,
    id,
    lab: 'lab-02',
    reason: 'tagged lab-02',
    region: 'eu-west-1',
    proof: 'record',
    ...extra,
  });

  test('one failed delete is reported in its line and the sweep goes on', async () => {
    const calls: Call[] = [];
    const lines = await sweep(
      [
        candidate('AWS::Logs::LogGroup', '/a'),
        candidate('AWS::Logs::LogGroup', '/b'),
        candidate('AWS::CloudFormation::Stack', 'lab-02', {
          kind: 'expired-stack',
          stackId: 'arn:stack/lab-02/1',
        }),
      ],
      config,
      {
        clientsFor: standIn(
          {
            DeleteLogGroupCommand: ({ logGroupName }) => {
              if (logGroupName === '/a')
                throw Object.assign(new Error('A conflicting operation is in progress\nmore'), {
                  name: 'OperationAbortedException',
                });
              return {};
            },
            DeleteStackCommand: () => ({}),
          },
          calls,
        ),
        recordsDir,
      },
    );
    expect(lines).toEqual([
      'FAILED to delete AWS::Logs::LogGroup /a in eu-west-1: A conflicting operation is in progress',
      'deleted AWS::Logs::LogGroup /b in eu-west-1 (tagged lab-02)',
      'deleting stack lab-02 in eu-west-1 (tagged lab-02); CloudFormation finishes in the background',
    ]);
    expect(calls.map((c) => [c.region, c.command])).toEqual([
      ['eu-west-1', 'DeleteLogGroupCommand'],
      ['eu-west-1', 'DeleteLogGroupCommand'],
      ['eu-west-1', 'DeleteStackCommand'],
    ]);
    expect(calls[2].input).toEqual({ StackName: 'arn:stack/lab-02/1' });
  });

  test('a bucket is emptied page by page (KeyMarker / VersionIdMarker), then deleted', async () => {
    const calls: Call[] = [];
    const lines = await sweep([candidate('AWS::S3::Bucket', 'kit-bucket')], config, {
      clientsFor: standIn(
        {
          ListObjectVersionsCommand: ({ KeyMarker }) =>
            KeyMarker === 'k1'
              ? { IsTruncated: false, DeleteMarkers: [{ Key: 'k2', VersionId: 'v2' }] }
              : {
                  IsTruncated: true,
                  NextKeyMarker: 'k1',
                  NextVersionIdMarker: 'v1',
                  Versions: [{ Key: 'k1', VersionId: 'v1' }],
                },
          DeleteObjectsCommand: () => ({}),
          DeleteBucketCommand: () => ({}),
        },
        calls,
      ),
    });
    expect(lines).toEqual(['deleted AWS::S3::Bucket kit-bucket in eu-west-1 (tagged lab-02)']);
    expect(calls.map((c) => c.command)).toEqual([
      'ListObjectVersionsCommand',
      'DeleteObjectsCommand',
      'ListObjectVersionsCommand',
      'DeleteObjectsCommand',
      'DeleteBucketCommand',
    ]);
    expect(calls[2].input).toMatchObject({ KeyMarker: 'k1', VersionIdMarker: 'v1' });
  });

  test('a bucket that cannot be emptied is a failed delete, not an endless loop', async () => {
    const lines = await sweep([candidate('AWS::S3::Bucket', 'locked')], config, {
      clientsFor: standIn({
        ListObjectVersionsCommand: () => ({ IsTruncated: false, Versions: [{ Key: 'a', VersionId: '1' }] }),
        DeleteObjectsCommand: () => ({
          Errors: [{ Key: 'a', Code: 'AccessDenied', Message: 'object protected by object lock' }],
        }),
      }),
    });
    expect(lines).toEqual([
      'FAILED to delete AWS::S3::Bucket locked in eu-west-1: could not empty it: a: AccessDenied object protected by object lock',
    ]);
  });
});

describe('lab stacks carry the kit tags themselves (explicitStackTags is on in cdk.json)', () => {
  test('the stack artifact in the cloud assembly has lab id, kit version and expires-at', () => {
    const app = testApp();
    const lab = allLabs().find((l) => l.id === 'lab-02')!;
    const expiresAt = new Date('2026-11-23T04:00:00Z');
    const stack = addLabStack(app, lab, 'aws', expiresAt);
    const manifest = JSON.parse(readFileSync(join(app.synth().directory, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts[stack.artifactId].properties.tags).toEqual({
      [TAG_KEYS.lab]: lab.id,
      [TAG_KEYS.kitVersion]: KIT_VERSION,
      [TAG_KEYS.expiresAt]: '2026-11-23T04:00:00.000Z',
    });
  });

  test('without an expiry the stack says none', () => {
    const app = testApp();
    const stack = addLabStack(app, allLabs().find((l) => l.id === 'lab-04')!);
    expect(app.synth().getStackArtifact(stack.artifactId).tags[TAG_KEYS.expiresAt]).toBe('none');
  });
});
