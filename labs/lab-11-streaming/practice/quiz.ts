import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-11 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      "Thousands of sensors send readings every second. Each sensor's readings must be processed in order, and several applications read the same data. Which service and design fit?",
    choices: [
      'Kinesis Data Streams with the sensor id as partition key',
      'An SQS standard queue with one consumer per sensor',
      'An SNS topic with an SQS queue per application',
      'Kinesis Data Streams with a random partition key per record',
    ],
    answer: [0],
    explanation:
      'One partition key maps to one shard, and a shard is read in order, so the sensor id keeps each sensor in order while many sensors spread over the shards; several consumers can read the same stream. A standard queue does not keep order; a random key loses per-sensor order.',
    shownBy: { experiment: 'perKeyOrder' },
    domain: 'performing',
  },
  {
    question:
      "Producers get ProvisionedThroughputExceededException although the stream has 10 shards and total traffic is well below 10 MB/s. The partition key is the customer's country. What is the cause and fix?",
    choices: [
      'A hot shard: few distinct keys crowd one shard; use a high-cardinality key such as the device id',
      'The stream needs enhanced fan-out',
      'The retention period is too short; raise it to 7 days',
      'The stream must be encrypted with a customer managed key',
    ],
    answer: [0],
    explanation:
      'Each shard takes 1 MB/s or 1,000 records/s. A key with few values (countries) sends most records to a few shards, which throttle while others idle. A well-distributed key spreads the load; adding shards or retrying with backoff helps too.',
    shownBy: { experiment: 'sameKeySameShard' },
    domain: 'performing',
  },
  {
    question:
      'A Lambda function reads a Kinesis stream. One malformed record makes it throw, and since then no record of that shard has been processed. Which mapping settings let the rest through while keeping the bad record for inspection? (Choose two.)',
    choices: [
      'BisectBatchOnFunctionError with a MaximumRetryAttempts limit',
      'An on-failure destination (SQS or SNS) on the event source mapping',
      'A larger BatchSize',
      'A dead-letter queue on the function (asynchronous invocation)',
      'ParallelizationFactor 10',
    ],
    answer: [0, 1],
    explanation:
      'A stream mapping retries a failing batch until it succeeds or expires, and the shard waits. Bisecting isolates the bad record and a retry limit gives up on it; the on-failure destination then receives its shard and sequence numbers. A function DLQ applies to asynchronous invocations, not to stream polling.',
    shownBy: { experiment: 'poisonIsolated' },
    domain: 'resilient',
  },
  {
    question:
      'Clickstream records must land in S3 every minute or so for Athena, with no servers and no consumer code to maintain. What is the simplest design?',
    choices: [
      'Amazon Data Firehose reading the stream, delivering to S3 with a 60-second buffer',
      'A Lambda consumer that writes each record to S3 as its own object',
      'An EC2 instance running the Kinesis Client Library',
      'Kinesis Data Streams with 365-day retention, queried directly by Athena',
    ],
    answer: [0],
    explanation:
      'Firehose is fully managed: it reads the stream (or takes direct PUTs), buffers by time or size and writes objects to S3 (optionally compressed or converted to Parquet). It is near real time, not real time: the buffer decides the delay.',
    shownBy: { experiment: 'firehoseExactlyOnce' },
    domain: 'performing',
  },
  {
    question:
      'A team runs a test stream that takes a few hundred records a minute, all day. Which capacity choice costs least?',
    choices: [
      'Provisioned mode with one or two shards (about $0.015 per shard-hour)',
      'On-demand mode (about $0.04 per stream-hour plus per-GB charges)',
      'Provisioned mode with 10 shards for headroom',
      'Enhanced fan-out for every consumer',
    ],
    answer: [0],
    explanation:
      'For small, steady and predictable traffic, a shard or two in provisioned mode costs less than on-demand, whose stream-hour alone is more than two shards. On-demand is for unknown or spiky traffic, where shard planning would waste or throttle.',
    shownBy: { guide: 'Cost' },
    domain: 'cost',
  },
  {
    question:
      "A stream consumer's event source mapping is enabled and shows no errors, yet the function is never invoked for new records and the on-failure queue stays empty. Which is a likely cause?",
    choices: [
      'A filter on the mapping that no record matches: unmatched records are dropped and counted as processed',
      'The stream is encrypted with the AWS managed key',
      'The function has no dead-letter queue',
      'The batch window is 1 second',
    ],
    answer: [0],
    explanation:
      'Event filtering runs before invocation; a record that matches no filter is discarded as processed, so it is neither retried nor sent to a destination. Encryption with aws/kinesis needs no extra consumer permissions.',
    shownBy: { challenge: 'readings-filtered-out' },
    domain: 'developing',
  },
];
