import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-11 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      "Thousands of sensors send readings every second. Each sensor's readings must be processed in order, and several applications read the same data. Which service and design fit?",
    choices: [
      {
        text: "An SQS standard queue, with one consumer for each sensor's messages",
        wrong: "a standard queue keeps no order, and a consumer cannot pick one sensor's messages",
      },
      {
        text: 'An SNS topic with an SQS queue per application subscribed to it',
        wrong: 'standard topics and queues keep no order',
      },
      { text: 'Kinesis Data Streams with the sensor id as partition key', right: true },
      {
        text: 'Kinesis Data Streams with a random partition key per record',
        wrong: "a random key spreads one sensor over many shards, which loses that sensor's order",
      },
    ],
    explanation:
      'One partition key maps to one shard, and a shard is read in order, so the sensor id keeps each sensor in order while many sensors spread over the shards; several consumers can read the same stream.',
    shownBy: { experiment: 'perKeyOrder' },
    domain: 'performing',
  },
  {
    question:
      "Producers get ProvisionedThroughputExceededException although the stream has 10 shards and total traffic is well below 10 MB/s. The partition key is the customer's country. What is the cause and fix?",
    choices: [
      {
        text: "The stream needs enhanced fan-out, which raises each shard's write limit for producers",
        wrong: 'enhanced fan-out raises read throughput per consumer, not the write limit',
      },
      {
        text: 'A hot shard: few distinct keys crowd one shard; use a high-cardinality key such as the device id',
        right: true,
      },
      {
        text: 'The retention period is too short for the traffic; raise it from 24 hours to 7 days',
        wrong: 'retention is how long records are kept, not how fast they can be written',
      },
      {
        text: 'Producers must switch from PutRecord to PutRecords, whose per-shard write limit is ten times higher',
        wrong: 'both calls count against the same per-shard limits of 1 MB/s and 1,000 records/s',
      },
    ],
    explanation:
      'Each shard takes 1 MB/s or 1,000 records/s. A key with few values (countries) sends most records to a few shards, which throttle while others idle. A well-distributed key spreads the load; adding shards or retrying with backoff helps too.',
    shownBy: { experiment: 'sameKeySameShard' },
    domain: 'performing',
  },
  {
    question:
      'A Lambda function reads a Kinesis stream. One malformed record makes it throw, and since then no record of that shard has been processed. Which two mapping settings let the rest through while keeping the bad record for inspection?',
    choices: [
      {
        text: 'A larger BatchSize',
        wrong: 'the bad record still fails its batch, which is now bigger',
      },
      { text: 'BisectBatchOnFunctionError with a MaximumRetryAttempts limit', right: true },
      {
        text: 'A dead-letter queue on the function (asynchronous invocation)',
        wrong: 'a function DLQ applies to asynchronous invocations, not to stream polling',
      },
      {
        text: 'ParallelizationFactor 10',
        wrong:
          'more concurrent batches per shard, but the bad record retries until it expires and is never kept',
      },
      { text: 'An on-failure destination (SQS or SNS) on the event source mapping', right: true },
    ],
    explanation:
      'A stream mapping retries a failing batch until it succeeds or expires, and the shard waits. Bisecting isolates the bad record and a retry limit gives up on it; the on-failure destination then receives its shard and sequence numbers.',
    shownBy: { experiment: 'poisonIsolated' },
    domain: 'resilient',
  },
  {
    question:
      'Clickstream records must land in S3 every minute or so for Athena, with no servers and no consumer code to maintain. What is the simplest design?',
    choices: [
      {
        text: 'A Lambda consumer that writes each record to S3 as its own object',
        wrong: 'it is consumer code to maintain, and one object per record makes Athena slow and costly',
      },
      {
        text: "An EC2 instance running the Kinesis Client Library that writes each minute's batch to S3",
        wrong: 'it is a server and consumer code to maintain',
      },
      {
        text: 'Kinesis Data Streams with 365-day retention, with Athena reading the shards',
        wrong: 'retention keeps records in the stream; nothing lands in S3',
      },
      {
        text: 'Amazon Data Firehose reading the stream, delivering to S3 with a 60-second buffer',
        right: true,
      },
    ],
    explanation:
      'Firehose is fully managed: it reads the stream (or takes direct PUTs), buffers by time or size and writes objects to S3 (optionally compressed or converted to Parquet). It is near real time: the buffer decides the delay.',
    shownBy: { experiment: 'firehoseExactlyOnce' },
    domain: 'performing',
  },
  {
    question:
      'A team runs a test stream that takes a few hundred records a minute, all day. Which capacity choice costs least?',
    choices: [
      { text: 'Provisioned mode with one or two shards (about $0.015 per shard-hour)', right: true },
      {
        text: 'On-demand mode, about $0.04 per stream-hour plus per-GB charges, with no shards to plan',
        wrong: 'for small steady traffic its stream-hour alone costs more than two shards',
      },
      {
        text: 'Provisioned mode with 10 shards for headroom against bursts',
        wrong: 'it pays for ten shards of capacity that a few hundred records a minute never use',
      },
      {
        text: 'Enhanced fan-out for every consumer of the test stream',
        wrong: 'it adds a charge per consumer-shard-hour and per GB; it is not a capacity saving',
      },
    ],
    explanation:
      'For small, steady and predictable traffic, a shard or two in provisioned mode costs less than on-demand. On-demand is for unknown or spiky traffic, where shard planning would waste or throttle.',
    shownBy: { guide: 'Cost' },
    domain: 'cost',
  },
  {
    question:
      "A stream consumer's event source mapping is enabled and shows no errors, yet the function is never invoked for new records and the on-failure queue stays empty. Which is a likely cause?",
    choices: [
      {
        text: "The stream is encrypted with the AWS managed key aws/kinesis, which the function's role cannot use",
        wrong:
          'the AWS managed key needs no extra consumer permissions, and a failure would show as an error',
      },
      {
        text: 'The function has no dead-letter queue, so records that fail are not retried',
        wrong: 'stream records are retried without any DLQ, and failures would show as errors',
      },
      {
        text: 'A filter on the mapping that no record matches: unmatched records are dropped and counted as processed',
        right: true,
      },
      {
        text: 'The batch window is 1 second, so records wait until the window is full',
        wrong: 'a batch window waits at most that long, then invokes with what it has',
      },
    ],
    explanation:
      'Event filtering runs before invocation; a record that matches no filter is discarded as processed, so it is neither retried nor sent to a destination.',
    shownBy: { challenge: 'readings-filtered-out' },
    domain: 'developing',
  },
  {
    question:
      'Five applications read the same Kinesis stream with GetRecords, and each now lags minutes behind because they throttle each other on every shard. What fixes the read contention without adding shards?',
    choices: [
      {
        text: 'Raise the stream retention to 7 days so that slow readers can catch up later',
        wrong: 'retention keeps records longer; it does not give the readers more throughput',
      },
      {
        text: 'Register each application as an enhanced fan-out consumer of the stream',
        right: true,
      },
      {
        text: 'Put the five applications behind one Lambda mapping with a larger batch size',
        wrong: 'one mapping feeds one function; the applications would still need their own reads',
      },
      {
        text: 'Switch the stream to on-demand mode so that reads are billed per gigabyte instead',
        wrong: 'on-demand changes capacity planning and billing; shared readers still split each shard',
      },
    ],
    explanation:
      'Shared-throughput readers split each shard’s 2 MB/s and poll with GetRecords. Enhanced fan-out gives every registered consumer its own 2 MB/s per shard, pushed with SubscribeToShard.',
    shownBy: { guide: 'facts: enhanced fan-out' },
    domain: 'performing',
  },
  {
    question:
      'A KCL application reads a stream of 4 shards. To go faster, the team runs it on 8 instances. What happens?',
    choices: [
      {
        text: 'Each shard is split between two instances, doubling the read throughput',
        wrong: 'a shard lease has one owner at a time; the KCL never splits a shard between workers',
      },
      {
        text: 'Kinesis adds 4 shards by itself so that every instance gets one to read',
        wrong: 'the KCL does not reshard a stream; the shard count changes only when asked',
      },
      {
        text: 'All 8 instances read every shard, and the application receives duplicates',
        wrong: 'the lease table prevents that: a shard is leased to one worker',
      },
      {
        text: 'Only 4 instances hold a shard lease; the other 4 wait to take one over',
        right: true,
      },
    ],
    explanation:
      'The KCL keeps one lease per shard in a DynamoDB table. A shard is processed by one worker at a time, so workers beyond the shard count are idle until a lease frees up (a worker fails or shards are added).',
    shownBy: { guide: 'facts: KCL leases' },
    domain: 'performing',
  },
  {
    question:
      'Clickstream data flows through Firehose to S3. A bug in the analytics job means last week’s data must be processed again from the pipeline. Where can it come from?',
    choices: [
      {
        text: 'From S3, or from the source stream if its retention still holds that week',
        right: true,
      },
      {
        text: 'From Firehose itself, by replaying the delivery stream from a past timestamp',
        wrong: 'Firehose keeps no history: once delivered (or given up), the data is gone from it',
      },
      {
        text: 'From the Firehose error output prefix, which keeps a copy of each delivered record',
        wrong: 'the error prefix receives only records that failed processing or conversion',
      },
      {
        text: 'From the Firehose buffer, which holds records for up to 24 hours after delivery',
        wrong: 'the buffer holds records until they are written (up to 900 s), not after',
      },
    ],
    explanation:
      'Firehose buffers and delivers near real time and keeps nothing to replay. Reprocessing reads the delivered objects in S3, or the Kinesis stream while its retention lasts.',
    shownBy: { experiment: 'firehoseExactlyOnce' },
    domain: 'resilient',
  },
];
