import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-11`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'shards-used',
    question:
      '12 sensors put 5 readings each on the two-shard stream, the sensor as partition key. On how many shards do the readings land?',
    experiment: 'sameKeySameShard',
    measure: 'shardsUsed',
    answer: { kind: 'number' },
    fact: 'Each key hashes to one shard; a dozen different keys almost surely cover both hash key ranges.',
  },
  {
    id: 'readings-applied',
    question:
      '2,000 readings go into the stream (200 sensors, 10 each). How many does the consumer apply to the results table?',
    experiment: 'perKeyOrder',
    measure: 'readingsApplied',
    answer: { kind: 'number' },
    fact: 'Every record reaches the consumer; a replayed batch is applied once thanks to the conditional write.',
  },
  {
    id: 'sensors-in-order',
    question: 'Of the 200 sensors, how many see their 10 readings applied in the order they were put?',
    experiment: 'perKeyOrder',
    measure: 'sensorsInOrder',
    answer: { kind: 'number' },
    fact: 'A shard is read in order, and one key stays on one shard: order holds per partition key.',
  },
  {
    id: 'firehose-delivered',
    question:
      '200 readings go into the stream. How many distinct readings does Firehose deliver to S3 (once the buffer flushes)?',
    experiment: 'firehoseExactlyOnce',
    measure: 'readingsDelivered',
    answer: { kind: 'number' },
    fact: 'Firehose reads every record of the stream and writes it to S3: all 200 distinct readings arrive (delivery is at least once: a retry may add a copy).',
  },
  {
    id: 'failure-batch-size',
    question:
      'A poison reading sits in a batch of readings. After bisecting, how many records does the on-failure record describe?',
    experiment: 'poisonIsolated',
    measure: 'failureBatchSize',
    answer: { kind: 'number' },
    fact: 'Bisecting halves the failing batch until the bad record is alone; the destination gets a batch of one.',
  },
];
