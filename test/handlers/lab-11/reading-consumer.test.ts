import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { handler } from '../../../lambda/lab-11/reading-consumer';
import {
  parseReading,
  readingUpdate,
  shardOf,
  UnprocessableRecordError,
} from '../../../lambda/lab-11/reading-consumer/reading';

const record = (body: unknown, seq = '100', shard = 'shardId-000000000001'): KinesisStreamRecord => ({
  kinesis: {
    kinesisSchemaVersion: '1.0',
    partitionKey: 'sensor-1',
    sequenceNumber: seq,
    data: Buffer.from(typeof body === 'string' ? body : `${JSON.stringify(body)}\n`).toString('base64'),
    approximateArrivalTimestamp: 1_790_000_000,
  },
  eventSource: 'aws:kinesis',
  eventVersion: '1.0',
  eventID: `${shard}:${seq}`,
  eventName: 'aws:kinesis:record',
  invokeIdentityArn: 'arn:aws:iam::000000000000:role/r',
  awsRegion: 'us-east-1',
  eventSourceARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s',
});

describe('parseReading', () => {
  test('reads newline-terminated JSON', () => {
    expect(parseReading(record({ run: 'r', key: 'sensor-1', n: 3 }))).toEqual({
      run: 'r',
      key: 'sensor-1',
      n: 3,
    });
  });

  test('refuses poison, non-JSON and incomplete readings', () => {
    expect(() => parseReading(record({ run: 'r', key: 'k', n: 1, poison: true }))).toThrow(
      UnprocessableRecordError,
    );
    expect(() => parseReading(record('not json'))).toThrow(/not JSON/);
    expect(() => parseReading(record({ run: 'r', key: 'k' }))).toThrow(/not a reading/);
  });
});

test('the shard comes from the eventID', () => {
  expect(shardOf(record({}, '42', 'shardId-000000000007'))).toBe('shardId-000000000007');
});

test('the update appends the reading, records the shard, and refuses one that is not newer', () => {
  const input = readingUpdate('t', { run: 'r', key: 'sensor-1', n: 4 }, record({}, '555'), 1000);
  expect(input.Key).toEqual({ resultKey: { S: 'r#sensor-1' } });
  expect(input.ConditionExpression).toBe('attribute_not_exists(lastN) OR lastN < :n');
  expect(input.ExpressionAttributeValues).toMatchObject({
    ':n': { N: '4' },
    ':seq': { S: '555' },
    ':one': { L: [{ N: '4' }] },
    ':shard': { SS: ['shardId-000000000001'] },
  });
  expect(input.UpdateExpression).toContain('list_append(if_not_exists(#seen, :empty), :one)');
});

describe('handler', () => {
  const send = jest.spyOn(DynamoDBClient.prototype, 'send');
  // The handler logs one summary line per batch (to CloudWatch in Lambda); the tests read it.
  const logged = jest.spyOn(console, 'log').mockImplementation(() => {});
  afterEach(() => {
    send.mockReset();
    logged.mockClear();
  });
  afterAll(() => logged.mockRestore());

  const event = (...records: KinesisStreamRecord[]): KinesisStreamEvent => ({ Records: records });

  test('applies readings in order and skips replays', async () => {
    send
      .mockResolvedValueOnce({} as never)
      .mockRejectedValueOnce(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }) as never)
      .mockResolvedValueOnce({} as never);
    const result = await handler(
      event(
        record({ run: 'r', key: 'k', n: 0 }, '1'),
        record({ run: 'r', key: 'k', n: 0 }, '2'),
        record({ run: 'r', key: 'k', n: 1 }, '3'),
      ),
    );
    expect(result).toEqual({ applied: 2, replayed: 1 });
    expect(logged.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
      { records: 3, applied: 2, replayed: 1 },
    ]);
    const ns = send.mock.calls.map(([command]) => (command.input as any).ExpressionAttributeValues[':n'].N);
    expect(ns).toEqual(['0', '0', '1']);
  });

  test('fails the batch on a poison reading, after applying the readings before it', async () => {
    send.mockResolvedValue({} as never);
    await expect(
      handler(
        event(
          record({ run: 'r', key: 'k', n: 0 }),
          record({ run: 'r', key: 'k', n: 1, poison: true }),
          record({ run: 'r', key: 'k', n: 2 }),
        ),
      ),
    ).rejects.toThrow(/poison reading k #1/);
    expect(send).toHaveBeenCalledTimes(1);
  });

  test('other DynamoDB errors fail the batch (so it is retried)', async () => {
    send.mockRejectedValueOnce(new Error('throttled') as never);
    await expect(handler(event(record({ run: 'r', key: 'k', n: 0 })))).rejects.toThrow('throttled');
  });
});
