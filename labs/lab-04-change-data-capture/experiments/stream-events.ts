/** Stream-shaped events for invoking the audit writer directly (lab-04's experiments). */

import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { answerOf, invokeFunction } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';

interface SyntheticChange {
  sequenceNumber: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  customerId: string;
  orderId: string;
  oldStatus?: string;
  newStatus?: string;
  eventId?: string;
}

/** A DynamoDB Streams Lambda event as the mapping would deliver it (NEW_AND_OLD_IMAGES). */
export function streamEvent(changes: readonly SyntheticChange[], streamArn: string) {
  const image = (change: SyntheticChange, status: string) => ({
    customerId: { S: change.customerId },
    orderId: { S: change.orderId },
    status: { S: status },
  });
  return {
    Records: changes.map((change) => ({
      eventID: change.eventId ?? `replayed-${change.sequenceNumber}`,
      eventName: change.eventName,
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      eventSourceARN: streamArn,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
        Keys: { customerId: { S: change.customerId }, orderId: { S: change.orderId } },
        SequenceNumber: change.sequenceNumber,
        SizeBytes: 100,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
        ...(change.oldStatus ? { OldImage: image(change, change.oldStatus) } : {}),
        ...(change.newStatus ? { NewImage: image(change, change.newStatus) } : {}),
      },
    })),
  };
}

/** Invokes the audit writer synchronously; returns its function error (if any) and parsed response. */
export async function invokeWriter(context: ExperimentContext<Output>, event: unknown) {
  const response = await invokeFunction(
    clientOf(LambdaClient, context),
    outputOf(context, 'AuditWriterFunctionName'),
    event,
  );
  // Left empty when it is no JSON: the caller reports the missing batchItemFailures.
  const body = answerOf<{ batchItemFailures?: { itemIdentifier: string }[]; errorMessage?: string }>(
    response,
    {},
  );
  return { functionError: response.functionError, body };
}

export const ordersStreamArn = async (dynamodb: DynamoDBClient, tableName: string) =>
  (await dynamodb.send(new DescribeTableCommand({ TableName: tableName }))).Table?.LatestStreamArn ?? '';
