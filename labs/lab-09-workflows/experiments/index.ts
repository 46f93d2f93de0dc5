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

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { callback } from './callback';
import { routeEveryBranch } from './choice-and-wait';
import { compensate } from './compensation';
import { directDynamoDb } from './direct-dynamodb';
import { expressNoHistory, expressSync } from './express';
import { mapConcurrency } from './map-concurrency';
import { retryNamedError, retryTimeout } from './retries';

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
