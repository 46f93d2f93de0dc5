/**
 * A resource that only looks like a lab's does not fail `labs destroy` nor a challenge (issue 22):
 * a queue named `lab-02-...` that lab-02's stack never listed is a note after `labs destroy lab-02`
 * (exit 0), and `labs challenge lab-02 <name>` on a deployed lab-02 destroys it and deploys the
 * fault, not "the deploy failed" after the learner's lab is gone; and when the fault does not
 * deploy, the lab the learner had is deployed again. On MiniStack, in a copy of the repository,
 * through the `labs` CLI.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { findLab } from '../../lib/lab/catalogue';
import { challengeTargets, stackSourceOf } from '../../lib/practice/challenges';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { sessionFor } from '../../lib/targets/session';
import { type CommandRun, copyRepository, runIn } from '../support/repository-copy';

const lab = findLab('lab-02');
const challenge = (lab.challenges ?? []).find((c) => challengeTargets(lab, c).includes('ministack'));

let copy: string;
let emulator: EmulatorStart;
let sqs: SQSClient;
let unrelatedQueue: string | undefined;

beforeAll(async () => {
  emulator = await startEmulator((line) => process.stderr.write(`${line}\n`));
  copy = copyRepository('labkit-challenge-leftovers-');
  sqs = new SQSClient(sessionFor('ministack').clientConfig);
  // Someone else's queue whose name happens to start with the lab's stack name.
  unrelatedQueue = (await sqs.send(new CreateQueueCommand({ QueueName: `${lab.id}-thing` }))).QueueUrl;
});

afterAll(async () => {
  if (copy) {
    labs('challenge', lab.id, '--restore');
    labs('destroy', lab.id);
    rmSync(copy, { recursive: true, force: true });
  }
  if (unrelatedQueue) await sqs.send(new DeleteQueueCommand({ QueueUrl: unrelatedQueue }));
  sqs?.destroy();
  if (emulator?.startedByKit) await stopEmulator(() => {});
});

function labs(...args: string[]): CommandRun {
  return runIn(copy, process.execPath, ['bin/labs.mjs', ...args], {
    CDK_VALIDATION: 'false',
    LABKIT_EMULATOR_PORT: process.env.LABKIT_EMULATOR_PORT,
  });
}

function succeeds(run: CommandRun, what: string): string {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}:\n${run.output.slice(-4000)}`);
  return run.output;
}

test('labs destroy: a queue named like the lab is a note, not a leftover; exit 0; the queue stays', async () => {
  succeeds(labs('deploy', lab.id), `labs deploy ${lab.id}`);
  const destroyed = labs('destroy', lab.id);
  expect({
    status: destroyed.status,
    note: destroyed.output.includes(`note: AWS::SQS::Queue ${unrelatedQueue} has a name like ${lab.id}'s`),
    leftover: /LEFTOVER/.test(destroyed.output),
  }).toEqual({ status: 0, note: true, leftover: false });
  // Not the kit's: left exactly where it was.
  await expect(sqs.send(new GetQueueAttributesCommand({ QueueUrl: unrelatedQueue }))).resolves.toBeDefined();
});

test('labs challenge on the deployed lab, with that queue about: destroys it and deploys the fault', () => {
  if (!challenge) throw new Error('lab-02 has no challenge that runs on MiniStack');
  succeeds(labs('deploy', lab.id), `labs deploy ${lab.id}`);
  const started = labs('challenge', lab.id, challenge.name);
  expect({
    status: started.status,
    deployed: /^challenge .* is deployed on ministack/m.test(started.output),
  }).toEqual({ status: 0, deployed: true });
  succeeds(labs('challenge', lab.id, '--restore'), 'labs challenge --restore');
});

test('a fault that does not deploy after the deployed lab was destroyed: the lab is deployed again, and said so', async () => {
  const faulty = (lab.challenges ?? []).find((c) => c.name === 'eu-dashboard-empty');
  if (!faulty) throw new Error('lab-02 has no challenge eu-dashboard-empty');
  const source = stackSourceOf(lab, copy);
  const original = readFileSync(source, 'utf8');
  // The copy's stack.ts refuses to build once it holds this fault (the text is split so that the
  // guard itself does not hold it), so the fault's deploy fails and the original's does not.
  const faultText = faulty.break[0].replace;
  const half = Math.floor(faultText.length / 2);
  appendFileSync(
    source,
    `\nif (require('node:fs').readFileSync('${`labs/${lab.slug}/stack.ts`}', 'utf8').includes(${JSON.stringify(faultText.slice(0, half))} + ${JSON.stringify(faultText.slice(half))})) throw new Error('this copy refuses the fault');\n`,
  );
  const guarded = readFileSync(source, 'utf8');
  try {
    succeeds(labs('deploy', lab.id), `labs deploy ${lab.id}`);
    const started = labs('challenge', lab.id, faulty.name);
    expect({
      status: started.status,
      why: started.output.includes(
        `the deploy of the fault failed (above) after the deployed ${lab.id} was destroyed`,
      ),
      again: started.output.includes(`${lab.id} is deployed again as stack.ts has it`),
    }).toEqual({ status: 1, why: true, again: true });
    expect(readFileSync(source, 'utf8')).toBe(guarded);
    const cfn = new CloudFormationClient(sessionFor('ministack').clientConfig);
    const stacks = await cfn
      .send(new DescribeStacksCommand({ StackName: lab.id }))
      .finally(() => cfn.destroy());
    expect(stacks.Stacks?.[0]?.StackStatus).toMatch(/_COMPLETE$/);
    expect(labs('check', lab.id).output).toMatch(/no challenge in progress on lab-02/);
  } finally {
    writeFileSync(source, original);
  }
});
