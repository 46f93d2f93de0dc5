/** The fan-out experiment's orders, the guide's filter table as predicates, and what each queue delivered. */

import {
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  type DynamoDBClient,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import type { Message, SQSClient } from '@aws-sdk/client-sqs';
import { drainQueue } from '../../../lib/experiments/queues';

// ---------------------------------------------------------------------------------------------------
// The published orders and what each subscription should get (from the guide's filter table)
// ---------------------------------------------------------------------------------------------------

/** One published order: the message body plus the attributes the filter policies see. */
interface PublishedOrder {
  orderId: string;
  /** Body fields: always complete, so the fulfilment function never sees a poison message. */
  body: { orderId: string; runId: string; eventType: string; region: string; amount: number };
  /** Message attributes: some orders leave eventType, region or amount out. */
  eventType?: string;
  region?: string;
  amount?: number;
}

const EVENT_TYPES = ['order_placed', 'refund_issued', 'order_cancelled', 'order_shipped', 'order_returned'];
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'ap-south-1', undefined];
/** The edges of the 100..1000 range and of the 0..2000 spread. */
const BOUNDARY_AMOUNTS = [0, 99, 99.99, 100, 1000, 1000.01, 1001, 2000];

/** Deterministic variety: the moduli differ, so every eventType meets every region and amount band. */
export function ordersOf(runId: string, count: number): PublishedOrder[] {
  return Array.from({ length: count }, (_, i) => {
    const orderId = `${runId}-${String(i).padStart(4, '0')}`;
    const eventType = i % 23 === 7 ? undefined : EVENT_TYPES[i % EVENT_TYPES.length];
    const region = REGIONS[Math.floor(i / 5) % REGIONS.length];
    const amount =
      i % 11 === 4
        ? undefined
        : i % 7 === 3
          ? BOUNDARY_AMOUNTS[Math.floor(i / 7) % BOUNDARY_AMOUNTS.length]
          : (i * 37) % 2001;
    return {
      orderId,
      body: {
        orderId,
        runId,
        eventType: eventType ?? EVENT_TYPES[i % EVENT_TYPES.length],
        region: region ?? 'unspecified',
        amount: amount ?? 0,
      },
      eventType,
      region,
      amount,
    };
  });
}

export function attributesOf(order: PublishedOrder): Record<string, MessageAttributeValue> {
  const attributes: Record<string, MessageAttributeValue> = {};
  if (order.eventType !== undefined)
    attributes.eventType = { DataType: 'String', StringValue: order.eventType };
  if (order.region !== undefined) attributes.region = { DataType: 'String', StringValue: order.region };
  if (order.amount !== undefined)
    attributes.amount = { DataType: 'Number', StringValue: String(order.amount) };
  return attributes;
}

/**
 * The guide's filter table as predicates. A policy key needs its attribute present: SNS matches no
 * message that lacks it (only `exists: false` would), so anything-but does not match a missing eventType.
 */
export const EXPECTED: Record<
  'billing' | 'euAnalytics' | 'fulfilment' | 'largeOrders',
  (o: PublishedOrder) => boolean
> = {
  billing: (o) => o.eventType === 'order_placed' || o.eventType === 'refund_issued',
  euAnalytics: (o) => o.region?.startsWith('eu-') ?? false,
  fulfilment: (o) => o.eventType !== undefined && o.eventType !== 'order_cancelled',
  largeOrders: (o) => o.amount !== undefined && o.amount >= 100 && o.amount <= 1000,
};

// ---------------------------------------------------------------------------------------------------
// Draining a queue
// ---------------------------------------------------------------------------------------------------

/** What one queue delivered of this run's orders. */
interface QueueTally {
  /** orderId -> times received. */
  received: Map<string, number>;
  /** Bodies in the shape the subscription promises (raw order, or SNS envelope from the orders topic). */
  wellFormed: number;
  /** Raw delivery only: messages that carried the SNS attributes as SQS message attributes. */
  withAttributes: number;
  /** Messages of earlier runs or of other senders, deleted and ignored. */
  foreign: number;
}

type BodyShape = { kind: 'raw' } | { kind: 'envelope'; topicArn: string };

/** Reads one SQS message: the order it carries (or undefined) and whether its form is the promised one. */
function readOrder(
  message: Message,
  shape: BodyShape,
): { order?: PublishedOrder['body']; wellFormed: boolean } {
  try {
    const parsed = JSON.parse(message.Body ?? '');
    if (shape.kind === 'raw') {
      // Raw delivery: the body is the published message, no `Type`/`Message` wrapper.
      return { order: parsed, wellFormed: parsed.Type === undefined && typeof parsed.orderId === 'string' };
    }
    const wellFormed = parsed.Type === 'Notification' && parsed.TopicArn === shape.topicArn;
    return { order: JSON.parse(parsed.Message), wellFormed };
  } catch {
    return { wellFormed: false };
  }
}

/** How long a queue may stay empty, once draining started, before no more of the run is expected. */
const QUIET_QUEUE_MS = 15_000;

/**
 * Drains a queue until `expected` of this run's orders arrived and one more receive came back empty
 * (late or unexpected extras would show there), or until the deadline; tallies what came.
 */
export async function tallyQueue(
  sqs: SQSClient,
  queueUrl: string,
  runId: string,
  expected: number,
  shape: BodyShape,
  deadline: number,
): Promise<QueueTally> {
  const orderOf = (message: Message) => readOrder(message, shape).order;
  const { kept, foreign } = await drainQueue(sqs, queueUrl, {
    deadline,
    quietMs: QUIET_QUEUE_MS,
    waitSeconds: 2,
    confirmEmpty: true,
    mine: (message) => orderOf(message)?.runId === runId,
    enough: (messages) => new Set(messages.map((m) => orderOf(m)?.orderId)).size >= expected,
  });
  const tally: QueueTally = { received: new Map(), wellFormed: 0, withAttributes: 0, foreign };
  for (const message of kept) {
    const { order, wellFormed } = readOrder(message, shape);
    if (!order) continue;
    if (wellFormed) tally.wellFormed++;
    if (message.MessageAttributes?.eventType?.StringValue === order.eventType) tally.withAttributes++;
    tally.received.set(order.orderId, (tally.received.get(order.orderId) ?? 0) + 1);
  }
  return tally;
}

/** Compares what arrived with what was expected: missing, unexpected, duplicate deliveries. */
export function compare(expected: ReadonlySet<string>, received: ReadonlyMap<string, number>) {
  const missing = [...expected].filter((id) => !received.has(id));
  const unexpected = [...received.keys()].filter((id) => !expected.has(id));
  const duplicates = [...received.values()].reduce((sum, times) => sum + times - 1, 0);
  return { missing, unexpected, duplicates };
}

/** Which (orderId, eventType) items of `orders` the fulfilment function wrote to its table. */
export async function fulfilledOf(
  dynamodb: DynamoDBClient,
  tableName: string,
  orders: readonly PublishedOrder[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < orders.length; i += 100) {
    let request: Record<string, KeysAndAttributes> | undefined = {
      [tableName]: {
        Keys: orders
          .slice(i, i + 100)
          .map((o) => ({ orderId: { S: o.orderId }, eventType: { S: o.body.eventType } })),
        ProjectionExpression: 'orderId',
      },
    };
    while (request && Object.keys(request).length > 0) {
      const response: BatchGetItemCommandOutput = await dynamodb.send(
        new BatchGetItemCommand({ RequestItems: request }),
      );
      for (const item of response.Responses?.[tableName] ?? [])
        if (item.orderId?.S) found.add(item.orderId.S);
      request = response.UnprocessedKeys;
    }
  }
  return found;
}
