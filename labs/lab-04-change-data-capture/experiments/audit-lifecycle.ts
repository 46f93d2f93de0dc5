import {
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import {
  type AuditRow,
  ascending,
  auditDeadlineMs,
  auditKey,
  describeRows,
  imagesOf,
  keyNamesOf,
  waitForAudit,
} from './audit-helpers';

interface Step {
  orderId: string;
  action: 'insert' | 'update' | 'delete';
  status?: string;
}

/** Two orders of one customer, changes interleaved: each item's own order must survive. */
const LIFECYCLE: readonly Step[] = [
  { orderId: 'o1', action: 'insert', status: 'PENDING' },
  { orderId: 'o2', action: 'insert', status: 'PENDING' },
  { orderId: 'o1', action: 'update', status: 'PAID' },
  { orderId: 'o2', action: 'update', status: 'CANCELLED' },
  { orderId: 'o1', action: 'update', status: 'SHIPPED' },
  { orderId: 'o2', action: 'delete' },
  { orderId: 'o1', action: 'delete' },
];

/** The audit records the lifecycle must produce per order, from the stream's documented semantics. */
function expectedAudit(steps: readonly Step[]): Map<string, Omit<AuditRow, 'sequenceNumber' | 'eventId'>[]> {
  const current = new Map<string, string>();
  const expected = new Map<string, Omit<AuditRow, 'sequenceNumber' | 'eventId'>[]>();
  for (const step of steps) {
    const before = current.get(step.orderId);
    const rows = expected.get(step.orderId) ?? [];
    if (step.action === 'insert') {
      rows.push({ eventName: 'INSERT', oldStatus: '-', newStatus: step.status ?? '', removedBy: 'n/a' });
    } else if (step.action === 'update') {
      rows.push({
        eventName: 'MODIFY',
        oldStatus: before ?? '',
        newStatus: step.status ?? '',
        removedBy: 'n/a',
      });
    } else {
      rows.push({ eventName: 'REMOVE', oldStatus: before ?? '', newStatus: '-', removedBy: 'user' });
    }
    if (step.status) current.set(step.orderId, step.status);
    expected.set(step.orderId, rows);
  }
  return expected;
}

/**
 * Applies one change, keyed by the table's own key names (customerId + orderId on the orders table),
 * so that a miswired run writes to the table it is given and shows that table's stream, not an error.
 */
async function applyStep(
  dynamodb: DynamoDBClient,
  tableName: string,
  [partition, sort]: readonly [string, string],
  customerId: string,
  step: Step,
) {
  const key = { [partition]: { S: customerId }, [sort]: { S: step.orderId } };
  if (step.action === 'insert') {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          ...key,
          status: { S: step.status ?? '' },
          createdAt: { S: new Date().toISOString() },
          amount: { N: '42' },
        },
        ConditionExpression: 'attribute_not_exists(#sort)',
        ExpressionAttributeNames: { '#sort': sort },
      }),
    );
  } else if (step.action === 'update') {
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: step.status ?? '' } },
      }),
    );
  } else {
    await dynamodb.send(new DeleteItemCommand({ TableName: tableName, Key: key }));
  }
}

export const auditLifecycle: Experiment<Output> = {
  name: 'Audit inserts, updates and deletes in stream order',
  fact: 'Each change appears on the stream once, in order per item; records are kept 24 hours',
  proof: 'behaviour',
  measures: ['auditRecords', 'modifyImages'],
  mustFailWhen: {
    replaceOutput: ['OrdersTableName', 'AuditTableName'],
    why: 'the audit table has no stream: the changes made there reach no consumer, so nothing is audited',
    failsBecause: 'not-audited',
  },
  async run(context) {
    const dynamodb = clientOf(DynamoDBClient, context);
    const ordersTable = outputOf(context, 'OrdersTableName');
    const auditTable = outputOf(context, 'AuditTableName');
    const customerId = newRunId('cdc');
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: ordersTable }));
    const viewType = Table?.StreamSpecification?.StreamViewType ?? 'none';
    const keyNames = keyNamesOf(Table);

    const started = Date.now();
    for (const step of LIFECYCLE) await applyStep(dynamodb, ordersTable, keyNames, customerId, step);
    const expected = expectedAudit(LIFECYCLE);
    const keys = new Map(
      [...expected].map(([orderId, rows]) => [auditKey(customerId, orderId), rows.length]),
    );
    const found = await waitForAudit(
      context,
      dynamodb,
      auditTable,
      keys,
      Date.now() + auditDeadlineMs(context),
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    let ok = viewType === 'NEW_AND_OLD_IMAGES';
    let because = '';
    const lines: string[] = [];
    for (const [orderId, want] of expected) {
      const rows = found.get(auditKey(customerId, orderId)) ?? [];
      const matches =
        rows.length === want.length &&
        rows.every(
          (row, i) =>
            row.eventName === want[i].eventName &&
            row.oldStatus === want[i].oldStatus &&
            row.newStatus === want[i].newStatus &&
            row.removedBy === want[i].removedBy,
        );
      // The table returns rows by padded sequence number; they must also rise as numbers.
      const ordered = ascending(rows);
      const distinctEvents = new Set(rows.map((r) => r.eventId)).size === rows.length;
      // The first part of the fact that failed: a change missing, a record with other images, order, a repeat.
      because ||=
        rows.length < want.length
          ? 'not-audited'
          : !matches
            ? 'wrong-records'
            : !ordered
              ? 'out-of-order'
              : distinctEvents
                ? ''
                : 'repeated';
      ok &&= matches && ordered && distinctEvents;
      lines.push(
        `${orderId} ${rows.length}/${want.length}: ${describeRows(rows)}` +
          `${ordered ? '' : ' (sequence numbers out of order)'}${distinctEvents ? '' : ' (repeated eventID)'}`,
      );
    }
    if (!because && viewType !== 'NEW_AND_OLD_IMAGES') because = 'view-type';
    const total = [...found.values()].reduce((sum, rows) => sum + rows.length, 0);
    return withMeasurements(
      expectThat(
        ok,
        `${LIFECYCLE.length} changes on 2 orders -> ${total} audit records after ${seconds} s (stream ${viewType}); ` +
          `${lines.join('; ')}; sequence numbers rising per item`,
        `o1: ${describeRows(expected.get('o1'))}; o2: ${describeRows(expected.get('o2'))}`,
        because,
      ),
      { auditRecords: total, modifyImages: imagesOf([...found.values()].flat()) },
    );
  },
};
