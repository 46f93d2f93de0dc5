import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ALBEvent } from 'aws-lambda';
import { handler } from '../../../lambda/lab-01/inbox';
import { InboxRequestError, parseInboxRequest } from '../../../lambda/lab-01/inbox/inbox-request';

const event = {
  messageId: 'm-1',
  from: ['a@b.org'],
  to: ['inbox@c.org'],
  subject: 'hi',
  timestamp: '2026-11-23T10:00:00Z',
};

describe('parseInboxRequest', () => {
  test('accepts a mail event, also base64-encoded', () => {
    expect(parseInboxRequest('POST', JSON.stringify(event), false)).toEqual(event);
    expect(parseInboxRequest('POST', Buffer.from(JSON.stringify(event)).toString('base64'), true)).toEqual(
      event,
    );
  });

  test.each([
    ['GET', JSON.stringify(event), 405, /method GET not allowed/],
    ['POST', '', 400, /empty body/],
    ['POST', '{', 400, /not JSON/],
    ['POST', JSON.stringify({ ...event, messageId: '' }), 400, /messageId is required/],
    ['POST', JSON.stringify({ ...event, to: [] }), 400, /to must be a non-empty list/],
    ['POST', JSON.stringify({ ...event, subject: 5 }), 400, /subject must be a string/],
  ])('%s %s -> %i', (method, body, status, message) => {
    let error: unknown;
    try {
      parseInboxRequest(method, body, false);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InboxRequestError);
    expect((error as InboxRequestError).statusCode).toBe(status);
    expect((error as InboxRequestError).message).toMatch(message);
  });
});

// DynamoDB is replaced by a spy here because the unit layer runs without an emulator; the
// end-to-end layer drives this handler through the deployed ALB and reads the real table.
describe('handler', () => {
  const send = jest.spyOn(DynamoDBClient.prototype, 'send');
  beforeEach(() => send.mockReset().mockResolvedValue({} as never));
  const albEvent = (httpMethod: string, body: string) =>
    ({ httpMethod, body, isBase64Encoded: false }) as ALBEvent;

  test('stores the event and answers 201', async () => {
    process.env.TABLE_NAME = 'inbox';
    const result = await handler(albEvent('POST', JSON.stringify(event)));
    expect(result.statusCode).toBe(201);
    const input = (
      send.mock.calls[0][0] as unknown as { input: { TableName: string; Item: Record<string, unknown> } }
    ).input;
    expect(input.TableName).toBe('inbox');
    expect(input.Item).toMatchObject({
      messageId: { S: 'm-1' },
      to: { L: [{ S: 'inbox@c.org' }] },
      subject: { S: 'hi' },
    });
  });

  test('answers 400 for a bad body and writes nothing', async () => {
    const result = await handler(albEvent('POST', '{"messageId":1}'));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '')).toEqual({ error: 'messageId is required' });
    expect(send).not.toHaveBeenCalled();
  });
});
