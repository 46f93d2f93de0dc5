import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { AllocateAddressCommand, EC2Client, ReleaseAddressCommand } from '@aws-sdk/client-ec2';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  PutBucketTaggingCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateQueueCommand, DeleteQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { main } from '../../lib/cli/main';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { synthesizeLabTemplate } from '../../lib/docs/lab-template';
import { experimentsOf } from '../../lib/experiments/registry';
import { formatResult, runExperiments } from '../../lib/experiments/runner';
import { allLabs, type LabDefinition } from '../../lib/lab/catalogue';
import { LabToolkit } from '../../lib/operations/lab-toolkit';
import {
  findLeftovers,
  recordStackResources,
  type StackResourceRecord,
} from '../../lib/operations/leftovers';
import type { ProgressReporter } from '../../lib/operations/progress';
import { findSweepCandidates, surveySweep, sweep } from '../../lib/operations/sweep';
import { LabTimeoutError } from '../../lib/operations/toolkit-failures';
import { stepsFor } from '../../lib/targets/compatibility';
import { emulatorUrl } from '../../lib/targets/local-endpoint';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { sessionFor } from '../../lib/targets/session';
import { miswiredChecks, miswiredVerdict, runMiswired } from '../support/miswiring';

/**
 * For every lab that deploys on MiniStack: deploy, run its experiments, destroy, scan for leftovers.
 * One emulator (started here as a host process unless one already listens) and one bootstrap for
 * all labs. Fails on a failed experiment or a leftover; skipped experiments are printed with reasons.
 */

const log: string[] = [];
const progress: ProgressReporter = { line: (text) => log.push(text), status: () => {} };
const target = 'ministack';
const labsHere: LabDefinition[] = allLabs().filter((lab) => lab.support[target].level !== 'none');

let emulator: EmulatorStart;
let toolkit: LabToolkit;

beforeAll(async () => {
  emulator = await startEmulator((line) => process.stderr.write(`${line}\n`));
  expect(emulator.probe.kind).toBe(target);
  // Validation runs in the unit layer already; here it would only add seconds.
  toolkit = new LabToolkit({ session: sessionFor(target), progress, validation: false });
  await toolkit.synth();
  await toolkit.bootstrapIfNeeded();
});

afterAll(async () => {
  await toolkit?.dispose();
  if (emulator?.startedByKit) await stopEmulator(() => {});
});

afterEach(() => {
  if (log.length > 0) process.stderr.write(`${log.splice(0).join('\n')}\n`);
});

test('labs verify on a lab that is not deployed says how to deploy it', async () => {
  const lines: string[] = [];
  const io = {
    out: (line: string) => lines.push(line),
    progress: { line: (l: string) => lines.push(l), status() {} },
  };
  expect(await main(['verify', 'lab-04'], io)).toBe(1);
  expect(lines).toEqual(['error: lab-04 is not deployed on ministack: run npx labs deploy lab-04']);
});

test('a deploy that exceeds its wall-clock limit is stopped and reported', async () => {
  const lab = allLabs().find((l) => l.id === 'lab-04')!;
  await expect(toolkit.deploy(lab, 1)).rejects.toThrow(
    new LabTimeoutError(
      'deploy of lab-04 did not finish within 0 s; stopped waiting (the stack may still be changing: ' +
        'see npx labs status; remove it with npx labs destroy lab-04)',
    ),
  );
  // The limit stops the waiting, not the deploy: it goes on in this process. Wait until the stack
  // settles (a fixed pause raced it on a busy machine), then remove what it made.
  for (let waited = 0; waited < 60_000; waited += 500) {
    const status = (await toolkit.describeStack('lab-04'))?.StackStatus;
    if (status && /_(COMPLETE|FAILED)$/.test(status)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await toolkit.destroy(lab);
  expect(await toolkit.describeStack('lab-04')).toBeUndefined();
});

test('the leftover scan finds what a lab left behind (a planted queue and log group)', async () => {
  const config = sessionFor(target).clientConfig;
  const sqs = new SQSClient(config);
  const logs = new CloudWatchLogsClient(config);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'lab-99-PlantedQueue' }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/lab-99-PlantedFunction' }));
  try {
    const leftovers = await findLeftovers('lab-99', [], config);
    expect(leftovers.map((l) => l.type).sort()).toEqual(['AWS::Logs::LogGroup', 'AWS::SQS::Queue']);
    // With a record of the stack, only its services (and log groups) are listed: a lab that held
    // no queue is not asked about queues.
    const table = { type: 'AWS::DynamoDB::Table', logicalId: 'Table', physicalId: 'lab-99-Table-gone' };
    const queue = {
      type: 'AWS::SQS::Queue',
      logicalId: 'Queue',
      physicalId: `${emulatorUrl()}/000000000000/lab-99-Queue-gone`,
    };
    expect((await findLeftovers('lab-99', [table], config)).map((l) => l.type)).toEqual([
      'AWS::Logs::LogGroup',
    ]);
    expect((await findLeftovers('lab-99', [queue], config)).map((l) => l.type).sort()).toEqual([
      'AWS::Logs::LogGroup',
      'AWS::SQS::Queue',
    ]);
  } finally {
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/aws/lambda/lab-99-PlantedFunction' }));
  }
  expect(await findLeftovers('lab-99', [], config)).toEqual([]);
});

/** Runs a lab's experiments against what is deployed now; fails on a failed experiment. */
async function expectExperimentsPass(lab: LabDefinition, path: string): Promise<number> {
  const started = Date.now();
  const experiments = experimentsOf(lab);
  const results = await runExperiments(experiments, {
    lab,
    target,
    outputs: await toolkit.outputsOf(lab),
    clientConfig: sessionFor(target).clientConfig,
    progress: () => {},
  });
  const took = (Date.now() - started) / 1000;
  process.stderr.write(
    `${lab.id} experiments after ${path} (${took.toFixed(1)} s):\n${results.map((r) => `  ${formatResult(r)}`).join('\n')}\n`,
  );
  expect(results.length).toBeGreaterThan(0);
  expect(results.filter((r) => r.outcome.status === 'fail').map(formatResult)).toEqual([]);
  for (const result of results) {
    if (result.outcome.status === 'skipped') expect(result.outcome.reason.length).toBeGreaterThan(10);
  }
  // What an experiment says it measures (for the predictions) it reports whenever it runs.
  for (const [i, experiment] of experiments.entries()) {
    const outcome = results[i].outcome;
    if (outcome.status === 'skipped') continue;
    expect([experiment.name, Object.keys(outcome.measured ?? {}).sort()]).toEqual([
      experiment.name,
      [...(experiment.measures ?? [])].sort(),
    ]);
  }
  return took;
}

describe.each(labsHere.map((lab) => [lab.id, lab] as const))('%s on MiniStack', (_id, lab) => {
  test('deploys, with the compatibility steps computed for it carried out in the deploy', async () => {
    const deployed = await toolkit.deploy(lab);
    expect(Object.keys(deployed.outputs).length).toBeGreaterThan(0);
    const expected = stepsFor(synthesizeLabTemplate(lab), target).filter((step) => step.phase === 'deploy');
    expect(deployed.compatibility.map((line) => line.split(':')[0])).toEqual(
      expected.map((step) => step.name),
    );
    process.stderr.write(`${lab.id}: labs deploy ${deployed.seconds.toFixed(1)} s\n`);
  });

  test('passes its experiments (skips only with a reason)', async () => {
    await expectExperimentsPass(lab, 'labs deploy');
  });

  // A lab with no miswiring that runs here shows as a skipped test, not as a pass that asserted nothing.
  const checks = miswiredChecks(lab, target);
  (checks.length > 0 ? test : test.skip)(
    'its tests of the tests: each experiment that declares a miswiring fails, for the reason the fact names, when run miswired',
    async () => {
      expect.assertions(checks.length);
      const outputs = await toolkit.outputsOf(lab);
      for (const experiment of checks) {
        const { wiring, result } = await runMiswired(lab, target, outputs, experiment);
        process.stderr.write(`${lab.id} miswired (${wiring}): ${formatResult(result)}\n`);
        const { actual, expected } = miswiredVerdict(experiment, result);
        expect(actual).toEqual(expected);
      }
    },
  );

  test('destroys and leaves nothing behind', async () => {
    const destroyed = await toolkit.destroy(lab);
    expect(destroyed.existed).toBe(true);
    expect(destroyed.leftovers).toEqual([]);
    // Destroy is idempotent.
    expect((await toolkit.destroy(lab)).existed).toBe(false);
  });
});

test('a lab with a short TTL deletes itself when its schedule fires', async () => {
  const lab = allLabs().find((l) => l.id === 'lab-04')!;
  // Far enough ahead that the deploy finishes first; MiniStack's scheduler ticks every few seconds.
  const expiresAt = new Date(Math.ceil((Date.now() + 45_000) / 1000) * 1000);
  // Only lab-04 is synthesized (and bundled): on a busy machine, synthesizing every lab could take
  // longer than the 45 s before the expiry, and a schedule whose time has passed never fires.
  const expiring = new LabToolkit({
    session: sessionFor(target),
    progress,
    validation: false,
    expiresAt,
    labs: [lab],
  });
  try {
    await expiring.deploy(lab);
    const resources = await recordStackResources('lab-04', sessionFor(target).clientConfig);
    // The one-time schedule at the expiry and the recurring one that retries after it.
    expect(resources.filter((r) => r.type === 'AWS::Scheduler::Schedule')).toHaveLength(2);
    const deadline = expiresAt.getTime() + 90_000;
    while (Date.now() < deadline && (await expiring.describeStack('lab-04'))) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const left = await expiring.describeStack('lab-04');
    expect(left?.StackStatus ?? 'deleted').toBe('deleted');
    // MiniStack writes the deleter's own log lines after its stack is gone, creating the log group
    // again (it does not apply IAM; on AWS the function may not create log groups). Leftovers like
    // that are what `labs sweep` finds, untagged but in the kit's record of the stack (made by
    // recordStackResources above): it must find exactly those, and then nothing is left.
    const config = sessionFor(target).clientConfig;
    const candidates = await findSweepCandidates(config);
    expect(candidates.map((c) => [c.kind, c.type, c.lab])).toEqual(
      candidates.map(() => ['orphan', 'AWS::Logs::LogGroup', 'lab-04']),
    );
    await sweep(candidates, config);
    expect(await findLeftovers('lab-04', resources, config)).toEqual([]);
    process.stderr.write(
      `lab-04 deleted itself ${((Date.now() - expiresAt.getTime()) / 1000).toFixed(0)} s after its expiry\n`,
    );
  } finally {
    await expiring.destroy(lab);
    await expiring.dispose();
  }
});

test('labs sweep refuses resources that only carry a lab tag: a tag anyone can type is no proof', async () => {
  const config = sessionFor(target).clientConfig;
  const logs = new CloudWatchLogsClient(config);
  const ec2 = new EC2Client(config);
  const labTag = { Key: 'labkit:lab', Value: 'lab-03' };
  // Tagged lab-03 by hand; the kit recorded none of them for a lab-03 it deployed.
  await logs.send(
    new CreateLogGroupCommand({
      logGroupName: '/planted/function-logs',
      tags: { [labTag.Key]: labTag.Value },
    }),
  );
  const { AllocationId } = await ec2.send(
    new AllocateAddressCommand({
      Domain: 'vpc',
      TagSpecifications: [{ ResourceType: 'elastic-ip', Tags: [labTag] }],
    }),
  );
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await s3.send(new CreateBucketCommand({ Bucket: 'planted-data-bucket' }));
  await s3.send(
    new PutBucketTaggingCommand({ Bucket: 'planted-data-bucket', Tagging: { TagSet: [labTag] } }),
  );
  await s3.send(
    new PutObjectCommand({ Bucket: 'planted-data-bucket', Key: 'left.txt', Body: 'left behind' }),
  );
  try {
    const { candidates, refused } = await surveySweep(config);
    const planted = ['/planted/function-logs', AllocationId, 'planted-data-bucket'];
    expect(candidates.filter((c) => planted.includes(c.id))).toEqual([]);
    expect(
      refused
        .filter((r) => planted.includes(r.id))
        .map((r) => [r.type, r.id])
        .sort(),
    ).toEqual([
      ['AWS::EC2::EIP', AllocationId],
      ['AWS::Logs::LogGroup', '/planted/function-logs'],
      ['AWS::S3::Bucket', 'planted-data-bucket'],
    ]);
  } finally {
    await logs.send(new DeleteLogGroupCommand({ logGroupName: '/planted/function-logs' }));
    await ec2.send(new ReleaseAddressCommand({ AllocationId }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'planted-data-bucket', Key: 'left.txt' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'planted-data-bucket' }));
  }
});

/**
 * Plain CDK gets the same lab: `cdk deploy` (and `cdklocal deploy`) with nothing but the endpoint
 * set, then the lab's experiments exactly as after `labs deploy`, then `cdk destroy` and the
 * leftover scan. The compatibility steps are in the MiniStack-bound template, so no kit command runs.
 */
describe('plain CDK against the emulator (no kit CLI)', () => {
  const config = sessionFor(target).clientConfig;
  const env = {
    ...process.env,
    AWS_ENDPOINT_URL: emulatorUrl(),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: 'us-east-1',
    CDK_S3_FORCE_PATH_STYLE: 'true',
    CDK_VALIDATION: 'false',
  };
  const run = (command: string, args: string[], extraEnv: NodeJS.ProcessEnv = {}) => {
    const started = Date.now();
    execFileSync(command, args, {
      cwd: PROJECT_ROOT,
      env: { ...env, ...extraEnv },
      encoding: 'utf8',
      stdio: 'pipe',
      timeout: 10 * 60_000,
    });
    return (Date.now() - started) / 1000;
  };
  const cdk = (...args: string[]) => run('npx', ['cdk', ...args]);

  /**
   * `cdklocal` (aws-cdk-local 3.0.4, a devDependency): offline, both endpoints on loopback (its
   * defaults are public DNS names). Where node_modules lacks it (an install from an older
   * lockfile), the same version through npx; NODE_PATH lets it find the project's aws-cdk.
   */
  const cdklocal = (...args: string[]) => {
    let command = 'npx';
    let rest = ['--yes', 'aws-cdk-local@3.0.4'];
    try {
      rest = [require.resolve('aws-cdk-local/bin/cdklocal', { paths: [PROJECT_ROOT] })];
      command = process.execPath;
    } catch {
      // not installed here: npx it is
    }
    return run(command, [...rest, ...args], {
      AWS_ENDPOINT_URL_S3: emulatorUrl(),
      NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
    });
  };

  /** After a plain destroy: the leftover scan. Returns what it found (log groups only, see below). */
  async function expectNothingLeft(lab: LabDefinition, recorded: StackResourceRecord[]): Promise<void> {
    expect(await toolkit.describeStack(lab.id)).toBeUndefined();
    const leftovers = await findLeftovers(lab.id, recorded, config);
    // late-log-groups runs after `labs destroy` only (its support note says so): under plain
    // `cdk destroy` a late invocation may recreate a function's log group. Nothing else may remain.
    expect(leftovers.filter((l) => l.type !== 'AWS::Logs::LogGroup')).toEqual([]);
    if (leftovers.length > 0) {
      process.stderr.write(
        `${lab.id}: plain destroy left ${leftovers.map((l) => l.id).join(', ')} (deleted now)\n`,
      );
      const logs = new CloudWatchLogsClient(config);
      for (const l of leftovers) await logs.send(new DeleteLogGroupCommand({ logGroupName: l.id }));
    }
  }

  test.each(labsHere.map((lab) => [lab.id, lab] as const))(
    'AWS_ENDPOINT_URL=... cdk deploy %s: its experiments pass as after labs deploy; cdk destroy leaves nothing',
    async (_id, lab) => {
      const deploySeconds = cdk('deploy', lab.id, '--require-approval', 'never', '--progress', 'events');
      const verifySeconds = await expectExperimentsPass(lab, 'plain cdk deploy');
      const recorded = await recordStackResources(lab.id, config, false);
      const destroySeconds = cdk('destroy', lab.id, '--force');
      await expectNothingLeft(lab, recorded);
      process.stderr.write(
        `${lab.id}: plain cdk deploy ${deploySeconds.toFixed(1)} s, experiments ${verifySeconds.toFixed(1)} s, cdk destroy ${destroySeconds.toFixed(1)} s\n`,
      );
    },
  );

  test('cdklocal deploy lab-02: its experiments pass (the FIFO topic deduplicates); cdklocal destroy', async () => {
    const lab = allLabs().find((l) => l.id === 'lab-02')!;
    const deploySeconds = cdklocal('deploy', lab.id, '--require-approval', 'never', '--progress', 'events');
    const verifySeconds = await expectExperimentsPass(lab, 'cdklocal deploy');
    const recorded = await recordStackResources(lab.id, config, false);
    const destroySeconds = cdklocal('destroy', lab.id, '--force');
    await expectNothingLeft(lab, recorded);
    process.stderr.write(
      `${lab.id}: cdklocal deploy ${deploySeconds.toFixed(1)} s, experiments ${verifySeconds.toFixed(1)} s, cdklocal destroy ${destroySeconds.toFixed(1)} s\n`,
    );
  });
});
