/**
 * lab-09 experiments: orders started on the order workflow (Standard) with inputs that drive each
 * path, read back through the execution history, the orders table and the approvals queue; quotes
 * asked from the quote workflow (Express) synchronously.
 *
 * - A Choice routes an order: straight on, through a Wait state (seconds measured in the history), or
 *   to the callback task.
 * - The workflow writes to DynamoDB itself (a direct service integration, no function).
 * - A payment attempt that hangs is timed out and retried after 1 s, then 2 s (backoff 2.0); one that
 *   throws a named transient error is retried the same way.
 * - A declined payment is not retried: the Catch runs the compensation (the order is cancelled).
 * - The Map state reserves at most two order lines at a time.
 * - The callback task waits (RUNNING) until the task token comes back with SendTaskSuccess.
 * - Express: StartSyncExecution answers with the output; no execution history is kept (logs instead).
 */

import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { acceptedOrRefused, newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

// The lab's documented settings (labs/lab-09-workflows/stack.ts and the guide), stated here on
// purpose: the experiments check the deployed workflows against the guide.
const SLOT_WAIT_SECONDS = 2;
const RETRY_GAPS_SECONDS = [1, 2];
const RESERVE_CONCURRENCY = 2;
const APPROVAL_THRESHOLD = 1000;

/**
 * How far a measured gap may be from the configured one: Step Functions starts the next attempt (or
 * leaves the Wait state) no earlier than configured, and on AWS usually within a few hundred
 * milliseconds after; a second is the margin for a busy service or emulator host.
 */
const EARLY_TOLERANCE_S = 0.05;
const LATE_TOLERANCE_S = 1;

/** How long an order execution may take: a slow payment with its two retries takes about 10 s. */
const EXECUTION_DEADLINE_MS = 60_000;

const sfnOf = (context: ExperimentContext<Output>) =>
  // StartSyncExecution goes to the `sync-` host of the service endpoint; an emulator on loopback
  // serves every operation on its one endpoint.
  new SFNClient({ ...context.clientConfig, disableHostPrefix: 'endpoint' in context.clientConfig });

interface OrderInput {
  orderId: string;
  total: number;
  items: { sku: string; quantity: number }[];
  scheduled?: boolean;
  payment?: 'ok' | 'slow' | 'flaky' | 'declined';
  failAttempts?: number;
}

/** An order for the run: one line per sku, a small total unless told otherwise. */
function order(tag: string, fields: Partial<OrderInput> = {}): OrderInput {
  return { orderId: newRunId(tag), total: 50, items: [{ sku: 'book', quantity: 1 }], ...fields };
}

async function startOrder(context: ExperimentContext<Output>, input: OrderInput): Promise<string> {
  const { executionArn } = await sfnOf(context).send(
    new StartExecutionCommand({
      stateMachineArn: outputOf(context, 'OrderWorkflowArn'),
      name: input.orderId,
      input: JSON.stringify(input),
    }),
  );
  if (!executionArn) throw new Error('StartExecution returned no execution ARN');
  return executionArn;
}

/** Polls until the execution is no longer RUNNING (or the deadline passes: then it is RUNNING). */
async function finished(
  context: ExperimentContext<Output>,
  executionArn: string,
  deadlineMs = EXECUTION_DEADLINE_MS,
) {
  const sfn = sfnOf(context);
  let last: DescribeExecutionCommandOutput | undefined;
  await pollUntil(deadlineMs, 500, async () => {
    last = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    return last.status === 'RUNNING' ? undefined : last;
  });
  if (!last) throw new Error('DescribeExecution answered nothing');
  return last;
}

/** Every event of the execution's history, oldest first. */
async function historyOf(context: ExperimentContext<Output>, executionArn: string): Promise<HistoryEvent[]> {
  const sfn = sfnOf(context);
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** The names of the states the execution entered, in order (each once). */
function statesEntered(events: HistoryEvent[]): string[] {
  const names: string[] = [];
  for (const event of events) {
    const name = event.stateEnteredEventDetails?.name;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

const seconds = (from?: Date, to?: Date) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 10) / 100 : Number.NaN;

const within = (measured: number, expected: number) =>
  measured >= expected - EARLY_TOLERANCE_S && measured <= expected + LATE_TOLERANCE_S;

/** A Lambda task event: the optimized integration (Task*) or a function ARN as resource (LambdaFunction*). */
const isLambdaTask = (event: HistoryEvent) =>
  (event.taskScheduledEventDetails?.resourceType ?? '').includes('lambda') ||
  (event.taskFailedEventDetails?.resource ?? '').includes('lambda') ||
  (event.taskTimedOutEventDetails?.resource ?? '').includes('lambda') ||
  (event.type ?? '').startsWith('LambdaFunction');

const SCHEDULED = new Set(['TaskScheduled', 'LambdaFunctionScheduled']);
const FAILED = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut']);

/**
 * The attempts of the one Lambda task of an order without order lines (the payment): for each
 * failure, its error and the seconds until the next attempt was scheduled.
 */
function retryGaps(events: HistoryEvent[]) {
  const lambdaEvents = events.filter(isLambdaTask);
  const scheduled = lambdaEvents.filter((e) => SCHEDULED.has(e.type ?? ''));
  const failures = lambdaEvents
    .filter((e) => FAILED.has(e.type ?? ''))
    .map((e) => ({
      error:
        e.taskFailedEventDetails?.error ??
        e.taskTimedOutEventDetails?.error ??
        e.lambdaFunctionFailedEventDetails?.error ??
        e.lambdaFunctionTimedOutEventDetails?.error ??
        e.type ??
        '',
      at: e.timestamp,
    }));
  const gaps = failures.map(({ at }) => {
    const next = scheduled.find((s) => s.timestamp && at && s.timestamp > at);
    return seconds(at, next?.timestamp);
  });
  return { attempts: scheduled.length, errors: failures.map((f) => f.error), gaps };
}

async function orderItem(context: ExperimentContext<Output>, orderId: string) {
  const { Item } = await new DynamoDBClient(context.clientConfig).send(
    new GetItemCommand({
      TableName: outputOf(context, 'OrdersTableName'),
      Key: { orderId: { S: orderId } },
      ConsistentRead: true,
    }),
  );
  return {
    status: Item?.orderStatus?.S ?? 'no item',
    executionArn: Item?.executionArn?.S,
    paymentAttempts: Number(Item?.paymentAttempts?.N ?? '0'),
    failedWith: Item?.failedWith?.S,
  };
}

const routeEveryBranch: Experiment<Output> = {
  name: 'Route orders through the Choice: straight on, or via the Wait state',
  fact:
    'A Choice state picks the next state from the input; a Wait state holds the execution for its seconds ' +
    '(the history shows when it was entered and left); the path is in the execution history',
  proof: 'behaviour',
  measures: ['waitSeconds'],
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'an order started on the quote workflow passes neither the Choice nor the Wait state',
  },
  async run(context) {
    const plain = order('plain');
    const scheduled = order('scheduled', { scheduled: true });
    const arns = await Promise.all([plain, scheduled].map((input) => startOrder(context, input)));
    const results = await Promise.all(arns.map((arn) => finished(context, arn)));
    const [plainEvents, scheduledEvents] = await Promise.all(arns.map((arn) => historyOf(context, arn)));
    const plainPath = statesEntered(plainEvents);
    const scheduledPath = statesEntered(scheduledEvents);
    const entered = scheduledEvents.find((e) => e.type === 'WaitStateEntered');
    const exited = scheduledEvents.find((e) => e.type === 'WaitStateExited');
    const waitSeconds = seconds(entered?.timestamp, exited?.timestamp);
    const ok =
      results.every((r) => r.status === 'SUCCEEDED') &&
      !plainPath.includes('WaitForSlot') &&
      !plainPath.includes('RequestApproval') &&
      plainPath.includes('Fulfil') &&
      scheduledPath.includes('WaitForSlot') &&
      !scheduledPath.includes('RequestApproval') &&
      within(waitSeconds, SLOT_WAIT_SECONDS);
    return withMeasurements(
      expectThat(
        ok,
        `plain order ${results[0].status}: ${plainPath.join(' > ')}; scheduled order ${results[1].status}: ` +
          `${scheduledPath.join(' > ')}; WaitForSlot held it ${waitSeconds} s`,
        `both SUCCEEDED; only the scheduled order passes WaitForSlot, for ${SLOT_WAIT_SECONDS} s ` +
          `(-${EARLY_TOLERANCE_S} s / +${LATE_TOLERANCE_S} s)`,
      ),
      { waitSeconds },
    );
  },
};

const directDynamoDb: Experiment<Output> = {
  name: 'Write the order to DynamoDB straight from the workflow',
  fact:
    'A direct service integration (arn:aws:states:::dynamodb:putItem and :updateItem) lets the workflow call ' +
    'DynamoDB itself, with no function in between; the item is there when the execution ends',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'the quote workflow writes no order item',
  },
  async run(context) {
    const input = order('direct');
    const executionArn = await startOrder(context, input);
    const result = await finished(context, executionArn);
    const events = await historyOf(context, executionArn);
    const dynamoResources = events
      .map((e) => e.taskScheduledEventDetails?.resource ?? '')
      .filter((r) => r.includes(':dynamodb:'));
    const item = await orderItem(context, input.orderId);
    return expectThat(
      result.status === 'SUCCEEDED' &&
        dynamoResources.some((r) => r.endsWith('dynamodb:putItem')) &&
        dynamoResources.some((r) => r.endsWith('dynamodb:updateItem')) &&
        item.status === 'CONFIRMED' &&
        item.executionArn === executionArn,
      `execution ${result.status}; DynamoDB tasks in the history: ${dynamoResources.join(', ') || 'none'}; ` +
        `item ${item.status}, written by ${item.executionArn === executionArn ? 'this execution' : (item.executionArn ?? 'nobody')}`,
      'SUCCEEDED; putItem and updateItem tasks; the item CONFIRMED, naming this execution',
    );
  },
};

/** Runs an order whose payment goes wrong twice, and reads the retries from its history. */
async function retriedPayment(
  context: ExperimentContext<Output>,
  payment: 'slow' | 'flaky',
  expectedError: string,
) {
  // No order lines: the payment is the only function the execution calls, so every Lambda event is one.
  const input = order(payment, { payment, failAttempts: 2, items: [] });
  const executionArn = await startOrder(context, input);
  const result = await finished(context, executionArn);
  const { attempts, errors, gaps } = retryGaps(await historyOf(context, executionArn));
  const ok =
    result.status === 'SUCCEEDED' &&
    attempts === 3 &&
    errors.length === 2 &&
    errors.every((e) => e === expectedError) &&
    gaps.length === RETRY_GAPS_SECONDS.length &&
    gaps.every((gap, i) => within(gap, RETRY_GAPS_SECONDS[i]));
  return withMeasurements(
    expectThat(
      ok,
      `execution ${result.status}; ${attempts} attempts; failures: ${errors.join(', ') || 'none'}; ` +
        `next attempt after ${gaps.map((g) => `${g} s`).join(', then ') || '-'}`,
      `SUCCEEDED on attempt 3; two ${expectedError} failures; retried after ${RETRY_GAPS_SECONDS.join(' s, then ')} s ` +
        `(each -${EARLY_TOLERANCE_S} s / +${LATE_TOLERANCE_S} s)`,
    ),
    { firstRetryAfter: gaps[0] ?? Number.NaN, secondRetryAfter: gaps[1] ?? Number.NaN, attempts },
  );
}

const retryTimeout: Experiment<Output> = {
  name: 'Retry a hung payment with backoff: 1 s, then 2 s',
  fact:
    'A Retry on States.Timeout with IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 2 and no jitter waits 1 s ' +
    'before the second attempt and 2 s before the third; TimeoutSeconds stops waiting for a hung task',
  proof: 'behaviour',
  measures: ['firstRetryAfter', 'secondRetryAfter', 'attempts'],
  run: (context) => retriedPayment(context, 'slow', 'States.Timeout'),
};

const retryNamedError: Experiment<Output> = {
  name: 'Retry a transient error by its name',
  fact:
    'A Retry matches the error name a function throws (its errorType, here PaymentProviderUnavailable) and ' +
    'retries it with the same backoff; other errors are not retried',
  proof: 'behaviour',
  skipOn: {
    ministack:
      'MiniStack 1.5.33 reports every error a function throws as Runtime.HandlerError (the error name is lost), ' +
      'so a Retry on PaymentProviderUnavailable never matches there. Its interpreter does honour ' +
      'IntervalSeconds and BackoffRate (the States.Timeout experiment measures them).',
  },
  run: (context) => retriedPayment(context, 'flaky', 'PaymentProviderUnavailable'),
};

const compensate: Experiment<Output> = {
  name: 'Cancel the order when the payment is declined',
  fact:
    'An error no Retry matches goes to the Catch: the compensation step undoes what the workflow recorded ' +
    '(the order is cancelled) and the execution ends FAILED with the error of the Fail state',
  proof: 'behaviour',
  measures: ['paymentAttempts', 'orderStatus'],
  async run(context) {
    const input = order('declined', { payment: 'declined' });
    const executionArn = await startOrder(context, input);
    const result = await finished(context, executionArn);
    const path = statesEntered(await historyOf(context, executionArn));
    const item = await orderItem(context, input.orderId);
    const ok =
      result.status === 'FAILED' &&
      result.error === 'OrderCancelled' &&
      path.includes('CancelOrder') &&
      !path.includes('ConfirmOrder') &&
      item.status === 'CANCELLED' &&
      item.paymentAttempts === 1 &&
      item.failedWith !== undefined;
    return withMeasurements(
      expectThat(
        ok,
        `execution ${result.status} (${result.error ?? 'no error'}); path: ${path.join(' > ')}; item ${item.status} ` +
          `after ${item.paymentAttempts} payment attempt(s), caught error ${item.failedWith ?? 'not recorded'}`,
        'FAILED (OrderCancelled) through CancelOrder, not ConfirmOrder; the item CANCELLED after 1 attempt, the error recorded',
      ),
      { paymentAttempts: item.paymentAttempts, orderStatus: item.status },
    );
  },
};

/** The most intervals in `spans` that overlap at one moment. */
function mostAtOnce(spans: { startedAt: string; endedAt: string }[]): number {
  const edges = spans.flatMap((s) => [
    { at: Date.parse(s.startedAt), step: 1 },
    { at: Date.parse(s.endedAt), step: -1 },
  ]);
  // An end before a start at the same millisecond: touching spans do not overlap.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const { step } of edges) {
    now += step;
    most = Math.max(most, now);
  }
  return most;
}

const mapConcurrency: Experiment<Output> = {
  name: 'Reserve the order lines at most two at a time',
  fact:
    'A Map state runs its iterations in parallel, at most MaxConcurrency at once (0 means as many as it can); ' +
    'its output is the array of the iterations’ results, in input order',
  proof: 'behaviour',
  measures: ['mostAtOnce'],
  async run(context) {
    const skus = ['book', 'lamp', 'desk', 'chair'];
    const input = order('lines', { items: skus.map((sku) => ({ sku, quantity: 1 })) });
    const executionArn = await startOrder(context, input);
    const result = await finished(context, executionArn);
    if (result.status !== 'SUCCEEDED') return fail(`execution ${result.status} (${result.error ?? ''})`);
    const output = JSON.parse(result.output ?? '{}') as { fulfilment?: unknown[] };
    const reservations = (output.fulfilment?.[1] ?? []) as {
      sku: string;
      startedAt: string;
      endedAt: string;
    }[];
    const most = mostAtOnce(reservations);
    const sequence = reservations.map((r) => r.sku);
    return withMeasurements(
      expectThat(
        most === RESERVE_CONCURRENCY && sequence.join() === skus.join(),
        `${reservations.length} reservations (${sequence.join(', ')}); at most ${most} ran at the same time`,
        `${skus.length} reservations in input order; at most ${RESERVE_CONCURRENCY} at the same time`,
      ),
      { mostAtOnce: most },
    );
  },
};

/** How long the callback experiment leaves the approval unanswered, to see the execution wait. */
const APPROVAL_DELAY_MS = 3000;

const callback: Experiment<Output> = {
  name: 'Wait for an approval until the task token comes back',
  fact:
    'A .waitForTaskToken task sends its task token (here in an SQS message) and pauses: the execution stays ' +
    'RUNNING until SendTaskSuccess returns that token, and the output given there becomes the task result',
  proof: 'behaviour',
  measures: ['statusWhileWaiting'],
  async run(context) {
    const sqs = new SQSClient(context.clientConfig);
    const queueUrl = outputOf(context, 'ApprovalsQueueUrl');
    const input = order('approval', { total: APPROVAL_THRESHOLD + 500 });
    const executionArn = await startOrder(context, input);
    const message = await pollUntil(30_000, 0, async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
      );
      return Messages.find(
        (m) => (JSON.parse(m.Body ?? '{}') as { orderId?: string }).orderId === input.orderId,
      );
    });
    if (!message) return fail(`no approval request for ${input.orderId} on the queue within 30 s`);
    const { taskToken } = JSON.parse(message.Body ?? '{}') as { taskToken?: string };
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    await sleep(APPROVAL_DELAY_MS);
    const sfn = sfnOf(context);
    const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const statusWhileWaiting = waiting.status ?? 'unknown';
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approvedBy: 'verify' }) }),
    );
    const result = await finished(context, executionArn);
    const output = JSON.parse(result.output ?? '{}') as { approval?: { approvedBy?: string } };
    return withMeasurements(
      expectThat(
        Boolean(taskToken) &&
          statusWhileWaiting === 'RUNNING' &&
          result.status === 'SUCCEEDED' &&
          output.approval?.approvedBy === 'verify',
        `token ${taskToken ? 'received' : 'missing'} in the message; ${APPROVAL_DELAY_MS / 1000} s later the ` +
          `execution was ${statusWhileWaiting}; after SendTaskSuccess: ${result.status}, approval ` +
          `${JSON.stringify(output.approval ?? null)}`,
        'RUNNING while the token is out; SUCCEEDED after SendTaskSuccess, with {"approvedBy":"verify"} as the result',
      ),
      { statusWhileWaiting },
    );
  },
};

async function quote(context: ExperimentContext<Output>, weightKg: number) {
  const started = Date.now();
  const answer = await sfnOf(context).send(
    new StartSyncExecutionCommand({
      stateMachineArn: outputOf(context, 'QuoteWorkflowArn'),
      input: JSON.stringify({ orderId: newRunId('quote'), weightKg }),
    }),
  );
  const output = JSON.parse(answer.output ?? '{}') as { carrier?: string };
  return { answer, carrier: output.carrier, ms: Date.now() - started };
}

const expressSync: Experiment<Output> = {
  name: 'Ask the Express workflow for a quote and get the answer in the response',
  fact:
    'StartSyncExecution runs an Express workflow and answers only when it ends, with its status and output in ' +
    'the response (HTTP 200 even when the execution fails)',
  proof: 'behaviour',
  measures: ['syncMilliseconds'],
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'the order workflow answers no quote (on AWS it refuses StartSyncExecution)',
  },
  async run(context) {
    const heavy = await quote(context, 30);
    const light = await quote(context, 2);
    return withMeasurements(
      expectThat(
        heavy.answer.status === 'SUCCEEDED' &&
          light.answer.status === 'SUCCEEDED' &&
          heavy.carrier === 'freight' &&
          light.carrier === 'parcel',
        `30 kg: ${heavy.answer.status} ${heavy.carrier ?? 'no carrier'} in ${heavy.ms} ms; 2 kg: ` +
          `${light.answer.status} ${light.carrier ?? 'no carrier'} in ${light.ms} ms`,
        'both SUCCEEDED in the response: freight for 30 kg, parcel for 2 kg',
      ),
      { syncMilliseconds: Math.max(heavy.ms, light.ms) },
    );
  },
};

/** Express executions reach the log group within seconds on AWS; CloudWatch Logs may lag a minute. */
const LOG_DEADLINE_MS = 90_000;

const expressNoHistory: Experiment<Output> = {
  name: 'Find an Express execution in its logs, not in an execution history',
  fact:
    'Step Functions keeps no execution history for Express workflows: DescribeExecution and GetExecutionHistory ' +
    'refuse their executions, StartSyncExecution refuses a Standard workflow, and the execution is seen in ' +
    'CloudWatch Logs (when logging is on)',
  proof: 'behaviour',
  skipOn: {
    ministack:
      'MiniStack 1.5.33 keeps a history for Express executions (DescribeExecution and GetExecutionHistory answer ' +
      'as for Standard ones), runs StartSyncExecution on a Standard workflow, and its CloudFormation drops the ' +
      'state machine LoggingConfiguration, so nothing reaches the log group.',
  },
  async run(context) {
    const sfn = sfnOf(context);
    const { answer } = await quote(context, 5);
    const executionArn = answer.executionArn ?? '';
    const describe = await acceptedOrRefused(() => sfn.send(new DescribeExecutionCommand({ executionArn })));
    const history = await acceptedOrRefused(() => sfn.send(new GetExecutionHistoryCommand({ executionArn })));
    const syncOnStandard = await acceptedOrRefused(() =>
      sfn.send(
        new StartSyncExecutionCommand({
          stateMachineArn: outputOf(context, 'OrderWorkflowArn'),
          input: JSON.stringify(order('sync')),
        }),
      ),
    );
    const logs = new CloudWatchLogsClient(context.clientConfig);
    const logGroupName = outputOf(context, 'QuoteLogGroupName');
    const startTime = (answer.startDate ?? new Date()).getTime() - 60_000;
    const logged = await pollUntil(LOG_DEADLINE_MS, 5000, async () => {
      context.progress('waiting for the execution in the log group');
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName, startTime }));
      const ours = events.filter((e) => e.message?.includes(executionArn));
      return ours.length > 0 ? ours : undefined;
    });
    const types = (logged ?? []).map((e) => (JSON.parse(e.message ?? '{}') as { type?: string }).type ?? '?');
    return expectThat(
      answer.status === 'SUCCEEDED' &&
        describe.startsWith('refused') &&
        history.startsWith('refused') &&
        syncOnStandard.startsWith('refused') &&
        types.includes('ExecutionSucceeded'),
      `quote ${answer.status}; DescribeExecution ${describe}; GetExecutionHistory ${history}; StartSyncExecution ` +
        `on the Standard workflow ${syncOnStandard}; ${types.length} log events for the execution ` +
        `(${types.join(', ') || 'none'})`,
      'DescribeExecution, GetExecutionHistory and StartSyncExecution on Standard refused; ExecutionSucceeded in the log group',
    );
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  routeEveryBranch,
  directDynamoDb,
  retryTimeout,
  retryNamedError,
  compensate,
  mapConcurrency,
  callback,
  expressSync,
  expressNoHistory,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
