/**
 * How lab-10's experiments reach the bus: an order event, putting events on the custom bus, and
 * reading (and deleting) what a target's queue received.
 */

import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { type Message, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { mapWithConcurrency } from '../../../lib/experiments/helpers';
import { drainQueue } from '../../../lib/experiments/queues';
import type { Output } from '../outputs';

// The lab's documented rules (the guide), stated here on purpose: the experiments check the deployed
// bus against the guide, not against whatever the template says.
export const SOURCE = 'lab10.shop';
export const PLACED = 'Order Placed';
export const SHIPPED = 'Order Shipped';
export const REFUNDED = 'Order Refunded';
export const EVENT_COUNT = 520;
/** PutEvents takes at most 10 entries a call. */
export const PUT_BATCH = 10;
/** How many PutEvents calls are in flight at once. */
export const PUT_POOL = 4;

/** One order event as the experiment builds it: `detail` fields may be missing or oddly typed on purpose. */
export interface OrderEvent {
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

const entryOf = (bus: string, e: OrderEvent): PutEventsRequestEntry => ({
  EventBusName: bus,
  Source: e.source,
  DetailType: e.detailType,
  Detail: JSON.stringify(e.detail),
});

/** Puts the events in calls of 10, `PUT_POOL` calls at a time; returns how many were refused. */
export async function putEvents(
  context: ExperimentContext<Output>,
  events: readonly OrderEvent[],
): Promise<number> {
  const bus = outputOf(context, 'OrdersBusName');
  const client = clientOf(EventBridgeClient, context);
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
export function bodyOf(message: Message): Record<string, unknown> | undefined {
  try {
    return JSON.parse(message.Body ?? '') as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The order id a message is about: the event's `detail.orderId`, or the alert's `orderId`. */
export function orderIdOf(message: Message): string | undefined {
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
export async function drain(
  context: ExperimentContext<Output>,
  queueUrl: string,
  mine: (m: Message) => boolean,
  options: { quietMs: number; deadlineMs: number; enough?: (got: readonly Message[]) => boolean },
): Promise<Message[]> {
  const { kept } = await drainQueue(clientOf(SQSClient, context), queueUrl, {
    mine,
    quietMs: options.quietMs,
    deadline: Date.now() + options.deadlineMs,
    enough: options.enough,
  });
  return kept;
}

export const ofRun = (run: string) => (m: Message) => orderIdOf(m)?.startsWith(`${run}-`) === true;
export const quiet = (context: ExperimentContext<Output>) => (isLocal(context) ? 3_000 : 20_000);
