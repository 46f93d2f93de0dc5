import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { handler } from '../../../lambda/lab-04/audit-writer';
import { buildAuditItem, UnprocessableRecordError } from '../../../lambda/lab-04/audit-writer/audit-record';

const keys = { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } };
const image = (status: string) => ({ ...keys, status: { S: status }, total: { N: '10' } });
const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  seq: string,
  extra: Partial<DynamoDBRecord> = {},
): DynamoDBRecord => ({
  eventID: `e-${seq}`,
  eventName,
  ...extra,
  dynamodb: {
    Keys: keys,
    SequenceNumber: seq,
    ApproximateCreationDateTime: 1_790_000_000,
    ...(eventName !== 'INSERT' ? { OldImage: image('PENDING') } : {}),
    ...(eventName !== 'REMOVE' ? { NewImage: image('PAID') } : {}),
    ...extra.dynamodb,
  },
});

describe('buildAuditItem', () => {
  test('an update keeps both images, keyed by item and zero-padded sequence number', () => {
    expect(buildAuditItem(record('MODIFY', '4200'))).toEqual({
      itemKey: { S: 'c-1#o-1' },
      sequenceNumber: { S: '4200'.padStart(40, '0') },
      eventName: { S: 'MODIFY' },
      eventId: { S: 'e-4200' },
      changedAt: { N: '1790000000' },
      removedBy: { S: 'n/a' },
      oldImage: { M: image('PENDING') },
      newImage: { M: image('PAID') },
    });
  });

  test('padding makes sequence numbers of different lengths sort in stream order', () => {
    const a = buildAuditItem(record('INSERT', '999')).sequenceNumber.S!;
    const b = buildAuditItem(record('MODIFY', '1000')).sequenceNumber.S!;
    expect([b, a].sort()).toEqual([a, b]);
  });

  test('an insert has no old image; a TTL removal is marked as such', () => {
    expect(buildAuditItem(record('INSERT', '1')).oldImage).toBeUndefined();
    const ttl = buildAuditItem(
      record('REMOVE', '2', { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } }),
    );
    expect(ttl).toMatchObject({ removedBy: { S: 'ttl' }, oldImage: { M: image('PENDING') } });
    expect(ttl.newImage).toBeUndefined();
    expect(buildAuditItem(record('REMOVE', '3')).removedBy).toEqual({ S: 'user' });
  });

  test.each([
    [
      'an unknown status',
      record('INSERT', '5', { dynamodb: { NewImage: image('LOST') } }),
      /status "LOST" is not one of/,
    ],
    ['missing keys', record('INSERT', '6', { dynamodb: { Keys: {} } }), /keys customerId\/orderId missing/],
    ['no sequence number', record('INSERT', '', {}), /no valid sequence number/],
  ])('refuses %s', (_name, input, message) => {
    expect(() => buildAuditItem(input)).toThrow(UnprocessableRecordError);
    expect(() => buildAuditItem(input)).toThrow(message);
  });
});

// DynamoDB is a spy here (no emulator in the unit layer); the end-to-end layer runs the real stream.
describe('handler', () => {
  const send = jest.spyOn(DynamoDBClient.prototype, 'send');
  // The handler logs the record it stops at (to CloudWatch in Lambda); the tests read it.
  const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
  beforeEach(() => {
    send.mockReset().mockResolvedValue({} as never);
    logged.mockClear();
  });
  afterAll(() => logged.mockRestore());

  test('stops at the first bad record and reports it, so order is kept on retry', async () => {
    const event: DynamoDBStreamEvent = {
      Records: [
        record('INSERT', '10'),
        record('MODIFY', '11', { dynamodb: { NewImage: image('LOST') } }),
        record('MODIFY', '12'),
      ],
    };
    await expect(handler(event)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: '11' }] });
    expect(send).toHaveBeenCalledTimes(1);
    expect(logged).toHaveBeenCalledTimes(1);
  });

  test('writes every record of a good batch, conditionally so replays do not duplicate', async () => {
    await expect(handler({ Records: [record('INSERT', '1'), record('REMOVE', '2')] })).resolves.toEqual({
      batchItemFailures: [],
    });
    expect(send).toHaveBeenCalledTimes(2);
    expect((send.mock.calls[1][0] as unknown as { input: Record<string, unknown> }).input).toMatchObject({
      ConditionExpression: 'attribute_not_exists(sequenceNumber)',
    });
  });
});
