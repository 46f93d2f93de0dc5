import { ConditionalCheckFailedException, DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { KinesisStreamEvent } from 'aws-lambda';
import { parseReading, readingUpdate } from './reading';

const dynamodb = new DynamoDBClient({});

/**
 * Applies each reading of a batch in stream order to its sensor's item in the results table. A
 * reading it cannot process fails the whole invocation: the mapping retries the batch, bisects it
 * until the bad record is alone, and after the retries sends its shard and sequence number to the
 * on-failure queue. Readings already applied by an earlier attempt are skipped (conditional write).
 */
export async function handler(event: KinesisStreamEvent): Promise<{ applied: number; replayed: number }> {
  let applied = 0;
  let replayed = 0;
  for (const record of event.Records) {
    const reading = parseReading(record);
    try {
      await dynamodb.send(
        new UpdateItemCommand(
          readingUpdate(process.env.RESULTS_TABLE_NAME ?? '', reading, record, Date.now()),
        ),
      );
      applied++;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      replayed++;
    }
  }
  console.log(JSON.stringify({ records: event.Records.length, applied, replayed }));
  return { applied, replayed };
}
