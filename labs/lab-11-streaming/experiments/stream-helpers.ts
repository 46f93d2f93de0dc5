/** Putting readings on the stream, and reading back what the consumer made of them. */

import { createHash } from 'node:crypto';
import { type AttributeValue, DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  type KinesisClient,
  ListShardsCommand,
  PutRecordsCommand,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { sleep } from '../../../lib/experiments/helpers';
import { kinesisClient } from '../../../lib/resources/kinesis';
import type { Output } from '../outputs';

// HTTP/1.1, as the kit's leftover scan uses (lib/resources/kinesis.ts says why).
export const kinesisOf = (context: ExperimentContext<Output>) => kinesisClient(context.clientConfig);

/** How long the consumer may take to apply what was put: seconds on AWS and on an emulator. */
const CONSUMER_DEADLINE_MS = 60_000;

// ---------------------------------------------------------------------------------------------------
// Producing
// ---------------------------------------------------------------------------------------------------

/** One reading as the producer puts it (the consumer's lambda/lab-11/reading-consumer/reading.ts). */
export interface Reading {
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
export const encode = (reading: Reading) => new TextEncoder().encode(`${JSON.stringify(reading)}\n`);

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
export async function produce(
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

export const resultOf = (item: Record<string, AttributeValue> | undefined): SensorResult | undefined =>
  item && {
    seen: (item.seen?.L ?? []).map((v) => Number(v.N)),
    shards: item.shards?.SS ?? [],
    lastSequence: item.lastSequence?.S ?? '',
    lastAt: Number(item.lastAt?.N ?? 0),
  };

/** Reads each sensor's result until every one has `wanted(key)` readings applied, or the deadline. */
export async function waitForResults(
  context: ExperimentContext<Output>,
  run: string,
  sensors: readonly string[],
  wanted: (key: string) => number,
  deadlineMs = CONSUMER_DEADLINE_MS,
) {
  const dynamodb = clientOf(DynamoDBClient, context);
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

export const range = (count: number) => Array.from({ length: count }, (_, i) => i);
export const sensorsOf = (count: number, tag = 'sensor') =>
  range(count).map((i) => `${tag}-${String(i).padStart(3, '0')}`);

/** The shard whose hash key range holds the MD5 of the partition key (what Kinesis computes). */
export function shardForKey(shards: readonly Shard[], key: string): string | undefined {
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
export async function openShards(context: ExperimentContext<Output>): Promise<Shard[]> {
  const { Shards = [] } = await (await kinesisOf(context)).send(
    new ListShardsCommand({ StreamName: outputOf(context, 'StreamName') }),
  );
  return Shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber);
}
