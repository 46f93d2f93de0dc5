/**
 * lab-04 experiments: changes made to the orders table through the DynamoDB API, read back from the
 * audit table the stream consumer writes.
 *
 * - Inserts, updates and deletes on two interleaved orders become one audit record each, in stream
 *   order per item, with the images the NEW_AND_OLD_IMAGES view promises (INSERT new only, MODIFY old
 *   and new, REMOVE old only).
 * - The event source mapping is configured to retry, bisect and report partial batch failures, and the
 *   audit writer answers a batch holding a poison record with a partial batch response naming it.
 * - Through the real mapping, a poison record ends on the SQS on-failure destination while the valid
 *   records around it are audited (skipped on MiniStack: its stream poller has no retries or bisect).
 * - A replayed stream record leaves the audit table unchanged (conditional write).
 * - The byStatus GSI answers a query by status, a key the table itself does not have.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { auditLifecycle } from './audit-lifecycle';
import { gsiByStatus } from './gsi-by-status';
import { indexesLater } from './indexes-later';
import { onFailureDestination } from './on-failure-destination';
import { partialBatchResponse } from './partial-batch-response';
import { replay } from './replay';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  auditLifecycle,
  partialBatchResponse,
  onFailureDestination,
  replay,
  gsiByStatus,
  indexesLater,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
