import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { handler } from '../../../lambda/lab-02/fulfilment-consumer';
import {
  PoisonMessageError,
  parseOrderMessage,
} from '../../../lambda/lab-02/fulfilment-consumer/order-message';

const order = { orderId: 'o-1', eventType: 'order_placed', region: 'eu-west-1', amount: 120 };
const envelope = (message: string) => JSON.stringify({ Type: 'Notification', Message: message });

describe('parseOrderMessage', () => {
  test('reads the order from the SNS envelope', () => {
    expect(parseOrderMessage(envelope(JSON.stringify(order)))).toEqual(order);
  });

  test.each([
    ['a body that is not JSON', 'oops', /body is not JSON/],
    ['a raw message without the envelope', JSON.stringify(order), /not an SNS notification/],
    ['a message that is not JSON', envelope('poison'), /SNS message is not JSON/],
    ['a missing orderId', envelope(JSON.stringify({ ...order, orderId: undefined })), /orderId is missing/],
    [
      'an amount that is not a number',
      envelope(JSON.stringify({ ...order, amount: '12' })),
      /amount is missing or not a number/,
    ],
  ])('rejects %s as poison', (_name, body, message) => {
    expect(() => parseOrderMessage(body)).toThrow(PoisonMessageError);
    expect(() => parseOrderMessage(body)).toThrow(message);
  });
});

// DynamoDB is a spy here (no emulator in the unit layer); the end-to-end layer runs the real path.
describe('handler', () => {
  const send = jest.spyOn(DynamoDBClient.prototype, 'send');
  // The handler logs each failed item (to CloudWatch in Lambda); the tests read what it logged.
  const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
  beforeEach(() => {
    send.mockReset().mockResolvedValue({} as never);
    logged.mockClear();
  });
  afterAll(() => logged.mockRestore());
  const sqsEvent = (...bodies: string[]) =>
    ({ Records: bodies.map((body, i) => ({ messageId: `msg-${i}`, body })) }) as unknown as SQSEvent;

  test('reports only the poison message as a batch item failure; the good ones are stored once', async () => {
    const result = await handler(
      sqsEvent(
        envelope(JSON.stringify(order)),
        envelope('poison'),
        envelope(JSON.stringify({ ...order, orderId: 'o-2' })),
      ),
    );
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(logged.mock.calls.map(([line]) => JSON.parse(String(line)).messageId)).toEqual(['msg-1']);
    expect(send).toHaveBeenCalledTimes(2);
    const input = (send.mock.calls[0][0] as unknown as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({
      ConditionExpression: 'attribute_not_exists(orderId)',
      Item: { orderId: { S: 'o-1' }, amount: { N: '120' } },
    });
  });

  test('a redelivered message that was already fulfilled counts as done', async () => {
    send.mockRejectedValueOnce(
      new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }) as never,
    );
    await expect(handler(sqsEvent(envelope(JSON.stringify(order))))).resolves.toEqual({
      batchItemFailures: [],
    });
  });

  test('a DynamoDB outage fails the item so it is retried', async () => {
    send.mockRejectedValueOnce(new Error('throttled') as never);
    await expect(handler(sqsEvent(envelope(JSON.stringify(order))))).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: 'msg-0' }],
    });
  });
});
