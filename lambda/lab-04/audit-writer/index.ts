import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { buildAuditItem } from './audit-record';

const dynamodb = new DynamoDBClient({});

/**
 * Writes one audit record per stream record, in stream order. On the first record it cannot
 * process it stops and reports that record: Lambda retries from there (order is kept), bisects
 * the batch, and after the retries sends the record's location to the on-failure queue.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    try {
      await dynamodb.send(
        new PutItemCommand({
          TableName: process.env.AUDIT_TABLE_NAME,
          Item: buildAuditItem(record),
          // A retried batch replays records already written; keep the first copy.
          ConditionExpression: 'attribute_not_exists(sequenceNumber)',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) continue;
      console.error(
        JSON.stringify({ sequenceNumber: record.dynamodb?.SequenceNumber, error: String(error) }),
      );
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
