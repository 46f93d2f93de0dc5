import type { UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { KinesisStreamRecord } from 'aws-lambda';

/** What the producer puts on the stream: one reading of one sensor, numbered per sensor from 0. */
export interface Reading {
  /** The producer run (so runs never mix in the results table). */
  readonly run: string;
  /** The sensor: also the record's partition key. */
  readonly key: string;
  /** The reading's place in its sensor's sequence (0, 1, 2...). */
  readonly n: number;
  /** A poison reading cannot be processed: the consumer fails on it. */
  readonly poison?: boolean;
}

/** A record the consumer cannot process; the function fails, so Lambda retries and bisects its batch. */
export class UnprocessableRecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnprocessableRecordError';
  }
}

/** The reading a Kinesis record carries (base64 JSON, newline-terminated for Firehose). */
export function parseReading(record: KinesisStreamRecord): Reading {
  const text = Buffer.from(record.kinesis.data, 'base64').toString('utf8');
  let reading: Partial<Reading>;
  try {
    reading = JSON.parse(text) as Partial<Reading>;
  } catch {
    throw new UnprocessableRecordError(`not JSON: ${text.slice(0, 60)}`);
  }
  if (typeof reading.run !== 'string' || typeof reading.key !== 'string' || !Number.isInteger(reading.n)) {
    throw new UnprocessableRecordError(`not a reading: ${text.slice(0, 60)}`);
  }
  if (reading.poison) throw new UnprocessableRecordError(`poison reading ${reading.key} #${reading.n}`);
  return reading as Reading;
}

/** The shard a record came from: Lambda's eventID is `<shardId>:<sequenceNumber>`. */
export const shardOf = (record: KinesisStreamRecord): string => record.eventID.split(':')[0] ?? '';

/** The results table key of a sensor in a run. */
export const resultKey = (run: string, key: string) => `${run}#${key}`;

/**
 * Appends a reading to its sensor's item: the readings in the order the consumer saw them, the shards
 * they came from, the last stream sequence number. The condition refuses a reading that is not newer
 * than the last one applied, so a retried batch (which replays readings already applied) changes
 * nothing, and a reading that arrived out of order would be missing from `seen`, not hidden.
 */
export function readingUpdate(
  tableName: string,
  reading: Reading,
  record: KinesisStreamRecord,
  now: number,
): UpdateItemCommandInput {
  return {
    TableName: tableName,
    Key: { resultKey: { S: resultKey(reading.run, reading.key) } },
    UpdateExpression:
      'SET lastN = :n, lastSequence = :seq, lastAt = :now, #seen = list_append(if_not_exists(#seen, :empty), :one) ADD #shards :shard, #processed :inc',
    ConditionExpression: 'attribute_not_exists(lastN) OR lastN < :n',
    // Names DynamoDB reserves as keywords go through placeholders.
    ExpressionAttributeNames: { '#seen': 'seen', '#shards': 'shards', '#processed': 'processed' },
    ExpressionAttributeValues: {
      ':n': { N: String(reading.n) },
      ':seq': { S: record.kinesis.sequenceNumber },
      ':now': { N: String(now) },
      ':empty': { L: [] },
      ':one': { L: [{ N: String(reading.n) }] },
      ':shard': { SS: [shardOf(record)] },
      ':inc': { N: '1' },
    },
  };
}
