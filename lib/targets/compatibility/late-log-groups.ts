import {
  CloudWatchLogsClient,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { sleep } from '../../experiments/helpers';
import type { StackResourceRecord } from '../../operations/leftovers';
import { emulatorUrl, localClientConfig } from '../local-endpoint';
import { type CompatibilityStep, hasResource } from './step';

/** The kit's endpoint on the MiniStack it runs (lib/targets/ministack_launcher.py). */
export const LAMBDA_IN_FLIGHT_PATH = '/_labkit/lambda/in-flight';

/** What that endpoint reports: the Lambda work started and not finished. */
export interface LambdaInFlight {
  /** Invocations executing, per function name; an invocation's logs are written before it leaves. */
  readonly functions: Record<string, number>;
  /** SQS batches an event source mapping took and has not finished, per mapping id. */
  readonly eventSourceMappingBatches: Record<string, number>;
}

/**
 * When the emulator cannot say what is running (a MiniStack not started through the kit's launcher):
 * a fixed wait, long enough for the labs' handlers, which finish in well under a second.
 */
export const BLIND_WAIT_MS = 2000;
/** How often to ask, and for how long at most (longer than any lab function's timeout). */
const POLL_MS = 50;
const WAIT_LIMIT_MS = 60_000;

/** What the emulator at `baseUrl` reports running, or undefined when it cannot tell. */
export async function lambdaInFlight(baseUrl = emulatorUrl()): Promise<LambdaInFlight | undefined> {
  try {
    const response = await fetch(`${baseUrl}${LAMBDA_IN_FLIGHT_PATH}`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as Partial<LambdaInFlight>;
    return typeof body.functions === 'object' && typeof body.eventSourceMappingBatches === 'object'
      ? (body as LambdaInFlight)
      : undefined;
  } catch {
    return undefined;
  }
}

/** How {@link waitForLateInvocations} asks and how long it waits (tests pass their own). */
export interface LateInvocationWait {
  /** Asks the emulator what runs; undefined when it cannot tell. */
  readonly ask?: () => Promise<LambdaInFlight | undefined>;
  readonly pollMs?: number;
  readonly limitMs?: number;
  readonly blindWaitMs?: number;
}

/**
 * Waits until none of a destroyed stack's functions runs and none of its event source mappings has a
 * batch in hand (a stream poller's last batch): usually nothing runs, and it returns at once. Asks
 * the emulator; when it cannot tell, waits {@link BLIND_WAIT_MS}. Returns a note when it gave up with
 * work still running, else undefined.
 */
export async function waitForLateInvocations(
  resources: readonly StackResourceRecord[],
  {
    ask = () => lambdaInFlight(),
    pollMs = POLL_MS,
    limitMs = WAIT_LIMIT_MS,
    blindWaitMs = BLIND_WAIT_MS,
  }: LateInvocationWait = {},
): Promise<string | undefined> {
  const ids = (type: string) => resources.filter((r) => r.type === type).map((r) => r.physicalId);
  const functions = ids('AWS::Lambda::Function');
  const mappings = ids('AWS::Lambda::EventSourceMapping');
  const started = Date.now();
  for (;;) {
    const inFlight = await ask();
    if (!inFlight) {
      await sleep(blindWaitMs);
      return undefined;
    }
    const running = [
      ...functions.filter((name) => (inFlight.functions[name] ?? 0) > 0),
      ...mappings.filter((id) => (inFlight.eventSourceMappingBatches[id] ?? 0) > 0),
    ];
    if (running.length === 0) return undefined;
    if (Date.now() - started >= limitMs) {
      return `still running after ${Math.round(limitMs / 1000)} s: ${running.join(', ')}`;
    }
    await sleep(pollMs);
  }
}

/**
 * MiniStack writes a Lambda invocation's logs without applying IAM, so an invocation still running
 * when the stack is deleted (a stream poller's last batch) creates the function's log group again.
 * On AWS the function's role may not create log groups. After `labs destroy` this waits for such
 * invocations to finish (asking the emulator which are running) and deletes a recreated group once
 * more, before the leftover scan.
 */
export const lateLogGroups: CompatibilityStep = {
  name: 'late-log-groups',
  target: 'ministack',
  why:
    'MiniStack writes Lambda logs without applying IAM, so an invocation still running while a lab is destroyed ' +
    'recreates its log group; after labs destroy the kit deletes such a group again, before the leftover scan.',
  covers: {
    resourceTypes: ['AWS::Logs::LogGroup'],
    behaviour: "functions' log groups",
    appliesTo: (template) =>
      hasResource(template, ['AWS::Lambda::Function']) && hasResource(template, ['AWS::Logs::LogGroup']),
  },
  phase: 'labs-destroy',
  plainCdk:
    'plain cdk destroy does not run it: a log group recreated by a late invocation stays (npx labs sweep lists it ' +
    'when labs deploy recorded the stack; else delete it with aws logs delete-log-group)',
  async afterDestroy({ resources, endpoint }) {
    const names = resources.filter((r) => r.type === 'AWS::Logs::LogGroup').map((r) => r.physicalId);
    if (names.length === 0) return undefined;
    const stillRunning = await waitForLateInvocations(resources, { ask: () => lambdaInFlight(endpoint) });
    const logs = new CloudWatchLogsClient(localClientConfig(endpoint));
    const recreated: string[] = [];
    for (const name of names) {
      const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      if (!(found.logGroups ?? []).some((g) => g.logGroupName === name)) continue;
      await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
      recreated.push(name);
    }
    const notes = [
      ...(recreated.length > 0
        ? [`deleted ${recreated.join(', ')} again (recreated by a late invocation)`]
        : []),
      ...(stillRunning ? [`${stillRunning} (a log group they write may come back: npx labs sweep)`] : []),
    ];
    return notes.length > 0 ? notes.join('; ') : undefined;
  },
};
