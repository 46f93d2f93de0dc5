/** A poison record fails its batch; bisecting isolates it to the on-failure queue while the other shard flows. */

import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import { invokeFunction } from '../../../lib/experiments/lambda';
import { receiveAndDelete } from '../../../lib/experiments/queues';
import type { Output } from '../outputs';
import {
  encode,
  openShards,
  produce,
  type Reading,
  resultOf,
  sensorsOf,
  shardForKey,
  waitForResults,
} from './stream-helpers';

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
  const { functionError, text } = await invokeFunction(
    clientOf(LambdaClient, context),
    outputOf(context, 'ConsumerFunctionName'),
    event,
  );
  return { functionError, text };
}

export const poisonFailsBatch: Experiment<Output> = {
  name: 'Invoke the consumer with a poison reading',
  fact: 'The consumer fails the whole invocation on a poison reading (what follows it is not applied): invoked directly here, as the mapping would with a batch, which it would then retry whole',
  proof: 'behaviour',
  async run(context) {
    const run = newRunId('direct');
    const key = 'sensor-direct';
    const { functionError, text } = await invokeConsumer(context, [
      { run, key, n: 0 },
      { run, key, n: 1, poison: true },
      { run, key, n: 2 },
    ]);
    const { Item } = await clientOf(DynamoDBClient, context).send(
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
      functionError === undefined || !/poison/.test(text)
        ? 'no-function-error'
        : `applied:${seen.join('+') || 'none'}`,
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

export const poisonIsolated: Experiment<Output> = {
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
  },
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const queueUrl = outputOf(context, 'FailedBatchesQueueUrl');
    const shards = await openShards(context);
    // One sensor on each shard: the poisoned one and a neighbour on the other shard.
    const candidates = sensorsOf(40, 'pair');
    const poisoned = candidates[0];
    const poisonShard = shardForKey(shards, poisoned);
    const neighbour = candidates.find((key) => shardForKey(shards, key) !== poisonShard);
    if (!poisonShard || !neighbour)
      return fail(
        `could not find sensors on two shards (${shards.length} open shards)`,
        'two sensors whose keys land on different shards',
        `shards:${shards.length}`,
      );
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
      const Messages = await receiveAndDelete(sqs, queueUrl, 5);
      received += Messages.length;
      for (const message of Messages) {
        const failure = readFailure(message.Body);
        if (failure?.shardId === poisonShard && failure.start === poison?.sequenceNumber) match = failure;
      }
    }
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const isolated = match?.end === poison?.sequenceNumber && match?.batchSize === 1;
    const otherFirst = other !== undefined && blocked !== undefined && other.lastAt <= blocked.lastAt;
    const because =
      other?.seen.join(',') !== '0,1,2,3,4,5,6,7,8,9' || !otherFirst
        ? 'other-shard-blocked'
        : blocked?.seen.join(',') !== '0,1,2,3,4,6,7,8,9'
          ? 'poisoned-shard-stuck'
          : !isolated || match?.condition !== 'RetryAttemptsExhausted' || Attributes.QueueArn === undefined
            ? 'not-isolated'
            : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `${poisoned} on ${poisonShard} (reading 5 poisoned): applied [${blocked?.seen.join(',') ?? 'nothing'}]; ` +
          `${neighbour} on the other shard: [${other?.seen.join(',') ?? 'nothing'}], finished ${otherFirst ? 'first' : 'not first'}; ` +
          `on-failure queue: ${received} received, ${match ? `KinesisBatchInfo ${match.shardId} ${match.start}..${match.end}, batchSize ${match.batchSize}, ${match.condition}` : 'none for the poison reading'}`,
        'poisoned sensor [0-4,6-9]; the neighbour [0-9], done first; one RetryAttemptsExhausted record of batchSize 1 at the poison sequence number',
        because,
      ),
      { failureBatchSize: match?.batchSize ?? 0 },
    );
  },
};
