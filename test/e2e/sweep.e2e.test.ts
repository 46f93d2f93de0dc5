import { mkdtempSync, rmSync } from 'node:fs';
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
  DeleteObjectsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { main } from '../../lib/cli/main';
import {
  recordsKey as keyOf,
  loadStackRecords,
  recordStackResources,
  saveStackRecord,
} from '../../lib/operations/leftovers';
import { findSweepCandidates, surveySweep, sweep } from '../../lib/operations/sweep';
import { TAG_KEYS } from '../../lib/safety/tags';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { sessionFor } from '../../lib/targets/session';

/**
 * `labs sweep` on a real MiniStack (LABKIT_EMULATOR_PORT): it deletes only what the kit recorded for
 * a lab stack it deployed, and refuses, one line each, what merely claims to be a lab's by its
 * `labkit:lab` tag (the audit of issue 22) or looks like one by its name.
 */

const config = sessionFor('ministack').clientConfig;
const s3 = new S3Client({ ...config, forcePathStyle: true });
const logs = new CloudWatchLogsClient(config);
const cfn = new CloudFormationClient(config);
const PAST = '2020-01-01T00:00:00.000Z';

/** The kit's records file of this emulator (the one `labs deploy` writes). */
const recordsKey = () => keyOf({ endpoint: String(config.endpoint), region: 'us-east-1' });

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
const waitFor = async (name: string, done: (status: string) => boolean) => {
  for (let i = 0; i < 60 && !done(await stackStatus(name)); i++)
    await new Promise((resolve) => setTimeout(resolve, 500));
  return stackStatus(name);
};
async function stackStatus(name: string): Promise<string> {
  try {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    return stack?.StackStatus ?? 'gone';
  } catch {
    return 'gone';
  }
}

describe('labs sweep: a copied tag is not proof (the audit of issue 22)', () => {
  const forgedBucket = `team-data-${Date.now()}`;
  const forgedLogGroup = `/team/audit-${Date.now()}`;
  // A catalogue lab's tag on a bucket the kit never recorded: a claim, not a proof.
  const claimedBucket = `team-claimed-${Date.now()}`;
  const lookalikeBucket = 'acme-lab-02-backups';
  const lookalikeLogs = ['/ecs/payments-lab-03', '/aws/lambda/team-lab-01-prod-api'];
  const template = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
  let positive: { lab: string; logGroup: string } | undefined;
  /** `labs status` while the kit's lab-04 was deployed (next to the hand-made lab-05). */
  let statusWhileDeployed: string[] = [];

  beforeAll(async () => {
    // The premise: no lab-05 stack lives here.
    expect(await stackStatus('lab-05')).toMatch(/^(gone|DELETE_COMPLETE)$/);
    await bucketWithObjects(forgedBucket, 'lab-99');
    await bucketWithObjects(claimedBucket, 'lab-02');
    await bucketWithObjects(lookalikeBucket);
    await logs.send(
      new CreateLogGroupCommand({ logGroupName: forgedLogGroup, tags: { [TAG_KEYS.lab]: 'lab-77' } }),
    );
    for (const name of lookalikeLogs) await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    // Made by hand with the name and tags of a lab, expired long ago.
    await cfn.send(
      new CreateStackCommand({
        StackName: 'lab-05',
        TemplateBody: template,
        Tags: [
          { Key: TAG_KEYS.lab, Value: 'lab-05' },
          { Key: TAG_KEYS.expiresAt, Value: PAST },
        ],
      }),
    );
    expect(await waitFor('lab-05', (s) => s === 'CREATE_COMPLETE')).toBe('CREATE_COMPLETE');

    // The positive control: a real lab deployed and destroyed by the kit, then its function's log
    // group written again (as MiniStack's Lambda runtime does after the stack is gone).
    const lab = 'lab-04';
    expect((await labs('deploy', lab, '--yes')).code).toBe(0);
    const recorded = loadStackRecords(recordsKey()).find((r) => r.stackName === lab);
    const fn = recorded?.resources.find((r) => r.type === 'AWS::Lambda::Function')?.physicalId;
    expect(fn).toBeDefined();
    statusWhileDeployed = (await labs('status')).lines;
    expect((await labs('destroy', lab)).code).toBe(0);
    positive = { lab, logGroup: `/aws/lambda/${fn}` };
    await logs.send(new CreateLogGroupCommand({ logGroupName: positive.logGroup }));
  });

  afterAll(async () => {
    await cfn.send(new DeleteStackCommand({ StackName: 'lab-05' })).catch(() => {});
    for (const name of [forgedLogGroup, ...lookalikeLogs, ...(positive ? [positive.logGroup] : [])])
      await logs.send(new DeleteLogGroupCommand({ logGroupName: name })).catch(() => {});
    for (const bucket of [forgedBucket, claimedBucket, lookalikeBucket]) {
      // Only when it survived (a sweep that went by tags or names emptied and deleted it already).
      if (!(await bucketExists(bucket))) continue;
      await s3.send(
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: [{ Key: 'a.txt' }, { Key: 'b/c.txt' }] },
        }),
      );
      await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
    }
  });

  const forged = () => [forgedBucket, claimedBucket, forgedLogGroup, 'lab-05'];

  test('labs sweep --dry-run lists none of them as deletable, one refusal line each with the missing proof; the real leftover is listed', async () => {
    const { code, lines } = await labs('sweep', '--dry-run');
    expect(code).toBe(0);
    const listed = lines.filter((l) => !l.includes('not swept'));
    for (const name of [...forged(), lookalikeBucket, ...lookalikeLogs])
      expect(listed.filter((l) => l.includes(` ${name} `))).toEqual([]);
    const refusal = (type: string, id: string) =>
      `  not swept  ${type}  ${id}  us-east-1  (not proven to be a lab's: `;
    const text = lines.join('\n');
    expect(text).toContain(
      `${refusal('AWS::S3::Bucket', forgedBucket)}tagged labkit:lab=lab-99, which is not a lab of the catalogue)`,
    );
    expect(text).toContain(
      `${refusal('AWS::Logs::LogGroup', forgedLogGroup)}tagged labkit:lab=lab-77, which is not a lab of the catalogue)`,
    );
    expect(text).toContain(
      `${refusal('AWS::S3::Bucket', claimedBucket)}tagged labkit:lab=lab-02, but no record`,
    );
    expect(text).toContain(
      `${refusal('AWS::CloudFormation::Stack', 'lab-05')}tagged labkit:lab=lab-05, but no record of the kit holds this stack's ARN`,
    );
    // What has no claim at all is not even mentioned.
    for (const name of [lookalikeBucket, ...lookalikeLogs]) expect(text).not.toContain(name);
    expect(lines).toContain(
      `  orphan  AWS::Logs::LogGroup  ${positive?.logGroup}  us-east-1  (recorded for stack lab-04, which is gone)`,
    );
    expect(lines.at(-1)).toBe('dry run: nothing was deleted');
    expect(await logGroupExists(positive?.logGroup ?? '')).toBe(true);
  });

  test('labs sweep --yes deletes the real leftover and none of them: the bucket keeps its objects', async () => {
    const { code, lines } = await labs('sweep', '--yes');
    expect(lines.filter((l) => l.includes('FAILED'))).toEqual([]);
    expect(code).toBe(0);
    expect(lines).toContain(
      `  deleted AWS::Logs::LogGroup ${positive?.logGroup} in us-east-1 (recorded for stack lab-04, which is gone)`,
    );
    expect(await logGroupExists(positive?.logGroup ?? '')).toBe(false);
    for (const bucket of [forgedBucket, claimedBucket, lookalikeBucket]) {
      expect(await bucketExists(bucket)).toBe(true);
      expect(await bucketObjects(bucket)).toBe(2);
    }
    for (const name of [forgedLogGroup, ...lookalikeLogs]) expect(await logGroupExists(name)).toBe(true);
    expect(await stackStatus('lab-05')).toBe('CREATE_COMPLETE');
  });

  test("labs status listed the kit's lab-04 as a lab, and the hand-made lab-05 as not proven", () => {
    expect(statusWhileDeployed.join('\n')).toMatch(/^ {2}lab-04 {2}CREATE_COMPLETE {2}up /m);
    expect(statusWhileDeployed.join('\n')).toMatch(/^ {2}not a proven lab: lab-05 {2}CREATE_COMPLETE/m);
  });

  test('labs status shows the hand-made lab-05 as not a proven lab', async () => {
    const { code, lines } = await labs('status');
    expect(code).toBe(0);
    expect(lines).toContain('deployed labs: none');
    expect(lines.join('\n')).toMatch(
      /^ {2}not a proven lab: lab-05 {2}CREATE_COMPLETE {2}\(tagged labkit:lab=lab-05, but no record of the kit holds this stack's ARN/m,
    );
  });
});

describe('labs sweep: what the kit recorded for a lab stack is its own, even untagged', () => {
  let recordsDir: string;
  beforeEach(() => {
    recordsDir = mkdtempSync(join(tmpdir(), 'labkit-records-'));
  });
  afterEach(() => rmSync(recordsDir, { recursive: true, force: true }));

  test('a recorded expired lab stack is deleted by its ARN', async () => {
    const template = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });
    await cfn.send(
      new CreateStackCommand({
        StackName: 'lab-06',
        TemplateBody: template,
        Tags: [
          { Key: TAG_KEYS.lab, Value: 'lab-06' },
          { Key: TAG_KEYS.expiresAt, Value: PAST },
        ],
      }),
    );
    try {
      expect(await waitFor('lab-06', (s) => s === 'CREATE_COMPLETE')).toBe('CREATE_COMPLETE');
      expect((await surveySweep(config, { recordsDir })).refused.map((r) => r.id)).toContain('lab-06');
      await recordStackResources('lab-06', config, recordsDir);
      const found = (await findSweepCandidates(config, { recordsDir })).filter((c) => c.id === 'lab-06');
      expect(found.map((c) => [c.kind, c.proof])).toEqual([['expired-stack', 'record']]);
      expect(await sweep(found, config, { recordsDir })).toEqual([
        `deleting stack lab-06 in us-east-1 (expired at ${PAST}); CloudFormation finishes in the background`,
      ]);
      expect(await waitFor('lab-06', (s) => s === 'gone' || s === 'DELETE_COMPLETE')).toMatch(
        /^(gone|DELETE_COMPLETE)$/,
      );
    } finally {
      await cfn.send(new DeleteStackCommand({ StackName: 'lab-06' })).catch(() => {});
    }
  });

  test('a log group recorded for a stack that is gone is found and deleted; while the stack lives it is not', async () => {
    const stackName = 'lab-09';
    const logGroupName = `/planted/${stackName}-${Date.now()}`;
    const template = JSON.stringify({
      Resources: { Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: logGroupName } } },
    });
    await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: template }));
    await waitFor(stackName, (s) => s === 'CREATE_COMPLETE');
    const recorded = await recordStackResources(stackName, config, recordsDir);
    expect(recorded.map((r) => [r.type, r.physicalId])).toEqual([['AWS::Logs::LogGroup', logGroupName]]);
    const ids = async () => (await findSweepCandidates(config, { recordsDir })).map((c) => c.id);
    expect(await ids()).not.toContain(logGroupName);

    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitFor(stackName, (s) => s === 'gone' || s === 'DELETE_COMPLETE');
    // Something writes to it after its stack is gone (as MiniStack's Lambda runtime does): untagged.
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    const found = (await findSweepCandidates(config, { recordsDir })).filter((c) => c.id === logGroupName);
    expect(found.map((c) => [c.kind, c.proof, c.lab])).toEqual([['orphan', 'record', stackName]]);
    expect(await sweep(found, config, { recordsDir })).toEqual([
      `deleted AWS::Logs::LogGroup ${logGroupName} in us-east-1 (recorded for stack ${stackName}, which is gone)`,
    ]);
    expect(await logGroupExists(logGroupName)).toBe(false);
  });

  test('one delete that fails (a recorded bucket with a locked object) is reported, the rest is deleted', async () => {
    const locked = `planted-locked-${Date.now()}`;
    const logGroupName = `/planted/locked-${Date.now()}`;
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
    await logs.send(new CreateLogGroupCommand({ logGroupName }));
    // The kit's record of a lab-02 that is gone, which held both.
    saveStackRecord(
      recordsKey(),
      {
        stackName: 'lab-02',
        stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/lab-02/gone',
        resources: [
          { type: 'AWS::S3::Bucket', logicalId: 'B', physicalId: locked },
          { type: 'AWS::Logs::LogGroup', logicalId: 'L', physicalId: logGroupName },
        ],
      },
      recordsDir,
    );
    const found = (await findSweepCandidates(config, { recordsDir })).filter((c) =>
      [locked, logGroupName].includes(c.id),
    );
    expect(found).toHaveLength(2);
    const lines = await sweep(found, config, { recordsDir });
    expect(lines.filter((l) => l.includes('FAILED'))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^FAILED to delete AWS::S3::Bucket ${locked} in us-east-1: could not empty it: held.txt: `,
        ),
      ),
    ]);
    expect(await logGroupExists(logGroupName)).toBe(false);
    // The object stays locked for an hour; the bucket is in no record the kit keeps, so no later sweep touches it.
  });
});

describe('labs status: a stack named like a lab is not a lab without proof', () => {
  const template = JSON.stringify({ Resources: { Queue: { Type: 'AWS::SQS::Queue' } } });

  test('an untagged stack named lab-03 is not listed; a tagged one the kit did not record is "not a proven lab"', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'lab-03', TemplateBody: template }));
    await cfn.send(
      new CreateStackCommand({
        StackName: 'planted-tagged-lab',
        TemplateBody: template,
        Tags: [{ Key: TAG_KEYS.lab, Value: 'lab-04' }],
      }),
    );
    try {
      for (const name of ['lab-03', 'planted-tagged-lab'])
        await waitFor(name, (s) => s === 'CREATE_COMPLETE');
      const { code, lines } = await labs('status');
      expect(code).toBe(0);
      expect(lines.join('\n')).toMatch(/^ {2}not a proven lab: planted-tagged-lab {2}CREATE_COMPLETE/m);
      expect(lines.join('\n')).not.toMatch(/^ {2}planted-tagged-lab /m);
      expect(lines.join('\n')).not.toMatch(/lab-03/);
    } finally {
      for (const name of ['lab-03', 'planted-tagged-lab'])
        await cfn.send(new DeleteStackCommand({ StackName: name })).catch(() => {});
    }
  });
});
