import type { IoMessage } from '@aws-cdk/toolkit-lib';
import { allLabs } from '../../lib/lab/catalogue';
import { LabIoHost } from '../../lib/operations/lab-io-host';
import { LabToolkit } from '../../lib/operations/lab-toolkit';
import { RecordingProgress } from '../../lib/operations/progress';
import { sessionFor } from '../../lib/targets/session';

/**
 * The deploy progress (`lab-02  44/44  CREATE_COMPLETE ...`) reaches its total. The CDK toolkit
 * counts one event per change of the change set plus the stack's own; MiniStack creates the CDK's
 * usage-statistics resource (AWS::CDK::Metadata) without an event, so the count stopped one short
 * (44/45). On an emulator the kit leaves that resource out; on AWS it stays (AWS reports it).
 */

const saved = { ...process.env };
afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

// The switch is app-wide (a context value), so one lab shows it; the newest has the most kinds of resource.
const lab = allLabs()[allLabs().length - 1];

async function resourceTypes(target: 'ministack' | 'aws'): Promise<Map<string, string[]>> {
  const toolkit = new LabToolkit({
    session: sessionFor(target),
    progress: new RecordingProgress(),
    bundling: false,
    labs: [lab],
  });
  try {
    const assembly = await toolkit.synth();
    return new Map(
      assembly.stacks.map((stack) => [
        stack.stackName,
        Object.values(stack.template.Resources as Record<string, { Type: string }>).map((r) => r.Type),
      ]),
    );
  } finally {
    await toolkit.dispose();
  }
}

test('on an emulator the lab templates hold only resources that report events (no AWS::CDK::Metadata)', async () => {
  const types = await resourceTypes('ministack');
  expect([...types.keys()]).toEqual([lab.id]);
  for (const [stack, list] of types)
    expect({ stack, metadata: list.includes('AWS::CDK::Metadata') }).toEqual({ stack, metadata: false });
});

test('a destroy reported event by event counts up to its total', () => {
  const progress = new RecordingProgress();
  const host = new LabIoHost(progress);
  host.stackEvent(
    { StackName: 'lab-02', ResourceStatus: 'DELETE_COMPLETE', LogicalResourceId: 'Queue' },
    '1/2',
  );
  host.stackEvent(
    { StackName: 'lab-02', ResourceStatus: 'DELETE_COMPLETE', LogicalResourceId: 'lab-02' },
    '2/2',
  );
  host.stackEvent(
    {
      StackName: 'lab-02',
      ResourceStatus: 'DELETE_FAILED',
      LogicalResourceId: 'Bucket',
      ResourceStatusReason: 'not empty',
    },
    '2/3',
  );
  expect(progress.statuses.map((s) => s.replace(/\d+\.\d s$/, '<t>'))).toEqual([
    'lab-02  1/2  DELETE_COMPLETE  Queue  <t>',
    'lab-02  2/2  DELETE_COMPLETE  lab-02  <t>',
  ]);
  expect(progress.lines).toEqual([
    expect.stringMatching(/^lab-02 {2}2\/3 {2}DELETE_FAILED {2}Bucket .*\n {4}not empty$/),
  ]);
});

/** One CDK toolkit message, as its IoHost receives it. */
function message(code: string, data: unknown): IoMessage<unknown> {
  return { code, data, level: 'info', message: '', time: new Date(), action: 'deploy' } as IoMessage<unknown>;
}

/** The toolkit's StackActivity for one event, counted `completed/total`. */
function activity(resource: string, status: string, completed: number, total: number): IoMessage<unknown> {
  const event = { StackName: 'CDKToolkit', LogicalResourceId: resource, ResourceStatus: status };
  return message('CDK_TOOLKIT_I5502', {
    deployment: 'd1',
    event,
    progress: { completed, total, formatted: `${completed}/${total}` },
  });
}

const stopped = message('CDK_TOOLKIT_I5503', { deployment: 'd1', stackName: 'CDKToolkit' });

test('a stack that succeeded short of the change set count ends on the count it reached', async () => {
  // MiniStack's bootstrap: 14 listed changes + the stack = 15; 11 resources and the stack made events.
  const progress = new RecordingProgress();
  const host = new LabIoHost(progress);
  await host.notify(activity('CDKToolkit', 'CREATE_IN_PROGRESS', 0, 15));
  for (let done = 1; done <= 11; done++)
    await host.notify(activity(`Resource${done}`, 'CREATE_COMPLETE', done, 15));
  await host.notify(activity('CDKToolkit', 'CREATE_COMPLETE', 12, 15));
  // Same-second events arrive out of order: a late IN_PROGRESS does not undo the stack's status.
  await host.notify(activity('Resource11', 'CREATE_IN_PROGRESS', 12, 15));
  await host.notify(stopped);
  expect(progress.statuses.at(-1)?.replace(/\d+\.\d s/, '<t>')).toBe(
    'CDKToolkit  12/12  CREATE_COMPLETE  <t>  (3 listed changes made no resource)',
  );
});

test('a stack that reached its total or failed gets no final count', async () => {
  for (const [status, completed] of [
    ['CREATE_COMPLETE', 3],
    ['ROLLBACK_COMPLETE', 2],
  ] as const) {
    const progress = new RecordingProgress();
    const host = new LabIoHost(progress);
    await host.notify(activity('Queue', 'CREATE_COMPLETE', 1, 3));
    await host.notify(activity('CDKToolkit', status, completed, 3));
    await host.notify(stopped);
    expect(progress.statuses.at(-1)).toMatch(new RegExp(`^CDKToolkit {2}${completed}/3 {2}${status}`));
  }
});
