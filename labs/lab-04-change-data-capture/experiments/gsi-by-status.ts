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
import {
  describeRefusal,
  isRefusal,
  newRunId,
  type Refusal,
  refusalOf,
  sleep,
} from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { keyNamesOf } from './audit-helpers';

export const gsiByStatus: Experiment<Output> = {
  name: 'Query orders by status through the GSI',
  fact: 'A GSI has its own partition and sort key: it answers queries the table key cannot (all PAID orders)',
  proof: 'behaviour',
  mustFailWhen: {
    replaceOutput: ['OrdersTableName', 'AuditTableName'],
    why: 'the audit table has no byStatus index: a query by status cannot be answered there',
    failsBecause: 'not-found-by-status',
    skipOn: {
      localstack:
        'The kit’s LocalStack (moto) refuses a query on an index the table does not have ' +
        '(ResourceNotFoundException), so the miswired run fails on that refusal, not on the answer (CI run of 2026-12-08).',
    },
  },
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
    // Keyed by the table's own key names, so that a miswired run meets that table's indexes.
    const [partition, sort] = keyNamesOf(Table);
    const key = { [partition]: { S: customerId }, [sort]: { S: 'g1' } };
    await dynamodb.send(
      new PutItemCommand({
        TableName: ordersTable,
        Item: { ...key, status: { S: 'PAID' }, createdAt: { S: createdAt } },
      }),
    );
    // GSIs are eventually consistent (no ConsistentRead): poll briefly.
    const deadline = Date.now() + 10_000;
    let hits: Record<string, AttributeValue>[] = [];
    let refusal: Refusal | undefined;
    while (true) {
      refusal = await refusalOf(async () => {
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
      });
      // A table without the index refuses the query (ValidationException): no point waiting.
      if (refusal || hits.length > 0 || Date.now() >= deadline) break;
      await sleep(300);
    }
    await dynamodb.send(new DeleteItemCommand({ TableName: ordersTable, Key: key }));
    const found = hits.length === 1 && hits[0][partition]?.S === customerId;
    const keysOk = tableKeys === 'customerId+orderId' && gsiKeys === 'status+createdAt' && lsiCount === 0;
    return expectThat(
      found && keysOk,
      `table key ${tableKeys}; GSI byStatus key ${gsiKeys || 'missing'} (${gsi?.IndexStatus ?? '?'}); ` +
        `${lsiCount} LSIs; query byStatus status=PAID, createdAt=<ours> -> ` +
        `${refusal ? describeRefusal(refusal) : `${hits.length} item(s)`}` +
        `${hits[0] ? ` of customer ${hits[0].customerId?.S === customerId ? 'ours' : hits[0].customerId?.S}` : ''}`,
      'table customerId+orderId, GSI status+createdAt, no LSI; the query finds our order',
      // The fact's refusal is DynamoDB's for a missing index (ValidationException); any other is not it.
      found
        ? 'keys'
        : refusal && !isRefusal(refusal, ['ValidationException'])
          ? `refused:${refusal.name}`
          : 'not-found-by-status',
    );
  },
};
