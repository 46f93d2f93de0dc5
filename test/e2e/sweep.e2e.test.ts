import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { main } from '../../lib/cli/main';
import { recordStackResources } from '../../lib/operations/leftovers';
import { findSweepCandidates, sweep } from '../../lib/operations/sweep';
import { TAG_KEYS } from '../../lib/tags';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { clientConfigFor } from '../../lib/targets/target';

/**
 * `labs sweep` on a real MiniStack (LABKIT_EMULATOR_PORT): it deletes what carries the kit's tag and
 * leaves what only looks like a lab by its name.
 */

const config = clientConfigFor('ministack');
const s3 = new S3Client({ ...config, forcePathStyle: true });
const logs = new CloudWatchLogsClient(config);
const cfn = new CloudFormationClient(config);
const PAST = '2020-01-01T00:00:00.000Z';

let emulator: EmulatorStart;
beforeAll(async () => {
  emulator = await startEmulator((line) => process.stderr.write(`${line}\n`));
  expect(emulator.probe.kind).toBe('ministack');
});
afterAll(async () => {
  if (emulator?.startedByKit) await stopEmulator(() => {});
});

async function labs(...args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const io = { out: (line: string) => lines.push(line), progress: { line: () => {}, status() {} } };
  return { code: await main(args, io), lines };
}

async function bucketWithObjects(name: string, labTag?: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  for (const key of ['a.txt', 'b/c.txt']) {
    await s3.send(new PutObjectCommand({ Bucket: name, Key: key, Body: `kept in ${name}` }));
  }
  if (labTag) {
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: name,
        Tagging: { TagSet: [{ Key: TAG_KEYS.lab, Value: labTag }] },
      }),
    );
  }
}
const bucketObjects = async (name: string) =>
  (await s3.send(new ListObjectsV2Command({ Bucket: name }))).KeyCount ?? 0;
const bucketExists = async (name: string) =>
  s3.send(new HeadBucketCommand({ Bucket: name })).then(
    () => true,
    () => false,
  );
const logGroupExists = async (name: string) =>
  ((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups ?? []).some(
    (g) => g.logGroupName === name,
  );
async function stackStatus(name: string): Promise<string> {
  try {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    return stack?.StackStatus ?? 'gone';
  } catch {
    return 'gone';
  }
}

describe('labs sweep: names are never proof, tags are', () => {
  const lookalikeBucket = 'acme-lab-02-backups';
  const lookalikeLogs = ['/ecs/payments-lab-03', '/aws/lambda/team-lab-01-prod-api'];
  const taggedBucket = 'planted-tagged-orphan';
  const taggedLogGroup = '/planted/tagged-orphan';

  beforeAll(async () => {
    // The premise: no lab-02 stack lives here (its tagged resources would not be orphans then).
    const stacks = (await cfn.send(new DescribeStacksCommand({}))).Stacks ?? [];
    const lab02 = stacks.filter(
      (s) =>
        s.StackStatus !== 'DELETE_COMPLETE' &&
        s.Tags?.some((t) => t.Key === TAG_KEYS.lab && t.Value === 'lab-02'),
    );
    expect(lab02.map((s) => s.StackName)).toEqual([]);
    await bucketWithObjects(lookalikeBucket);
    for (const name of lookalikeLogs) await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    // Tagged lab-02, and no lab-02 stack exists: orphans the kit can prove are its own.
    await bucketWithObjects(taggedBucket, 'lab-02');
    await logs.send(
      new CreateLogGroupCommand({ logGroupName: taggedLogGroup, tags: { [TAG_KEYS.lab]: 'lab-02' } }),
    );
  });

  afterAll(async () => {
    for (const name of [...lookalikeLogs, taggedLogGroup])
      await logs.send(new DeleteLogGroupCommand({ logGroupName: name })).catch(() => {});
    // Only when the look-alike survived (a sweep that went by names deleted it already).
    if (await bucketExists(lookalikeBucket)) {
      await s3.send(
        new DeleteObjectsCommand({
          Bucket: lookalikeBucket,
          Delete: { Objects: [{ Key: 'a.txt' }, { Key: 'b/c.txt' }] },
        }),
      );
      await s3.send(new DeleteBucketCommand({ Bucket: lookalikeBucket }));
    }
  });

  test('findSweepCandidates lists the tagged orphans and none of the look-alikes', async () => {
    const ids = (await findSweepCandidates(config)).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([taggedBucket, taggedLogGroup]));
    for (const name of [lookalikeBucket, ...lookalikeLogs]) expect(ids).not.toContain(name);
  });

  test('labs sweep --dry-run lists the same and deletes nothing', async () => {
    const { code, lines } = await labs('sweep', '--dry-run');
    expect(code).toBe(0);
    const text = lines.join('\n');
    expect(text).toContain(`orphan  AWS::S3::Bucket  ${taggedBucket}  us-east-1  (tagged lab-02`);
    expect(text).toContain(`orphan  AWS::Logs::LogGroup  ${taggedLogGroup}  us-east-1  (tagged lab-02`);
    for (const name of [lookalikeBucket, ...lookalikeLogs]) expect(text).not.toContain(name);
    expect(lines.at(-1)).toBe('dry run: nothing was deleted');
    expect(await bucketExists(taggedBucket)).toBe(true);
    expect(await logGroupExists(taggedLogGroup)).toBe(true);
  });

  test('labs sweep --yes deletes the tagged orphans and leaves the look-alikes with their objects', async () => {
    const { code, lines } = await labs('sweep', '--yes');
    expect(lines.filter((l) => l.includes('FAILED'))).toEqual([]);
    expect(code).toBe(0);
    expect(await bucketExists(taggedBucket)).toBe(false);
    expect(await logGroupExists(taggedLogGroup)).toBe(false);
    expect(await bucketExists(lookalikeBucket)).toBe(true);
    expect(await bucketObjects(lookalikeBucket)).toBe(2);
    for (const name of lookalikeLogs) expect(await logGroupExists(name)).toBe(true);
  });

  test('one delete that fails (a tagged bucket with a locked object) is reported, the rest is deleted, exit 1', async () => {
    const locked = `planted-locked-orphan-${Date.now()}`;
    await s3.send(new CreateBucketCommand({ Bucket: locked, ObjectLockEnabledForBucket: true }));
    await s3.send(
      new PutObjectCommand({
        Bucket: locked,
        Key: 'held.txt',
        Body: 'held',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(Date.now() + 3600_000),
      }),
    );
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket: locked,
        Tagging: { TagSet: [{ Key: TAG_KEYS.lab, Value: 'lab-02' }] },
      }),
    );
    await logs.send(
      new CreateLogGroupCommand({ logGroupName: taggedLogGroup, tags: { [TAG_KEYS.lab]: 'lab-02' } }),
    );
    try {
      const { code, lines } = await labs('sweep', '--yes');
      expect(code).toBe(1);
      expect(lines.filter((l) => l.includes('FAILED'))).toEqual([
        expect.stringMatching(
          new RegExp(
            `^ {2}FAILED to delete AWS::S3::Bucket ${locked} in us-east-1: could not empty it: held.txt: `,
          ),
        ),
      ]);
      expect(lines.at(-1)).toBe('1 delete(s) failed: fix the reason shown and run npx labs sweep again');
      expect(await logGroupExists(taggedLogGroup)).toBe(false);
    } finally {
      // The object stays locked for an hour: untag the bucket so that later sweeps leave it alone.
      await s3.send(new DeleteBucketTaggingCommand({ Bucket: locked }));
    }
  });
});

describe('labs sweep: expired lab stacks, found by their tags', () => {
  const template = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
  const expired = 'planted-expired-lab';
  const lookalike = 'lab-02-lookalike';

  beforeAll(async () => {
    await cfn.send(
      new CreateStackCommand({
        StackName: expired,
        TemplateBody: template,
        Tags: [
          { Key: TAG_KEYS.lab, Value: 'lab-02' },
          { Key: TAG_KEYS.expiresAt, Value: PAST },
        ],
      }),
    );
    // Named like a lab and with a past expiry, but without the kit's lab tag: not the kit's.
    await cfn.send(
      new CreateStackCommand({
        StackName: lookalike,
        TemplateBody: template,
        Tags: [{ Key: TAG_KEYS.expiresAt, Value: PAST }],
      }),
    );
    for (const name of [expired, lookalike]) {
      for (let i = 0; i < 60 && (await stackStatus(name)) !== 'CREATE_COMPLETE'; i++)
        await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await stackStatus(name)).toBe('CREATE_COMPLETE');
    }
  });

  afterAll(async () => {
    for (const name of [expired, lookalike])
      await cfn.send(new DeleteStackCommand({ StackName: name })).catch(() => {});
  });

  test('dry run lists the tagged expired stack only', async () => {
    const { code, lines } = await labs('sweep', '--dry-run');
    expect(code).toBe(0);
    expect(lines).toContain(
      `  expired-stack  AWS::CloudFormation::Stack  ${expired}  us-east-1  (expired at ${PAST})`,
    );
    expect(lines.join('\n')).not.toContain(lookalike);
    expect(await stackStatus(expired)).toBe('CREATE_COMPLETE');
  });

  test('a real sweep deletes it and leaves the look-alike', async () => {
    const { code, lines } = await labs('sweep', '--yes');
    expect(code).toBe(0);
    expect(lines).toContain(
      `  deleting stack ${expired} in us-east-1 (expired at ${PAST}); CloudFormation finishes in the background`,
    );
    for (let i = 0; i < 60 && (await stackStatus(expired)) !== 'gone'; i++) {
      if ((await stackStatus(expired)) === 'DELETE_COMPLETE') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(['gone', 'DELETE_COMPLETE']).toContain(await stackStatus(expired));
    expect(await stackStatus(lookalike)).toBe('CREATE_COMPLETE');
    expect((await findSweepCandidates(config)).map((c) => c.id)).not.toContain(expired);
  });
});

describe('labs sweep: what the kit recorded for its stack is its own, even untagged', () => {
  test('a log group recorded for a stack that is gone is found and deleted; while the stack lives it is not', async () => {
    const recordsDir = mkdtempSync(join(tmpdir(), 'labkit-records-'));
    const stackName = `planted-recorded-${Date.now()}`;
    const logGroupName = `/planted/${stackName}`;
    const template = JSON.stringify({
      Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: logGroupName } } },
    });
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
    for (let i = 0; i < 60 && (await stackStatus(stackName)) !== 'CREATE_COMPLETE'; i++)
      await new Promise((resolve) => setTimeout(resolve, 500));
    const recorded = await recordStackResources(stackName, config, recordsDir);
    expect(recorded.map((r) => [r.type, r.physicalId])).toEqual([['AWS::Logs::LogGroup', logGroupName]]);
    const ids = async () => (await findSweepCandidates(config, { recordsDir })).map((c) => c.id);
    expect(await ids()).not.toContain(logGroupName);

    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    for (let i = 0; i < 60 && !['gone', 'DELETE_COMPLETE'].includes(await stackStatus(stackName)); i++)
      await new Promise((resolve) => setTimeout(resolve, 500));
    // Something writes to it after its stack is gone (as MiniStack's Lambda runtime does): untagged.
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    const found = (await findSweepCandidates(config, { recordsDir })).filter((c) => c.id === logGroupName);
    expect(found.map((c) => [c.kind, c.proof, c.lab])).toEqual([['orphan', 'record', stackName]]);
    expect(await sweep(found, config, { recordsDir })).toEqual([
      `deleted AWS::Logs::LogGroup ${logGroupName} in us-east-1 (recorded for stack ${stackName}, which is gone)`,
    ]);
    expect(await logGroupExists(logGroupName)).toBe(false);
  });
});

describe('labs status: a stack named like a lab is not a lab without the kit tag', () => {
  const template = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });

  test('an untagged stack named lab-03 is not listed; a tagged one is', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'lab-03', TemplateBody: template }));
    await cfn.send(
      new CreateStackCommand({
        StackName: 'planted-tagged-lab',
        TemplateBody: template,
        Tags: [{ Key: TAG_KEYS.lab, Value: 'lab-04' }],
      }),
    );
    try {
      for (const name of ['lab-03', 'planted-tagged-lab']) {
        for (let i = 0; i < 60 && (await stackStatus(name)) !== 'CREATE_COMPLETE'; i++)
          await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const { code, lines } = await labs('status');
      expect(code).toBe(0);
      expect(lines.join('\n')).toMatch(/^ {2}planted-tagged-lab {2}CREATE_COMPLETE/m);
      expect(lines.join('\n')).not.toMatch(/^ {2}lab-03 /m);
    } finally {
      for (const name of ['lab-03', 'planted-tagged-lab'])
        await cfn.send(new DeleteStackCommand({ StackName: name })).catch(() => {});
    }
  });
});
