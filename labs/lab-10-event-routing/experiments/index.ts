/**
 * lab-10 experiments: events are put on the custom bus with PutEvents (10 entries a call, a few calls
 * at a time), and what each rule's target received is read back from its SQS queue. Every event carries
 * the run id in `detail.run`, so a run reads only its own events; what an experiment reads, it deletes.
 *
 * Which target should receive which event is computed here by plain predicates, written from the
 * guide's description of each rule, not from the event patterns in stack.ts.
 */

import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  type PutEventsRequestEntry,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import { GetQueueAttributesCommand, type Message, SQSClient } from '@aws-sdk/client-sqs';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { mapWithConcurrency, newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import { drainQueue } from '../../../lib/experiments/queues';
import type { Output } from '../outputs';

// The lab's documented rules (the guide), stated here on purpose: the experiments check the deployed
// bus against the guide, not against whatever the template says.
const SOURCE = 'lab10.shop';
const PLACED = 'Order Placed';
const SHIPPED = 'Order Shipped';
const REFUNDED = 'Order Refunded';
const EVENT_COUNT = 520;
/** PutEvents takes at most 10 entries a call. */
const PUT_BATCH = 10;
/** How many PutEvents calls are in flight at once. */
const PUT_POOL = 4;

const isLocal = (context: ExperimentContext<Output>) => context.target !== 'aws';
const eventsOf = (context: ExperimentContext<Output>) => new EventBridgeClient(context.clientConfig);
const sqsOf = (context: ExperimentContext<Output>) => new SQSClient(context.clientConfig);

/** One order event as the experiment builds it: `detail` fields may be missing or oddly typed on purpose. */
interface OrderEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: {
    readonly run: string;
    readonly orderId: string;
    readonly region?: string;
    readonly amount?: number | string;
    readonly coupon?: string;
    readonly status?: string;
  };
}

/** A small seeded generator (mulberry32), so every run sends the same mix of events. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = [
  'eu-west-1',
  'eu-central-1',
  'us-east-1',
  'ap-southeast-2',
  'EU-west-3',
  'europe-north',
  'sa-east-1',
];
const AMOUNTS = [0, 99.99, 100, 250, 999.99, 1000, 1000.5, 2500, '250', '1500'];
const STATUSES = ['paid', 'pending', 'test', 'cancelled', 'Test'];

/** `count` varied events for run `run`: regions, amounts (some strings), coupons, statuses, types. */
export function orderEvents(run: string, count: number, seed = 10): OrderEvent[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, seq) => {
    const roll = random();
    const amount = roll < 0.5 ? pick(AMOUNTS) : Math.round(random() * 300_000) / 100;
    const detail = {
      run,
      orderId: `${run}-${seq}`,
      ...(random() < 0.9 ? { region: pick(REGIONS) } : {}),
      ...(random() < 0.95 ? { amount } : {}),
      ...(random() < 0.3 ? { coupon: random() < 0.2 ? '' : `SAVE${seq % 7}` } : {}),
      ...(random() < 0.9 ? { status: pick(STATUSES) } : {}),
    };
    return {
      source: random() < 0.05 ? 'lab10.other' : SOURCE,
      detailType: random() < 0.8 ? PLACED : SHIPPED,
      detail,
    };
  });
}

/** Which events each target should get, by the guide's words (not the patterns' code). */
const shop = (e: OrderEvent) => e.source === SOURCE;
const placed = (e: OrderEvent) => shop(e) && e.detailType === PLACED;
const numberAmount = (e: OrderEvent) => (typeof e.detail.amount === 'number' ? e.detail.amount : undefined);
/** A rule's target queue (read from its stack output) and which events it should get. */
interface Route {
  readonly name: string;
  readonly queueUrl: (context: ExperimentContext<Output>) => string;
  readonly admits: (e: OrderEvent) => boolean;
}
export const EXPECTED_ROUTES: readonly Route[] = [
  {
    // "orders from regions whose name starts with eu-" (case matters: EU-west-3 is not one)
    name: 'EuOrders',
    queueUrl: (c) => outputOf(c, 'EuOrdersQueueUrl'),
    admits: (e) => shop(e) && typeof e.detail.region === 'string' && e.detail.region.startsWith('eu-'),
  },
  {
    // "placed orders of 100 up to, not including, 1000" (a number: the string "250" is not one)
    name: 'MidSizeOrders',
    queueUrl: (c) => outputOf(c, 'MidSizeOrdersQueueUrl'),
    admits: (e) => {
      const amount = numberAmount(e);
      return placed(e) && amount !== undefined && amount >= 100 && amount < 1000;
    },
  },
  {
    // "orders that have a coupon field", whatever its value (an empty string counts)
    name: 'CouponOrders',
    queueUrl: (c) => outputOf(c, 'CouponOrdersQueueUrl'),
    admits: (e) => shop(e) && e.detail.coupon !== undefined,
  },
  {
    // "placed orders whose status is there and is not test or cancelled" (Test is another value)
    name: 'LiveOrders',
    queueUrl: (c) => outputOf(c, 'LiveOrdersQueueUrl'),
    admits: (e) =>
      placed(e) && e.detail.status !== undefined && !['test', 'cancelled'].includes(e.detail.status),
  },
  {
    // "placed orders of 1000 or more", as an alert
    name: 'BigOrderAlerts',
    queueUrl: (c) => outputOf(c, 'BigOrderAlertsQueueUrl'),
    admits: (e) => {
      const amount = numberAmount(e);
      return placed(e) && amount !== undefined && amount >= 1000;
    },
  },
  // "replayed events only": live traffic never
  { name: 'ReplayedOrders', queueUrl: (c) => outputOf(c, 'ReplayedOrdersQueueUrl'), admits: () => false },
];

const entryOf = (bus: string, e: OrderEvent): PutEventsRequestEntry => ({
  EventBusName: bus,
  Source: e.source,
  DetailType: e.detailType,
  Detail: JSON.stringify(e.detail),
});

/** Puts the events in calls of 10, `PUT_POOL` calls at a time; returns how many were refused. */
async function putEvents(context: ExperimentContext<Output>, events: readonly OrderEvent[]): Promise<number> {
  const bus = outputOf(context, 'OrdersBusName');
  const client = eventsOf(context);
  const batches: PutEventsRequestEntry[][] = [];
  for (let i = 0; i < events.length; i += PUT_BATCH)
    batches.push(events.slice(i, i + PUT_BATCH).map((e) => entryOf(bus, e)));
  const answers = await mapWithConcurrency(batches, PUT_POOL, (batch) =>
    client.send(new PutEventsCommand({ Entries: batch })),
  );
  const failed = answers.reduce((sum, answer) => sum + (answer.FailedEntryCount ?? 0), 0);
  return failed;
}

/** A message's JSON body (the event, or the transformer's document), or undefined. */
function bodyOf(message: Message): Record<string, unknown> | undefined {
  try {
    return JSON.parse(message.Body ?? '') as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The order id a message is about: the event's `detail.orderId`, or the alert's `orderId`. */
function orderIdOf(message: Message): string | undefined {
  const body = bodyOf(message);
  const detail = body?.detail as { orderId?: unknown } | undefined;
  const id = detail?.orderId ?? body?.orderId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Reads a queue until `enough` says so or nothing new arrived for `quietMs` (or `deadlineMs` passed),
 * deleting what it reads; returns the messages that `mine` accepts (others, from older runs, are
 * deleted too).
 */
async function drain(
  context: ExperimentContext<Output>,
  queueUrl: string,
  mine: (m: Message) => boolean,
  options: { quietMs: number; deadlineMs: number; enough?: (got: readonly Message[]) => boolean },
): Promise<Message[]> {
  const { kept } = await drainQueue(sqsOf(context), queueUrl, {
    mine,
    quietMs: options.quietMs,
    deadline: Date.now() + options.deadlineMs,
    enough: options.enough,
  });
  return kept;
}

const ofRun = (run: string) => (m: Message) => orderIdOf(m)?.startsWith(`${run}-`) === true;
const quiet = (context: ExperimentContext<Output>) => (isLocal(context) ? 3_000 : 20_000);

/** Differences between what a target got and what it should have got, in words. */
function difference(got: ReadonlySet<string>, expected: ReadonlySet<string>): string {
  const missing = [...expected].filter((id) => !got.has(id));
  const extra = [...got].filter((id) => !expected.has(id));
  const sample = (ids: string[]) =>
    ids
      .slice(0, 3)
      .map((id) => id.split('-').pop())
      .join(', ');
  return [
    missing.length ? `${missing.length} missing (#${sample(missing)})` : '',
    extra.length ? `${extra.length} unexpected (#${sample(extra)})` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

const NO_TARGET_FAILURES_ON_MINISTACK =
  'MiniStack 1.5.33 delivers to an SQS target without evaluating its queue policy (IAM and resource policies ' +
  'are not enforced) and has no target retry policy or dead-letter queue: services/eventbridge.py ' +
  '_invoke_target logs a failed delivery and drops it (tried: the refund reached the audit queue, the ' +
  'dead-letter queue stayed empty).';

const route500EventsContent: Experiment<Output> = {
  name: 'Route 500+ events by content',
  fact: 'Each rule sends its target exactly the events its pattern admits: prefix (case-sensitive), numeric range (numbers only), exists (any value), anything-but (the field must be there).',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['EuOrdersQueueUrl', 'CouponOrdersQueueUrl'],
    why: 'reading the coupon queue as the EU queue finds other events than the EU prefix admits',
  },
  measures: ['upperCaseEuReached', 'stringAmountInRange', 'emptyCouponMatched'],
  async run(context) {
    const run = newRunId('route');
    const events = orderEvents(run, EVENT_COUNT);
    context.progress(`putting ${events.length} events, ${PUT_BATCH} a call`);
    const refused = await putEvents(context, events);
    const byId = new Map(events.map((e) => [e.detail.orderId, e]));
    context.progress('reading what every target received');
    const results = await Promise.all(
      EXPECTED_ROUTES.map(async ({ name, queueUrl, admits }) => {
        const expected = new Set(events.filter(admits).map((e) => e.detail.orderId));
        const messages = await drain(context, queueUrl(context), ofRun(run), {
          quietMs: quiet(context),
          deadlineMs: isLocal(context) ? 60_000 : 180_000,
          enough: (got) => expected.size > 0 && new Set(got.map(orderIdOf)).size >= expected.size,
        });
        const ids = messages.map((m) => orderIdOf(m) ?? '');
        const got = new Set(ids);
        return { name, expected, got, duplicates: ids.length - got.size };
      }),
    );
    const wrong = results.filter((r) => difference(r.got, r.expected) !== '');
    const reached = (name: string, test: (e: OrderEvent) => boolean) =>
      [...(results.find((r) => r.name === name)?.got ?? [])].some((id) => test(byId.get(id) as OrderEvent))
        ? 'yes'
        : 'no';
    const summary = results
      .map(
        (r) =>
          `${r.name} ${r.got.size}/${r.expected.size}${difference(r.got, r.expected) ? ` (${difference(r.got, r.expected)})` : ''}${r.duplicates ? ` +${r.duplicates} duplicate(s)` : ''}`,
      )
      .join('; ');
    return withMeasurements(
      expectThat(
        refused === 0 && wrong.length === 0,
        `${events.length} events put (${refused} refused); received/expected per target: ${summary}`,
        'every target receives exactly the events its rule admits (duplicates aside: delivery is at least once)',
      ),
      {
        upperCaseEuReached: reached('EuOrders', (e) => e.detail.region === 'EU-west-3'),
        stringAmountInRange: reached('MidSizeOrders', (e) => typeof e.detail.amount === 'string'),
        emptyCouponMatched: reached('CouponOrders', (e) => e.detail.coupon === ''),
      },
    );
  },
};

const reshapeBigOrdersInput: Experiment<Output> = {
  name: 'Reshape big orders with an input transformer',
  fact: 'An input transformer sends the target a document of your own built from event fields (numbers stay numbers), not the event.',
  proof: 'behaviour',
  measures: ['alertAmountType'],
  async run(context) {
    const run = newRunId('alert');
    const amounts = [1000, 2500.5, 999.99];
    const events = amounts.map(
      (amount, seq): OrderEvent => ({
        source: SOURCE,
        detailType: PLACED,
        detail: { run, orderId: `${run}-${seq}`, region: 'eu-west-1', amount, status: 'paid' },
      }),
    );
    await putEvents(context, events);
    const messages = await drain(context, outputOf(context, 'BigOrderAlertsQueueUrl'), ofRun(run), {
      quietMs: quiet(context),
      deadlineMs: isLocal(context) ? 20_000 : 120_000,
    });
    const expectedKeys = 'alert,amount,orderId,region,summary';
    const shapes = messages.map((m) => {
      const body = bodyOf(m) ?? {};
      const ok =
        Object.keys(body).sort().join() === expectedKeys &&
        body.alert === 'big-order' &&
        typeof body.amount === 'number' &&
        body.summary === `Order ${body.orderId} of ${body.amount} needs a review`;
      return { ok, text: m.Body ?? '' };
    });
    const first = bodyOf(messages[0] ?? {}) ?? {};
    return withMeasurements(
      expectThat(
        messages.length === 2 && shapes.every((s) => s.ok),
        `${messages.length} alert(s) for amounts ${amounts.join(', ')}: ${shapes.map((s) => s.text).join(' | ') || 'none'}`,
        `2 alerts (1000 and 2500.5, not 999.99), each exactly {alert, orderId, amount (a number), region, summary "Order <id> of <amount> needs a review"}`,
      ),
      { alertAmountType: typeof first.amount },
    );
  },
};

const sendUndeliverableEventDead: Experiment<Output> = {
  name: 'Send an undeliverable event to the dead-letter queue',
  fact: 'When a target refuses delivery (its queue policy does not admit EventBridge), the event goes to the target dead-letter queue, without retries, with RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE attributes.',
  proof: 'behaviour',
  skipOn: { ministack: NO_TARGET_FAILURES_ON_MINISTACK },
  mustFailWhen: {
    swapOutputs: ['RefundTargetDeadLetterQueueUrl', 'RefundAuditQueueUrl'],
    why: 'the audit queue never receives the refund, so reading it as the dead-letter queue finds nothing',
  },
  measures: ['errorCode'],
  async run(context) {
    const run = newRunId('refund');
    const orderId = `${run}-0`;
    await putEvents(context, [
      { source: SOURCE, detailType: REFUNDED, detail: { run, orderId, amount: 40 } },
    ]);
    const mine = (m: Message) => orderIdOf(m) === orderId;
    const [dead] = await drain(context, outputOf(context, 'RefundTargetDeadLetterQueueUrl'), mine, {
      quietMs: isLocal(context) ? 10_000 : 180_000,
      deadlineMs: isLocal(context) ? 15_000 : 300_000,
      enough: (got) => got.length > 0,
    });
    const delivered = await drain(context, outputOf(context, 'RefundAuditQueueUrl'), mine, {
      quietMs: 2_000,
      deadlineMs: 5_000,
    });
    const attribute = (name: string) => dead?.MessageAttributes?.[name]?.StringValue ?? '';
    const ruleArn = outputOf(context, 'RefundsRuleArn');
    const targetArn = outputOf(context, 'RefundAuditQueueArn');
    const ok =
      dead !== undefined &&
      delivered.length === 0 &&
      attribute('RULE_ARN') === ruleArn &&
      attribute('TARGET_ARN') === targetArn &&
      attribute('ERROR_CODE') !== '' &&
      attribute('ERROR_MESSAGE') !== '';
    const attributes = dead
      ? Object.entries(dead.MessageAttributes ?? {})
          .map(([k, v]) => `${k}=${v.StringValue}`)
          .join(', ')
      : 'no message in the dead-letter queue';
    return withMeasurements(
      expectThat(
        ok,
        `audit queue received ${delivered.length}; dead-letter queue: ${attributes}`,
        `nothing in the audit queue; one dead letter with RULE_ARN=${ruleArn}, TARGET_ARN=${targetArn}, an ERROR_CODE and an ERROR_MESSAGE`,
      ),
      { errorCode: attribute('ERROR_CODE') || 'none' },
    );
  },
};

const readTargetRetryPolicy: Experiment<Output> = {
  name: 'Read the target retry policy and dead-letter queue',
  fact: 'A rule target has its own retry policy (here 4 retries within 1 hour; by default 185 within 24 hours) and dead-letter queue.',
  proof: 'configuration',
  async run(context) {
    // The name from the ARN (rule/<bus>/<name>): a rule on a custom bus has `<bus>|<name>` as its Ref.
    const ruleName = outputOf(context, 'RefundsRuleArn').split('/').pop() ?? '';
    const bus = outputOf(context, 'OrdersBusName');
    const listed = await eventsOf(context).send(
      new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: bus }),
    );
    const dlqArn = (
      await sqsOf(context).send(
        new GetQueueAttributesCommand({
          QueueUrl: outputOf(context, 'RefundTargetDeadLetterQueueUrl'),
          AttributeNames: ['QueueArn'],
        }),
      )
    ).Attributes?.QueueArn;
    const [target] = listed.Targets ?? [];
    return expectThat(
      (listed.Targets ?? []).length === 1 &&
        target.RetryPolicy?.MaximumRetryAttempts === 4 &&
        target.RetryPolicy?.MaximumEventAgeInSeconds === 3600 &&
        target.DeadLetterConfig?.Arn === dlqArn,
      `targets of ${ruleName}: ${JSON.stringify((listed.Targets ?? []).map((t) => ({ Arn: t.Arn, RetryPolicy: t.RetryPolicy, DeadLetterConfig: t.DeadLetterConfig })))}`,
      `one target with RetryPolicy {MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600} and DeadLetterConfig ${dlqArn}`,
    );
  },
};

const archiveEventsThenReplay: Experiment<Output> = {
  name: 'Archive events, then replay them',
  fact: "The archive keeps the bus's shop events; a replay sends them to the bus again, each marked with the replay's name in replay-name, which a rule can match.",
  proof: 'behaviour',
  measures: ['replayedDelivered'],
  async run(context) {
    const run = newRunId('replay');
    const events = Array.from(
      { length: 5 },
      (_, seq): OrderEvent => ({
        source: SOURCE,
        detailType: SHIPPED,
        detail: { run, orderId: `${run}-${seq}`, region: 'us-east-1', amount: 10 + seq, status: 'paid' },
      }),
    );
    const client = eventsOf(context);
    const archiveName = outputOf(context, 'ArchiveName');
    const start = new Date(Date.now() - 2_000);
    const before =
      (await client.send(new DescribeArchiveCommand({ ArchiveName: archiveName }))).EventCount ?? 0;
    await putEvents(context, events);
    const replayedQueue = outputOf(context, 'ReplayedOrdersQueueUrl');
    // Live: the replayed-only rule must not fire.
    const live = await drain(context, replayedQueue, ofRun(run), {
      quietMs: quiet(context),
      deadlineMs: 30_000,
    });
    // The archive takes the events in after a while on AWS.
    context.progress('waiting for the archive to hold the events');
    const archived = await pollUntil(
      isLocal(context) ? 15_000 : 900_000,
      isLocal(context) ? 1_000 : 30_000,
      async () => {
        const count =
          (await client.send(new DescribeArchiveCommand({ ArchiveName: archiveName }))).EventCount ?? 0;
        return count >= before + events.length ? count : undefined;
      },
    );
    await sleep(isLocal(context) ? 0 : 60_000);
    const replayName = run;
    await client.send(
      new StartReplayCommand({
        ReplayName: replayName,
        EventSourceArn: outputOf(context, 'ArchiveArn'),
        EventStartTime: start,
        EventEndTime: new Date(),
        Destination: {
          Arn: outputOf(context, 'OrdersBusArn'),
          FilterArns: [outputOf(context, 'ReplayedOrdersRuleArn')],
        },
      }),
    );
    context.progress(`replay ${replayName} started`);
    const state = await pollUntil(
      isLocal(context) ? 20_000 : 900_000,
      isLocal(context) ? 500 : 15_000,
      async () => {
        const s = (await client.send(new DescribeReplayCommand({ ReplayName: replayName }))).State;
        return s === 'COMPLETED' || s === 'FAILED' || s === 'CANCELLED' ? s : undefined;
      },
    );
    const replayed = await drain(context, replayedQueue, ofRun(run), {
      quietMs: quiet(context),
      deadlineMs: isLocal(context) ? 20_000 : 180_000,
      enough: (got) => new Set(got.map(orderIdOf)).size >= events.length,
    });
    const marked = replayed.filter((m) => bodyOf(m)?.['replay-name'] === replayName);
    const ids = new Set(marked.map(orderIdOf));
    return withMeasurements(
      expectThat(
        live.length === 0 && state === 'COMPLETED' && ids.size === events.length,
        `live: ${live.length} reached the replayed-only rule; archive count ${before} -> ${archived ?? 'not grown'}; replay ${state ?? 'not finished'}; ${replayed.length} replayed delivered, ${marked.length} with replay-name ${replayName} (${ids.size} distinct orders)`,
        `none live; replay COMPLETED; the ${events.length} events delivered again with replay-name ${replayName}`,
      ),
      { replayedDelivered: ids.size },
    );
  },
};

const tickScheduledRuleScheduler: Experiment<Output> = {
  name: 'Tick with a scheduled rule and a Scheduler schedule',
  fact: 'A scheduled rule (default bus only) sends its target a "Scheduled Event" envelope; an EventBridge Scheduler schedule sends the input you gave it.',
  proof: 'behaviour',
  measures: ['schedulerPayload'],
  async run(context) {
    const rule = await eventsOf(context).send(
      new DescribeRuleCommand({ Name: outputOf(context, 'TickRuleName') }),
    );
    const schedule = await new SchedulerClient(context.clientConfig).send(
      new GetScheduleCommand({
        Name: outputOf(context, 'ScheduleName'),
        GroupName: outputOf(context, 'ScheduleGroupName'),
      }),
    );
    context.progress('waiting for a tick of each clock (they fire every minute)');
    const fromRule = (m: Message) => {
      const b = bodyOf(m);
      return b?.source === 'aws.events' && b?.['detail-type'] === 'Scheduled Event';
    };
    const fromScheduler = (m: Message) => bodyOf(m)?.from === 'scheduler';
    const ticks = await drain(
      context,
      outputOf(context, 'TicksQueueUrl'),
      (m) => fromRule(m) || fromScheduler(m),
      {
        quietMs: 150_000,
        deadlineMs: 150_000,
        enough: (got) => got.some(fromRule) && got.some(fromScheduler),
      },
    );
    const scheduler = ticks.find(fromScheduler);
    return withMeasurements(
      expectThat(
        ticks.some(fromRule) &&
          scheduler !== undefined &&
          rule.EventBusName === 'default' &&
          rule.ScheduleExpression === 'rate(1 minute)' &&
          schedule.ScheduleExpression === 'rate(1 minute)',
        `rule on bus ${rule.EventBusName}, ${rule.ScheduleExpression}: ${ticks.filter(fromRule).length} Scheduled Event(s); schedule in group ${schedule.GroupName}, ${schedule.ScheduleExpression}, window ${schedule.FlexibleTimeWindow?.Mode}: ${ticks.filter(fromScheduler).length} message(s), e.g. ${scheduler?.Body ?? 'none'}`,
        'a Scheduled Event from the rule on the default bus and the given input from the schedule, within two and a half minutes',
      ),
      { schedulerPayload: scheduler ? 'the input given' : 'none' },
    );
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  route500EventsContent,
  reshapeBigOrdersInput,
  sendUndeliverableEventDead,
  readTargetRetryPolicy,
  archiveEventsThenReplay,
  tickScheduledRuleScheduler,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
