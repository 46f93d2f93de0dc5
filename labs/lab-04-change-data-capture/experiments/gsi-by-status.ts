import {
  type AttributeValue,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { newRunId, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

export const gsiByStatus: Experiment<Output> = {
  name: 'Query orders by status through the GSI',
  fact: 'A GSI has its own partition and sort key: it answers queries the table key cannot (all PAID orders)',
  proof: 'behaviour',
  async run(context) {
    const dynamodb = clientOf(DynamoDBClient, context);
    const ordersTable = outputOf(context, 'OrdersTableName');
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: ordersTable }));
    const keysOf = (schema: { AttributeName?: string }[] | undefined) =>
      (schema ?? []).map((k) => k.AttributeName).join('+');
    const tableKeys = keysOf(Table?.KeySchema);
    const gsi = Table?.GlobalSecondaryIndexes?.find((index) => index.IndexName === 'byStatus');
    const gsiKeys = keysOf(gsi?.KeySchema);
    const lsiCount = Table?.LocalSecondaryIndexes?.length ?? 0;

    // A unique createdAt makes the GSI key ours alone, whatever else has status PAID.
    const customerId = newRunId('gsi');
    const createdAt = `${new Date().toISOString()}#${customerId}`;
    const key = { customerId: { S: customerId }, orderId: { S: 'g1' } };
    await dynamodb.send(
      new PutItemCommand({
        TableName: ordersTable,
        Item: { ...key, status: { S: 'PAID' }, createdAt: { S: createdAt } },
      }),
    );
    // GSIs are eventually consistent (no ConsistentRead): poll briefly.
    const deadline = Date.now() + 10_000;
    let hits: Record<string, AttributeValue>[] = [];
    while (true) {
      const { Items = [] } = await dynamodb.send(
        new QueryCommand({
          TableName: ordersTable,
          IndexName: 'byStatus',
          KeyConditionExpression: '#s = :s AND createdAt = :c',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': { S: 'PAID' }, ':c': { S: createdAt } },
        }),
      );
      hits = Items;
      if (hits.length > 0 || Date.now() >= deadline) break;
      await sleep(300);
    }
    await dynamodb.send(new DeleteItemCommand({ TableName: ordersTable, Key: key }));
    return expectThat(
      tableKeys === 'customerId+orderId' &&
        gsiKeys === 'status+createdAt' &&
        lsiCount === 0 &&
        hits.length === 1 &&
        hits[0].customerId?.S === customerId,
      `table key ${tableKeys}; GSI byStatus key ${gsiKeys || 'missing'} (${gsi?.IndexStatus ?? '?'}); ` +
        `${lsiCount} LSIs; query byStatus status=PAID, createdAt=<ours> -> ${hits.length} item(s)` +
        `${hits[0] ? ` of customer ${hits[0].customerId?.S === customerId ? 'ours' : hits[0].customerId?.S}` : ''}`,
      'table customerId+orderId, GSI status+createdAt, no LSI; the query finds our order',
    );
  },
};
