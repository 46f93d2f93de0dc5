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

import { createHash } from 'node:crypto';
import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import {
  DescribeStreamSummaryCommand,
  type KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { InvokeCommand, LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, sleep } from '../../../lib/experiments/helpers';
import { kinesisClient } from '../../../lib/resources/kinesis';
import type { Output } from '../outputs';

// The lab's documented settings (labs/lab-11-streaming/stack.ts and the guide), stated here on
// purpose: the experiments check the deployed resources against the guide.
const SHARD_COUNT = 2;
const BATCH_SIZE = 100;
const RETRY_ATTEMPTS = 2;
const MAX_RECORD_AGE_SECONDS = 3600;
const BUFFER_SECONDS = 60;
const BUFFER_MIB = 1;
const DATA_PREFIX = 'readings/';
/** The mapping's one event filter: records whose JSON data has a `key` field (every reading). */
const FILTER_PATTERN = { data: { key: [{ exists: true }] } };

// HTTP/1.1, as the kit's leftover scan uses (lib/resources/kinesis.ts says why).
const kinesisOf = (context: ExperimentContext<Output>) => kinesisClient(context.clientConfig);
const dynamodbOf = (context: ExperimentContext<Output>) => new DynamoDBClient({ ...context.clientConfig });

/** How long the consumer may take to apply what was put: seconds on AWS and on an emulator. */
const CONSUMER_DEADLINE_MS = 60_000;

/**
 * Why the experiments that need the consumer to run are skipped on LocalStack: the kit runs LocalStack
 * as a host process, which creates functions but cannot invoke them without a container runtime.
 */
const LAMBDA_ON_LOCALSTACK =
  'LocalStack on the host (no container runtime) creates the consumer and its mapping but cannot invoke ' +
  'functions, so nothing reaches the results table; this needs LocalStack with Docker (not tried).';

// ---------------------------------------------------------------------------------------------------
// Producing
// ---------------------------------------------------------------------------------------------------

/** One reading as the producer puts it (the consumer's lambda/lab-11/reading-consumer/reading.ts). */
interface Reading {
  run: string;
  key: string;
  n: number;
  poison?: boolean;
}

/** Where PutRecords put a reading. */
interface Placed {
  reading: Reading;
  shardId: string;
  sequenceNumber: string;
}

/** Newline-terminated JSON, so the objects Firehose concatenates are one reading per line. */
const encode = (reading: Reading) => new TextEncoder().encode(`${JSON.stringify(reading)}\n`);

/**
 * Puts readings with one PutRecords call (at most 500), the sensor as partition key, and puts again
 * what the stream refused (throttling) until all are in or the attempts run out. PutRecords does not
 * promise order within one call, so callers put at most one reading per sensor per call: each call
 * waits for the one before, which orders a sensor's readings on its shard.
 */
async function putReadings(kinesis: KinesisClient, streamName: string, readings: readonly Reading[]) {
  const placed: Placed[] = [];
  let pending = [...readings];
  for (let attempt = 0; pending.length > 0 && attempt < 8; attempt++) {
    if (attempt > 0) await sleep(200 * 2 ** attempt);
    const { Records = [] } = await kinesis.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: pending.map((r) => ({ PartitionKey: r.key, Data: encode(r) })),
      }),
    );
    const refused: Reading[] = [];
    Records.forEach((result, i) => {
      if (result.ShardId && result.SequenceNumber && !result.ErrorCode)
        placed.push({ reading: pending[i], shardId: result.ShardId, sequenceNumber: result.SequenceNumber });
      else refused.push(pending[i]);
    });
    pending = refused;
  }
  if (pending.length > 0) throw new Error(`the stream refused ${pending.length} readings after 8 attempts`);
  return placed;
}

/** Puts `perSensor` readings for each sensor: one call per round, one reading per sensor per call. */
async function produce(
  context: ExperimentContext<Output>,
  run: string,
  sensors: readonly string[],
  perSensor: number,
  poison?: { key: string; n: number },
) {
  const kinesis = await kinesisOf(context);
  const streamName = outputOf(context, 'StreamName');
  const placed: Placed[] = [];
  for (let n = 0; n < perSensor; n++) {
    const round = sensors.map((key) => ({
      run,
      key,
      n,
      ...(poison?.key === key && poison.n === n ? { poison: true } : {}),
    }));
    placed.push(...(await putReadings(kinesis, streamName, round)));
    context.progress(`put ${placed.length}/${sensors.length * perSensor} readings`);
  }
  return placed;
}

// ---------------------------------------------------------------------------------------------------
// Reading the consumer's output
// ---------------------------------------------------------------------------------------------------

/** A sensor's item in the results table. */
interface SensorResult {
  seen: number[];
  shards: string[];
  lastSequence: string;
  lastAt: number;
}

const resultOf = (item: Record<string, AttributeValue> | undefined): SensorResult | undefined =>
  item && {
    seen: (item.seen?.L ?? []).map((v) => Number(v.N)),
    shards: item.shards?.SS ?? [],
    lastSequence: item.lastSequence?.S ?? '',
    lastAt: Number(item.lastAt?.N ?? 0),
  };

/** Reads each sensor's result until every one has `wanted(key)` readings applied, or the deadline. */
async function waitForResults(
  context: ExperimentContext<Output>,
  run: string,
  sensors: readonly string[],
  wanted: (key: string) => number,
  deadlineMs = CONSUMER_DEADLINE_MS,
) {
  const dynamodb = dynamodbOf(context);
  const table = outputOf(context, 'ResultsTableName');
  const results = new Map<string, SensorResult>();
  const deadline = Date.now() + deadlineMs;
  let pause = 250;
  for (;;) {
    for (const key of sensors) {
      if ((results.get(key)?.seen.length ?? 0) >= wanted(key)) continue;
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: table,
          Key: { resultKey: { S: `${run}#${key}` } },
          ConsistentRead: true,
        }),
      );
      const result = resultOf(Item);
      if (result) results.set(key, result);
    }
    const done = sensors.filter((key) => (results.get(key)?.seen.length ?? 0) >= wanted(key)).length;
    context.progress(`consumer results: ${done}/${sensors.length} sensors complete`);
    if (done === sensors.length || Date.now() >= deadline) return results;
    await sleep(pause);
    pause = Math.min(pause * 2, 2000);
  }
}

const range = (count: number) => Array.from({ length: count }, (_, i) => i);
const sensorsOf = (count: number, tag = 'sensor') =>
  range(count).map((i) => `${tag}-${String(i).padStart(3, '0')}`);

/** The shard whose hash key range holds the MD5 of the partition key (what Kinesis computes). */
function shardForKey(shards: readonly Shard[], key: string): string | undefined {
  const hash = BigInt(`0x${createHash('md5').update(key, 'utf8').digest('hex')}`);
  return shards.find(
    (s) =>
      s.HashKeyRange?.StartingHashKey !== undefined &&
      s.HashKeyRange.EndingHashKey !== undefined &&
      BigInt(s.HashKeyRange.StartingHashKey) <= hash &&
      hash <= BigInt(s.HashKeyRange.EndingHashKey),
  )?.ShardId;
}

/** The stream's open shards (no ending sequence number). */
async function openShards(context: ExperimentContext<Output>): Promise<Shard[]> {
  const { Shards = [] } = await (await kinesisOf(context)).send(
    new ListShardsCommand({ StreamName: outputOf(context, 'StreamName') }),
  );
  return Shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber);
}

// ---------------------------------------------------------------------------------------------------
// Experiments
// ---------------------------------------------------------------------------------------------------

/** Firehose experiment size: readings put, over this many sensors. */
const FIREHOSE_READINGS = 200;
/** How long delivery may take: the buffering interval plus delivery on AWS, moments on an emulator. */
const deliveryDeadlineMs = (context: ExperimentContext<Output>) =>
  context.target === 'aws' ? (BUFFER_SECONDS * 3 + 60) * 1000 : 30_000;

/** Object names carry a UTC time (yyyy-MM-dd-HH-mm-ss); this formats one as Firehose does. */
const utc = (time: Date, separator: string) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return [
    time.getUTCFullYear(),
    p(time.getUTCMonth() + 1),
    p(time.getUTCDate()),
    p(time.getUTCHours()),
    ...(separator === '-' ? [p(time.getUTCMinutes()), p(time.getUTCSeconds())] : []),
  ].join(separator);
};

const firehoseExactlyOnce: Experiment<Output> = {
  name: 'Deliver the stream to S3 with Firehose, each record once',
  fact: 'Firehose reads the stream and writes its records to S3 in objects, one per buffer (60 s or 1 MiB here)',
  proof: 'behaviour',
  measures: ['readingsDelivered', 'objectsWritten'],
  mustFailWhen: {
    swapOutputs: ['ArchiveBucketName', 'ResultsTableName'],
    why: 'the results table is not a bucket: no object of the run can be listed there',
  },
  async run(context) {
    const firehose = new FirehoseClient({ ...context.clientConfig });
    const s3 = new S3Client({ ...context.clientConfig });
    const bucket = outputOf(context, 'ArchiveBucketName');
    const streamName = outputOf(context, 'DeliveryStreamName');
    const { DeliveryStreamDescription: description } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: streamName }),
    );
    const destination = description?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    const hints = destination?.BufferingHints;
    const source = description?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN ?? '';
    const readsOurStream = source.endsWith(`:stream/${outputOf(context, 'StreamName')}`);

    // Object names sort by the time in them: list only from a little before the run started (on AWS
    // from two buffers before, since a buffer opened by earlier records may hold ours too).
    const started = new Date(Date.now() - (context.target === 'aws' ? BUFFER_SECONDS * 2 + 30 : 2) * 1000);
    const startAfter = `${DATA_PREFIX}${utc(started, '/')}/${streamName}-${description?.VersionId ?? '1'}-${utc(started, '-')}`;

    const run = newRunId('firehose');
    const sensors = sensorsOf(FIREHOSE_READINGS / 10, 'archive');
    await produce(context, run, sensors, 10);

    const counts = new Map<string, number>();
    const objectsWithOurs = new Set<string>();
    const read = new Set<string>();
    const deadline = Date.now() + deliveryDeadlineMs(context);
    let pause = 500;
    for (;;) {
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: DATA_PREFIX,
            StartAfter: startAfter,
            ContinuationToken: token,
          }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key || read.has(object.Key)) continue;
          read.add(object.Key);
          const body = await (
            await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }))
          ).Body?.transformToString();
          for (const line of (body ?? '').split('\n')) {
            if (!line.includes(run)) continue;
            const reading = JSON.parse(line) as Reading;
            const id = `${reading.key}#${reading.n}`;
            counts.set(id, (counts.get(id) ?? 0) + 1);
            objectsWithOurs.add(object.Key);
          }
        }
        token = page.NextContinuationToken;
      } while (token);
      context.progress(`S3: ${counts.size}/${FIREHOSE_READINGS} readings in ${objectsWithOurs.size} objects`);
      if (counts.size >= FIREHOSE_READINGS || Date.now() >= deadline) break;
      await sleep(pause);
      pause = Math.min(pause * 2, 10_000);
    }
    const twice = [...counts.values()].filter((c) => c > 1).length;
    const delivered = [...counts.values()].reduce((a, b) => a + b, 0);
    return withMeasurements(
      expectThat(
        readsOurStream &&
          hints?.IntervalInSeconds === BUFFER_SECONDS &&
          hints.SizeInMBs === BUFFER_MIB &&
          counts.size === FIREHOSE_READINGS &&
          twice === 0,
        `delivery stream ${description?.DeliveryStreamStatus} reading ${readsOurStream ? 'the lab stream' : source || 'no stream'}, ` +
          `buffering ${hints?.IntervalInSeconds} s / ${hints?.SizeInMBs} MiB; put ${FIREHOSE_READINGS} readings -> ` +
          `${counts.size} distinct, ${delivered} lines in ${objectsWithOurs.size} objects under ${DATA_PREFIX}, ${twice} delivered more than once`,
        `reads the lab stream, buffering ${BUFFER_SECONDS} s / ${BUFFER_MIB} MiB; all ${FIREHOSE_READINGS} readings, each once`,
      ),
      { readingsDelivered: counts.size, objectsWritten: objectsWithOurs.size },
    );
  },
};

const sameKeySameShard: Experiment<Output> = {
  name: 'Put readings of one sensor on one shard',
  fact: 'The partition key decides the shard: its MD5 hash falls in one shard hash key range, so one key stays on one shard',
  proof: 'behaviour',
  measures: ['shardsUsed'],
  skipOn: { localstack: LAMBDA_ON_LOCALSTACK },
  async run(context) {
    const shards = await openShards(context);
    const run = newRunId('shards');
    const sensors = sensorsOf(12, 'lane');
    const placed = await produce(context, run, sensors, 5);
    const results = await waitForResults(context, run, sensors, () => 5);

    const lines: string[] = [];
    let ok = shards.length === SHARD_COUNT;
    const used = new Set<string>();
    for (const key of sensors) {
      const put = new Set(placed.filter((p) => p.reading.key === key).map((p) => p.shardId));
      const expected = shardForKey(shards, key);
      const consumed = results.get(key)?.shards ?? [];
      for (const shard of put) used.add(shard);
      const good =
        put.size === 1 && [...put][0] === expected && consumed.length === 1 && consumed[0] === expected;
      ok &&= good;
      if (!good || lines.length < 3)
        lines.push(
          `${key}: put on ${[...put].join('+') || 'none'}, MD5 range of ${expected ?? 'no shard'}, consumer saw ${consumed.join('+') || 'nothing'}`,
        );
    }
    ok &&= used.size === SHARD_COUNT;
    return withMeasurements(
      expectThat(
        ok,
        `${shards.length} open shards; ${sensors.length} sensors x 5 readings over ${used.size} shard(s); ${lines.join('; ')}` +
          `${lines.length < sensors.length ? `; ${sensors.length - lines.length} more alike` : ''}`,
        `${SHARD_COUNT} open shards, both used; each sensor on exactly one shard, the one its MD5 hash maps to, in PutRecords and in the consumer`,
      ),
      { shardsUsed: used.size },
    );
  },
};

/** The ordering experiment: 200 sensors x 10 readings = 2,000 records. */
const ORDER_SENSORS = 200;
const ORDER_PER_SENSOR = 10;

const perKeyOrder: Experiment<Output> = {
  name: "Put 2,000 readings over 200 sensors; read back each sensor's order",
  fact: 'Records with the same partition key are read in the order they were written (per shard); across keys there is no order',
  proof: 'behaviour',
  measures: ['readingsApplied', 'sensorsInOrder'],
  skipOn: { localstack: LAMBDA_ON_LOCALSTACK },
  mustFailWhen: {
    swapOutputs: ['StreamName', 'DeliveryStreamName'],
    why: 'PutRecords to a delivery stream name finds no such data stream, so nothing reaches the consumer',
  },
  async run(context) {
    const run = newRunId('order');
    const sensors = sensorsOf(ORDER_SENSORS);
    const started = Date.now();
    const placed = await produce(context, run, sensors, ORDER_PER_SENSOR);
    const results = await waitForResults(context, run, sensors, () => ORDER_PER_SENSOR);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    const want = range(ORDER_PER_SENSOR).join(',');
    const lastPut = new Map(
      placed.filter((p) => p.reading.n === ORDER_PER_SENSOR - 1).map((p) => [p.reading.key, p]),
    );
    const bad: string[] = [];
    let applied = 0;
    for (const key of sensors) {
      const result = results.get(key);
      applied += result?.seen.length ?? 0;
      const inOrder =
        result?.seen.join(',') === want && result.lastSequence === lastPut.get(key)?.sequenceNumber;
      if (!inOrder) bad.push(`${key}: [${result?.seen.join(',') ?? 'nothing'}]`);
    }
    const inOrder = sensors.length - bad.length;
    return withMeasurements(
      expectThat(
        bad.length === 0,
        `${placed.length} readings put in ${ORDER_PER_SENSOR} PutRecords calls of ${ORDER_SENSORS}; after ${seconds} s the consumer ` +
          `applied ${applied}; ${inOrder}/${sensors.length} sensors saw [${want}] ending at the sequence number PutRecords returned` +
          `${bad.length ? `; not: ${bad.slice(0, 3).join('; ')}${bad.length > 3 ? ` and ${bad.length - 3} more` : ''}` : ''}`,
        `every sensor's readings applied once each, in the order put: [${want}]`,
      ),
      { readingsApplied: applied, sensorsInOrder: inOrder },
    );
  },
};

/** Invokes the consumer with a Kinesis-shaped event, the way the mapping would. */
async function invokeConsumer(context: ExperimentContext<Output>, readings: readonly Reading[]) {
  const streamArn = `arn:aws:kinesis:us-east-1:000000000000:stream/${outputOf(context, 'StreamName')}`;
  const base = `${Date.now()}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const event = {
    Records: readings.map((reading, i) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: reading.key,
        sequenceNumber: `${base}${i}`,
        data: Buffer.from(encode(reading)).toString('base64'),
        approximateArrivalTimestamp: Date.now() / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `shardId-000000000000:${base}${i}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn: 'arn:aws:iam::000000000000:role/lab-11',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn,
    })),
  };
  const response = await new LambdaClient({ ...context.clientConfig }).send(
    new InvokeCommand({
      FunctionName: outputOf(context, 'ConsumerFunctionName'),
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  const text = response.Payload ? new TextDecoder().decode(response.Payload) : '';
  return { functionError: response.FunctionError, text };
}

const poisonFailsBatch: Experiment<Output> = {
  name: 'Invoke the consumer with a poison reading',
  fact: 'A function error fails the whole batch: the mapping retries all of it, which is why bisecting and a retry limit matter',
  proof: 'behaviour',
  skipOn: { localstack: LAMBDA_ON_LOCALSTACK },
  async run(context) {
    const run = newRunId('direct');
    const key = 'sensor-direct';
    const { functionError, text } = await invokeConsumer(context, [
      { run, key, n: 0 },
      { run, key, n: 1, poison: true },
      { run, key, n: 2 },
    ]);
    const { Item } = await dynamodbOf(context).send(
      new GetItemCommand({
        TableName: outputOf(context, 'ResultsTableName'),
        Key: { resultKey: { S: `${run}#${key}` } },
        ConsistentRead: true,
      }),
    );
    const seen = resultOf(Item)?.seen ?? [];
    return expectThat(
      functionError !== undefined && /poison/.test(text) && seen.join(',') === '0',
      `invoke with readings [0, 1 poison, 2]: ${functionError ? `function error (${functionError}): ${text.slice(0, 120)}` : `no error: ${text.slice(0, 120)}`}; ` +
        `results table: [${seen.join(',')}]`,
      'a function error naming the poison reading; only reading 0 applied (2 waits for the retry)',
    );
  },
};

/** How long AWS may take to retry, bisect and give up on a poison record. */
const POISON_DEADLINE_MS = 5 * 60_000;

/** What a Kinesis mapping sends to its on-failure destination (the location, not the records). */
interface KinesisFailure {
  condition?: string;
  shardId?: string;
  start?: string;
  end?: string;
  batchSize?: number;
  streamArn?: string;
}

function readFailure(body: string | undefined): KinesisFailure | undefined {
  try {
    const parsed = JSON.parse(body ?? '') as {
      requestContext?: { condition?: string };
      KinesisBatchInfo?: {
        shardId?: string;
        startSequenceNumber?: string;
        endSequenceNumber?: string;
        batchSize?: number;
        streamArn?: string;
      };
    };
    const info = parsed.KinesisBatchInfo;
    return info
      ? {
          condition: parsed.requestContext?.condition,
          shardId: info.shardId,
          start: info.startSequenceNumber,
          end: info.endSequenceNumber,
          batchSize: info.batchSize,
          streamArn: info.streamArn,
        }
      : undefined;
  } catch {
    return undefined;
  }
}

const poisonIsolated: Experiment<Output> = {
  name: 'Isolate a poison reading by bisecting; the other shard keeps flowing',
  fact:
    'A failing batch blocks only its own shard; bisecting and a retry limit isolate the bad record, whose location ' +
    '(shard, sequence numbers) goes to the on-failure destination',
  proof: 'behaviour',
  measures: ['failureBatchSize'],
  skipOn: {
    ministack:
      "MiniStack 1.5.33's Kinesis poller ignores BisectBatchOnFunctionError and MaximumRetryAttempts and never sends " +
      'to the on-failure destination: it retries a failing batch every second for good (tried: 12 attempts in 10 s ' +
      'with MaximumRetryAttempts 2, the on-failure queue stayed empty), so a poison reading would block its shard until the stream is deleted.',
    localstack: LAMBDA_ON_LOCALSTACK,
  },
  async run(context) {
    const sqs = new SQSClient({ ...context.clientConfig });
    const queueUrl = outputOf(context, 'FailedBatchesQueueUrl');
    const shards = await openShards(context);
    // One sensor on each shard: the poisoned one and a neighbour on the other shard.
    const candidates = sensorsOf(40, 'pair');
    const poisoned = candidates[0];
    const poisonShard = shardForKey(shards, poisoned);
    const neighbour = candidates.find((key) => shardForKey(shards, key) !== poisonShard);
    if (!poisonShard || !neighbour)
      return fail(`could not find sensors on two shards (${shards.length} open shards)`);
    const run = newRunId('poison');
    const placed = await produce(context, run, [poisoned, neighbour], 10, { key: poisoned, n: 5 });
    const poison = placed.find((p) => p.reading.poison);
    const results = await waitForResults(
      context,
      run,
      [poisoned, neighbour],
      (key) => (key === poisoned ? 9 : 10),
      POISON_DEADLINE_MS,
    );
    const blocked = results.get(poisoned);
    const other = results.get(neighbour);

    // The on-failure record whose range is the poison reading alone.
    let match: KinesisFailure | undefined;
    let received = 0;
    const deadline = Date.now() + 60_000;
    while (!match && Date.now() < deadline) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
      );
      received += Messages.length;
      for (const message of Messages) {
        const failure = readFailure(message.Body);
        if (failure?.shardId === poisonShard && failure.start === poison?.sequenceNumber) match = failure;
      }
      if (Messages.length)
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
    }
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const isolated = match?.end === poison?.sequenceNumber && match?.batchSize === 1;
    const otherFirst = other !== undefined && blocked !== undefined && other.lastAt <= blocked.lastAt;
    return withMeasurements(
      expectThat(
        blocked?.seen.join(',') === '0,1,2,3,4,6,7,8,9' &&
          other?.seen.join(',') === '0,1,2,3,4,5,6,7,8,9' &&
          otherFirst &&
          isolated &&
          match?.condition === 'RetryAttemptsExhausted' &&
          Attributes.QueueArn !== undefined,
        `${poisoned} on ${poisonShard} (reading 5 poisoned): applied [${blocked?.seen.join(',') ?? 'nothing'}]; ` +
          `${neighbour} on the other shard: [${other?.seen.join(',') ?? 'nothing'}], finished ${otherFirst ? 'first' : 'not first'}; ` +
          `on-failure queue: ${received} received, ${match ? `KinesisBatchInfo ${match.shardId} ${match.start}..${match.end}, batchSize ${match.batchSize}, ${match.condition}` : 'none for the poison reading'}`,
        'poisoned sensor [0-4,6-9]; the neighbour [0-9], done first; one RetryAttemptsExhausted record of batchSize 1 at the poison sequence number',
      ),
      { failureBatchSize: match?.batchSize ?? 0 },
    );
  },
};

const mappingSettings: Experiment<Output> = {
  name: "Read the mapping's batch and error-handling settings",
  fact: 'The event source mapping reads each shard from TRIM_HORIZON in batches of up to 100, invokes the function only for records that match its filter, bisects failing batches, retries twice and sends what it gives up on to SQS',
  proof: 'configuration',
  async run(context) {
    const sqs = new SQSClient({ ...context.clientConfig });
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: outputOf(context, 'FailedBatchesQueueUrl'),
        AttributeNames: ['QueueArn'],
      }),
    );
    const { EventSourceMappings = [] } = await new LambdaClient({ ...context.clientConfig }).send(
      new ListEventSourceMappingsCommand({ FunctionName: outputOf(context, 'ConsumerFunctionName') }),
    );
    const m = EventSourceMappings[0];
    const destination = m?.DestinationConfig?.OnFailure?.Destination;
    const patterns = (m?.FilterCriteria?.Filters ?? []).map((f) => f.Pattern ?? '');
    const filterOk =
      patterns.length === 1 && JSON.stringify(JSON.parse(patterns[0])) === JSON.stringify(FILTER_PATTERN);
    const source = m?.EventSourceArn ?? '';
    return expectThat(
      EventSourceMappings.length === 1 &&
        source.endsWith(`:stream/${outputOf(context, 'StreamName')}`) &&
        m.State === 'Enabled' &&
        m.StartingPosition === 'TRIM_HORIZON' &&
        m.BatchSize === BATCH_SIZE &&
        m.BisectBatchOnFunctionError === true &&
        m.MaximumRetryAttempts === RETRY_ATTEMPTS &&
        m.MaximumRecordAgeInSeconds === MAX_RECORD_AGE_SECONDS &&
        destination === Attributes.QueueArn &&
        filterOk,
      `${EventSourceMappings.length} mapping(s): ${m?.State}, source ${source.split(':').pop()}, ${m?.StartingPosition}, BatchSize ${m?.BatchSize}, ` +
        `BisectBatchOnFunctionError ${m?.BisectBatchOnFunctionError}, MaximumRetryAttempts ${m?.MaximumRetryAttempts}, ` +
        `MaximumRecordAgeInSeconds ${m?.MaximumRecordAgeInSeconds}, on-failure ${destination === Attributes.QueueArn ? 'the FailedBatches queue' : (destination ?? 'none')}, ` +
        `filters ${patterns.join(' | ') || 'none'}`,
      `one Enabled mapping on the lab stream: TRIM_HORIZON, BatchSize ${BATCH_SIZE}, bisect on, ${RETRY_ATTEMPTS} retries, ` +
        `record age ${MAX_RECORD_AGE_SECONDS} s, on-failure = FailedBatches queue, one filter ${JSON.stringify(FILTER_PATTERN)}`,
    );
  },
};

const encryptedAtRest: Experiment<Output> = {
  name: "Read the stream's capacity mode and encryption",
  fact: 'The stream is provisioned (2 shards, billed per shard-hour) and encrypted at rest with the AWS managed key for Kinesis',
  proof: 'configuration',
  skipOn: {
    ministack:
      "MiniStack 1.5.33's CloudFormation Kinesis::Stream ignores StreamEncryption: the stream reports EncryptionType NONE " +
      '(its StartStreamEncryption API works, but nothing in a plain deploy calls it).',
  },
  async run(context) {
    const { StreamDescriptionSummary: s } = await (await kinesisOf(context)).send(
      new DescribeStreamSummaryCommand({ StreamName: outputOf(context, 'StreamName') }),
    );
    return expectThat(
      s?.StreamModeDetails?.StreamMode === 'PROVISIONED' &&
        s.OpenShardCount === SHARD_COUNT &&
        s.EncryptionType === 'KMS' &&
        s.KeyId === 'alias/aws/kinesis',
      `${s?.StreamModeDetails?.StreamMode}, ${s?.OpenShardCount} open shards, retention ${s?.RetentionPeriodHours} h, ` +
        `encryption ${s?.EncryptionType}${s?.KeyId ? ` with ${s.KeyId}` : ''}`,
      `PROVISIONED, ${SHARD_COUNT} open shards, encryption KMS with alias/aws/kinesis`,
    );
  },
};

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
