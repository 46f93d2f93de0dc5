import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { DeadLetterQueue } from '../../lib/constructs/queue-with-dead-letter';

/** The attribute DynamoDB's TTL process reads (epoch seconds). */
export const TTL_ATTRIBUTE = 'expiresAt';
/** Retries per batch before the mapping gives up on it and sends its description to the failure queue. */
export const STREAM_RETRY_ATTEMPTS = 2;

/**
 * lab-04 Change data capture: every change to the orders table becomes an audit record.
 *
 * The orders table (customerId + orderId, on demand, TTL, a GSI by status) streams new and old
 * images to the audit writer, which stores one record per change in the audit table. The event
 * source mapping retries a failing batch a bounded number of times, bisects it to isolate the bad
 * record, and then sends that record's location to an SQS on-failure destination.
 */
export class ChangeDataCaptureStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const orders = new dynamodb.TableV2(this, 'Orders', {
      partitionKey: { name: 'customerId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      globalSecondaryIndexes: [
        {
          // A GSI has its own partition key and can be added any time; an LSI shares the table's
          // partition key and must exist at creation.
          indexName: 'byStatus',
          partitionKey: { name: 'status', type: dynamodb.AttributeType.STRING },
          sortKey: { name: 'createdAt', type: dynamodb.AttributeType.STRING },
        },
      ],
    });

    const audit = new dynamodb.TableV2(this, 'AuditTrail', {
      partitionKey: { name: 'itemKey', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'sequenceNumber', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });

    const failedRecords = new DeadLetterQueue(this, 'FailedRecords');
    const writer = new LabFunction(this, 'AuditWriter', {
      handlerFolder: 'lab-04/audit-writer',
      description: 'lab-04: writes one audit record per change on the orders stream',
      environment: { AUDIT_TABLE_NAME: audit.tableName },
    });
    audit.grant(writer.function, 'dynamodb:PutItem');
    // No event-name filter: an audit trail needs inserts, updates and removes (TTL expiries included).
    writer.function.addEventSource(
      new eventSources.DynamoEventSource(orders, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        retryAttempts: STREAM_RETRY_ATTEMPTS,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        maxRecordAge: Duration.hours(1),
        onFailure: new eventSources.SqsDlq(failedRecords.queue),
      }),
    );

    new CfnOutput(this, 'OrdersTableName', { value: orders.tableName });
    new CfnOutput(this, 'AuditTableName', { value: audit.tableName });
    new CfnOutput(this, 'FailedRecordsQueueUrl', { value: failedRecords.queue.queueUrl });
    new CfnOutput(this, 'AuditWriterFunctionName', { value: writer.function.functionName });
  }
}
