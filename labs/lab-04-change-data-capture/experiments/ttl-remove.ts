import { DescribeTimeToLiveCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { auditKey, describeRows, TTL_ATTRIBUTE, waitForAudit } from './audit-helpers';

/** How long the TTL experiment waits where it runs; AWS may take up to 48 h, so it is skipped there. */
const TTL_DEADLINE_MS = 10 * 60_000;

export const ttlRemove: Experiment<Output> = {
  name: 'Audit a TTL expiry as a REMOVE by the DynamoDB service',
  fact: 'TTL deletions arrive as REMOVE records made by the DynamoDB service',
  proof: 'behaviour',
  skipOn: {
    aws: 'DynamoDB deletes expired items within about two days of expiry, far longer than a verify run.',
    ministack:
      "MiniStack 1.5.33's TTL reaper (services/dynamodb.py _ttl_reaper, every 60 s) deletes expired items " +
      'without writing a stream record, so no TTL REMOVE ever reaches the audit writer.',
    localstack:
      'LocalStack removes expired items only when started with DYNAMODB_REMOVE_EXPIRED_ITEMS=1, and then in a ' +
      'periodic sweep.',
  },
  async run(context) {
    const dynamodb = clientOf(DynamoDBClient, context);
    const ordersTable = outputOf(context, 'OrdersTableName');
    const auditTable = outputOf(context, 'AuditTableName');
    const { TimeToLiveDescription } = await dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: ordersTable }),
    );
    const customerId = newRunId('ttl');
    // Already expired: the next sweep may delete it.
    await dynamodb.send(
      new PutItemCommand({
        TableName: ordersTable,
        Item: {
          customerId: { S: customerId },
          orderId: { S: 't1' },
          status: { S: 'CANCELLED' },
          [TTL_ATTRIBUTE]: { N: String(Math.floor(Date.now() / 1000) - 60) },
        },
      }),
    );
    const itemKey = auditKey(customerId, 't1');
    const found = await waitForAudit(
      context,
      dynamodb,
      auditTable,
      new Map([[itemKey, 2]]),
      Date.now() + TTL_DEADLINE_MS,
    );
    const rows = found.get(itemKey) ?? [];
    const removal = rows.find((r) => r.eventName === 'REMOVE');
    return expectThat(
      TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' &&
        TimeToLiveDescription.AttributeName === TTL_ATTRIBUTE &&
        removal?.removedBy === 'ttl',
      `TTL ${TimeToLiveDescription?.TimeToLiveStatus} on ${TimeToLiveDescription?.AttributeName}; audit: ` +
        `${describeRows(rows)}${removal ? `, removed by ${removal.removedBy}` : ''}`,
      `TTL ENABLED on ${TTL_ATTRIBUTE}; a REMOVE audited with removedBy ttl`,
    );
  },
};
