import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseOrderMessage } from './order-message';

const dynamodb = new DynamoDBClient({});

/**
 * Fulfils orders from the fulfilment queue. Reports each message it cannot process as a batch
 * item failure, so only that message returns to the queue (and, after maxReceiveCount receives,
 * moves to the dead-letter queue) while the rest of the batch is deleted.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    try {
      const order = parseOrderMessage(record.body);
      await dynamodb.send(
        new PutItemCommand({
          TableName: process.env.TABLE_NAME,
          Item: {
            orderId: { S: order.orderId },
            eventType: { S: order.eventType },
            region: { S: order.region },
            amount: { N: String(order.amount) },
            sqsMessageId: { S: record.messageId },
            fulfilledAt: { S: new Date().toISOString() },
          },
          // SQS delivers at least once: a second delivery of the same event changes nothing.
          ConditionExpression: 'attribute_not_exists(orderId)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      console.error(JSON.stringify({ messageId: record.messageId, error: String(error) }));
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
