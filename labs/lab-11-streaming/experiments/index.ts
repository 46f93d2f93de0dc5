/**
 * lab-11 experiments: readings put on the Kinesis stream with the SDK (PutRecords, the sensor as
 * partition key), observed where the two consumers leave them: the results table the reading
 * consumer writes, the on-failure queue of its event source mapping, and the S3 bucket Firehose
 * delivers to.
 *
 * - Firehose delivers every record of a run to S3 exactly once (within the buffering hints).
 * - One sensor's readings land on one shard: the shard whose hash key range holds the MD5 of the key.
 * - 2,000 readings over 200 sensors come out of the consumer in each sensor's order.
 * - The consumer fails a whole batch on a poison record (direct invoke).
 * - Through the real mapping, bisecting isolates a poison record, which lands on the on-failure queue,
 *   while the other shard keeps flowing (skipped on MiniStack: its Kinesis poller retries for good).
 * - The mapping's batch and error-handling settings, and the stream's encryption at rest.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { firehoseExactlyOnce } from './firehose-delivery';
import { perKeyOrder, sameKeySameShard } from './partition-keys';
import { poisonFailsBatch, poisonIsolated } from './poison-records';
import { encryptedAtRest, mappingSettings } from './stream-configuration';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  firehoseExactlyOnce,
  sameKeySameShard,
  perKeyOrder,
  poisonFailsBatch,
  poisonIsolated,
  mappingSettings,
  encryptedAtRest,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
