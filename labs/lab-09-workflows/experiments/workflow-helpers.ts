/**
 * How lab-09's experiments drive the order workflow: an order's input, starting it, waiting for it
 * to end, reading its history and the item it wrote.
 */

import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { newRunId, pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

// The lab's documented settings (labs/lab-09-workflows/stack.ts and the guide), stated here on
// purpose: the experiments check the deployed workflows against the guide.
export const SLOT_WAIT_SECONDS = 2;
export const RETRY_GAPS_SECONDS = [1, 2];
export const RESERVE_CONCURRENCY = 2;
export const APPROVAL_THRESHOLD = 1000;

/**
 * How far a measured gap may be from the configured one: Step Functions starts the next attempt (or
 * leaves the Wait state) no earlier than configured, and on AWS usually within a few hundred
 * milliseconds after; a second is the margin for a busy service or emulator host.
 */
export const EARLY_TOLERANCE_S = 0.05;
export const LATE_TOLERANCE_S = 1;

/** How long an order execution may take: a slow payment with its two retries takes about 10 s. */
const EXECUTION_DEADLINE_MS = 60_000;

export const sfnOf = (context: ExperimentContext<Output>) =>
  // StartSyncExecution goes to the `sync-` host of the service endpoint; an emulator on loopback
  // serves every operation on its one endpoint.
  clientOf(SFNClient, context, { disableHostPrefix: 'endpoint' in context.clientConfig });

export interface OrderInput {
  orderId: string;
  total: number;
  items: { sku: string; quantity: number }[];
  scheduled?: boolean;
  payment?: 'ok' | 'slow' | 'flaky' | 'declined';
  failAttempts?: number;
}

/** An order for the run: one line per sku, a small total unless told otherwise. */
export function order(tag: string, fields: Partial<OrderInput> = {}): OrderInput {
  return { orderId: newRunId(tag), total: 50, items: [{ sku: 'book', quantity: 1 }], ...fields };
}

export async function startOrder(context: ExperimentContext<Output>, input: OrderInput): Promise<string> {
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
export async function finished(
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
export async function historyOf(
  context: ExperimentContext<Output>,
  executionArn: string,
): Promise<HistoryEvent[]> {
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
export function statesEntered(events: HistoryEvent[]): string[] {
  const names: string[] = [];
  for (const event of events) {
    const name = event.stateEnteredEventDetails?.name;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

export const seconds = (from?: Date, to?: Date) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 10) / 100 : Number.NaN;

export const within = (measured: number, expected: number) =>
  measured >= expected - EARLY_TOLERANCE_S && measured <= expected + LATE_TOLERANCE_S;

export async function orderItem(context: ExperimentContext<Output>, orderId: string) {
  const { Item } = await clientOf(DynamoDBClient, context).send(
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
