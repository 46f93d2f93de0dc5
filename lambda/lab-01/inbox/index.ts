import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { ALBEvent, ALBResult } from 'aws-lambda';
import { InboxRequestError, parseInboxRequest } from './inbox-request';

const dynamodb = new DynamoDBClient({});

const json = (statusCode: number, body: unknown): ALBResult => ({
  statusCode,
  statusDescription: `${statusCode}`,
  headers: { 'content-type': 'application/json' },
  isBase64Encoded: false,
  body: JSON.stringify(body),
});

/** The internal service behind the ALB: records each mail event it receives in the inbox table. */
export async function handler(event: ALBEvent): Promise<ALBResult> {
  let record: ReturnType<typeof parseInboxRequest>;
  try {
    record = parseInboxRequest(event.httpMethod, event.body ?? null, event.isBase64Encoded);
  } catch (error) {
    if (error instanceof InboxRequestError) return json(error.statusCode, { error: error.message });
    throw error;
  }
  await dynamodb.send(
    new PutItemCommand({
      TableName: process.env.TABLE_NAME,
      Item: {
        messageId: { S: record.messageId },
        from: { L: record.from.map((address) => ({ S: address })) },
        to: { L: record.to.map((address) => ({ S: address })) },
        subject: { S: record.subject },
        timestamp: { S: record.timestamp },
        receivedAt: { S: new Date().toISOString() },
      },
    }),
  );
  return json(201, { stored: record.messageId });
}
