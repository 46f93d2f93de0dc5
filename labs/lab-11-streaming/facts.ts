import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

/** The exam facts lab-11 teaches: each with its notes, the AWS docs it was checked against, and its proof. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: "A stream is made of shards; the producer's partition key picks the shard (its MD5 hash falls in one shard's hash key range), so one key always lands on the same shard",
    notes:
      '`002_b4197942c38b97e3.txt` - Kinesis (message key decides the shard); `004_290acbaf18f7d933.txt` - Kinesis key concepts',
    experiments: ['sameKeySameShard'],
    sources: ['https://docs.aws.amazon.com/streams/latest/dev/key-concepts.html'],
  },
  {
    fact: "Order is kept per shard, so per partition key: a sensor's readings reach the consumer in the order written, across many keys and two shards. A key with little variety (a country) crowds one shard; a highly distributed key (a device id) spreads the load",
    notes:
      '`001_06aa89305e27a1ca.txt` - Kinesis (partition key guarantees order per sensor); `002_b4197942c38b97e3.txt` - Kinesis (records ordered per shard, choose a distributed key)',
    experiments: ['perKeyOrder'],
  },
  {
    fact: 'PutRecords takes up to 500 records per call and can fail some of them (throttling) while accepting the rest: a producer resends the failed ones, and it does not promise order within one call',
    notes:
      '`002_b4197942c38b97e3.txt` - Kinesis (ProvisionedThroughputExceeded: retry with backoff, better key, more shards)',
    experiments: ['perKeyOrder'],
    sources: ['https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html'],
  },
  {
    fact: 'A provisioned shard takes 1 MB/s or 1,000 records/s in and gives 2 MB/s out and is billed per shard-hour; on-demand mode needs no shard planning and bills per stream-hour plus per GB. For a small steady lab, two provisioned shards are the cheaper choice',
    notes:
      '`002_b4197942c38b97e3.txt` - Kinesis (1 MB/s write, 2 MB/s read per shard); `004_290acbaf18f7d933.txt` - 1,000 records per second per shard',
    experiments: ['encryptedAtRest'],
    sources: [
      'https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html',
      'https://aws.amazon.com/kinesis/data-streams/pricing/',
    ],
  },
  {
    fact: 'Server-side encryption with KMS (here the AWS managed key aws/kinesis) encrypts records at rest in the stream',
    notes: 'not in the notes',
    experiments: ['encryptedAtRest'],
    sources: ['https://docs.aws.amazon.com/streams/latest/dev/what-is-sse.html'],
  },
  {
    fact: 'Lambda reads each shard through an event source mapping, in batches (up to BatchSize records), one batch per shard at a time with the default ParallelizationFactor of 1 (up to 10 concurrent batches per shard with a higher factor, order kept per partition key); a function error fails the whole batch, which is retried',
    notes: '`002_b4197942c38b97e3.txt` - Lambda triggers (Kinesis)',
    experiments: ['mappingSettings', 'poisonFailsBatch', 'poisonIsolated'],
    remark:
      'the function failing a whole batch is shown by invoking it directly with one; the mapping retrying that batch only by "Isolate a poison reading", through the real mapping',
    sources: ['https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html'],
  },
  {
    fact: 'An event filter on the mapping runs before the function: records that match no filter are dropped and count as processed (no invocation, no retry, nothing sent to the failure destination)',
    notes: 'not in the notes (Lambda event filtering)',
    experiments: ['mappingSettings'],
    sources: ['https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html'],
  },
  {
    fact: 'A poison record blocks its shard (not the others) until it expires or the retries run out; bisecting the batch isolates it, and the on-failure destination (an SQS queue here) receives its shard and sequence numbers, not the record itself (an S3 destination would also get the records)',
    notes: 'not in the notes (Lambda event source mappings)',
    experiments: ['poisonIsolated'],
    sources: ['https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html'],
  },
  {
    fact: 'Firehose loads a stream into S3 (or Redshift, OpenSearch, HTTP endpoints) with no consumer code: it buffers by time (0 to 900 s) or size (1 to 128 MiB), whichever comes first, and delivers at least once (a retried delivery can write a record twice)',
    notes:
      '`000_eb71e302648b0e53.txt` - Firehose (fully automated, no consumers, to S3); `002_b4197942c38b97e3.txt` - Kinesis Firehose',
    experiments: ['firehoseExactlyOnce'],
    sources: ['https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html'],
  },
  {
    fact: 'The consumer may read only its stream and update the results table; Firehose has its own role to read the stream and write the bucket',
    notes: 'not in the notes',
    templateTests: ['the consumer may read the stream and update results, nothing more on the table'],
  },
  {
    fact: 'Enhanced fan-out gives each registered consumer its own 2 MB/s per shard, pushed to it over HTTP/2 (SubscribeToShard), instead of sharing the shard’s 2 MB/s with every other reader that polls GetRecords; it costs extra per consumer-shard hour and data, and a provisioned stream takes up to 20 such consumers',
    notes:
      '`002_b4197942c38b97e3.txt` - Kinesis (2 MB/s read per shard; enhanced fan-out is not in the notes)',
    sources: [
      'https://docs.aws.amazon.com/streams/latest/dev/enhanced-consumers.html',
      'https://docs.aws.amazon.com/kinesis/latest/APIReference/API_SubscribeToShard.html',
    ],
    remark:
      'not shown here: the lab’s mapping reads with shared throughput, and one reader plus Firehose stay far below 2 MB/s',
  },
  {
    fact: 'A Kinesis Client Library (KCL) application keeps one lease per shard in a DynamoDB lease table, with its checkpoint: a shard is processed by one worker at a time, so workers beyond the number of shards sit idle, and a failed worker’s leases are taken over by the others',
    notes: '`004_290acbaf18f7d933.txt` - Kinesis key concepts (consumers; the KCL is not in the notes)',
    sources: [
      'https://docs.aws.amazon.com/streams/latest/dev/kcl-concepts.html',
      'https://docs.aws.amazon.com/streams/latest/dev/kcl-dynamoDB.html',
    ],
    remark:
      'not shown here: the lab’s consumer is a Lambda event source mapping, which keeps its shard positions itself',
  },
  {
    fact: 'Firehose is near real time, not real time: it buffers before it writes (here 60 s or 1 MiB), and it keeps nothing to replay; to process the data again, read it back from the stream while it is retained, or from S3',
    notes: '`000_eb71e302648b0e53.txt` - Firehose (fully automated, "No retention")',
    sources: [
      'https://docs.aws.amazon.com/firehose/latest/dev/what-is-this-service.html',
      'https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html',
    ],
    experiments: ['firehoseExactlyOnce'],
    remark: 'the experiment shows the buffered delivery; that Firehose has nothing to replay is not shown',
  },
];
