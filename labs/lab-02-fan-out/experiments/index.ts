/**
 * lab-02 experiments: what the fan-out stack does with real traffic.
 *
 * - 1,000 orders published to the orders topic reach exactly the queues whose filter policy matches
 *   (equality, prefix, anything-but, numeric range), computed here from the guide's table, not from
 *   the stack's code; billing gets raw bodies, the others SNS envelopes; the fulfilment function's
 *   table shows what reached the Lambda-consumed queue.
 * - A message received maxReceiveCount (3) times without being deleted moves to the dead-letter queue.
 * - A received message stays hidden for its visibility timeout, then comes back.
 * - Long polling waits for a message instead of answering empty at once.
 * - The FIFO topic drops a duplicate within the deduplication window and keeps order per group.
 * - Retention (4 days, 14 on dead-letter queues) and the 256 KB SNS message limit.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { deadLetter } from './dead-letter';
import { fanOut } from './fan-out';
import { fifoDedup, fifoOrder } from './fifo-topic';
import { longPolling } from './long-polling';
import { messageSize } from './message-size';
import { numericFilterType } from './numeric-filter-type';
import { retention } from './retention';
import { lambdaQueueTimeout, visibility } from './visibility-timeout';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  fanOut,
  deadLetter,
  visibility,
  lambdaQueueTimeout,
  longPolling,
  fifoDedup,
  fifoOrder,
  retention,
  messageSize,
  numericFilterType,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
