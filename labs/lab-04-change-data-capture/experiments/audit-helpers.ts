/**
 * What several of lab-04's experiments share: the lab's documented settings, SDK clients, reading
 * the audit trail back, and why LocalStack cannot run the audit writer.
 */

import {
  type AttributeValue,
  type DynamoDBClient,
  QueryCommand,
  type QueryCommandOutput,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import type { ExperimentContext } from '../../../lib/experiments/experiment';
import { sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

// The lab's documented settings (labs/lab-04-change-data-capture/stack.ts and the guide), stated here on
// purpose: the experiments check the deployed resources against the guide.
export const RETRY_ATTEMPTS = 2;
export const BATCH_SIZE = 10;
export const MAX_RECORD_AGE_SECONDS = 3600;
export const TTL_ATTRIBUTE = 'expiresAt';
/** The audit writer's accepted statuses; anything else is a poison record. */
export const POISON_STATUS = 'LOST';

/**
 * How long to wait for the audit trail. The mapping polls the stream: on AWS a new record reaches the
 * function within seconds; MiniStack's poller delivers in about one (10 s leaves a wide margin and
 * keeps a miswired run, which waits it out, short in CI).
 */
export const auditDeadlineMs = (context: ExperimentContext<Output>) =>
  context.target === 'aws' ? 30_000 : 10_000;

// ---------------------------------------------------------------------------------------------------
// Reading the audit trail
// ---------------------------------------------------------------------------------------------------

/** One audit record as the experiments compare it; images reduced to their status ('-' = no image). */
export interface AuditRow {
  sequenceNumber: string;
  eventName: string;
  eventId: string;
  removedBy: string;
  oldStatus: string;
  newStatus: string;
}

const statusOf = (image: AttributeValue | undefined) =>
  image === undefined ? '-' : (image.M?.status?.S ?? '?');

/** The table's partition and sort key names (DescribeTable), `?` where it has none. */
export const keyNamesOf = (table: TableDescription | undefined): readonly [string, string] => {
  const named = (type: string) => table?.KeySchema?.find((k) => k.KeyType === type)?.AttributeName ?? '?';
  return [named('HASH'), named('RANGE')];
};

export const auditKey = (customerId: string, orderId: string) => `${customerId}#${orderId}`;

/** Every audit record of one item, in the table's sort-key order (the padded sequence number). */
export async function auditOf(
  dynamodb: DynamoDBClient,
  tableName: string,
  itemKey: string,
): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page: QueryCommandOutput = await dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'itemKey = :k',
        ExpressionAttributeValues: { ':k': { S: itemKey } },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      rows.push({
        sequenceNumber: item.sequenceNumber?.S ?? '',
        eventName: item.eventName?.S ?? '',
        eventId: item.eventId?.S ?? '',
        removedBy: item.removedBy?.S ?? '',
        oldStatus: statusOf(item.oldImage),
        newStatus: statusOf(item.newImage),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return rows;
}

/** Polls the audit table until every key has at least its expected number of records, or the deadline. */
export async function waitForAudit(
  context: ExperimentContext<Output>,
  dynamodb: DynamoDBClient,
  tableName: string,
  expected: ReadonlyMap<string, number>,
  deadline: number,
): Promise<Map<string, AuditRow[]>> {
  const found = new Map<string, AuditRow[]>();
  while (true) {
    for (const key of expected.keys()) found.set(key, await auditOf(dynamodb, tableName, key));
    const have = [...found.values()].reduce((sum, rows) => sum + rows.length, 0);
    const want = [...expected.values()].reduce((sum, count) => sum + count, 0);
    context.progress(`audit records ${have}/${want}`);
    const complete = [...expected].every(([key, count]) => (found.get(key)?.length ?? 0) >= count);
    if (complete || Date.now() >= deadline) return found;
    await sleep(500);
  }
}

/** Stream sequence numbers are decimal strings; compare them as numbers, padded or not. */
export const seq = (sequenceNumber: string) => BigInt(sequenceNumber);

export const ascending = (rows: readonly AuditRow[]) =>
  rows.every((row, i) => i === 0 || seq(rows[i - 1].sequenceNumber) < seq(row.sequenceNumber));

/** `MODIFY PENDING->PAID`: old image status -> new image status, `none` where the record has no image. */
export const describeRows = (
  rows: readonly Pick<AuditRow, 'eventName' | 'oldStatus' | 'newStatus'>[] = [],
) => {
  const image = (status: string) => (status === '-' ? 'none' : status);
  return rows.map((r) => `${r.eventName} ${image(r.oldStatus)}->${image(r.newStatus)}`).join(', ') || 'none';
};

/** Which images the MODIFY records carried: `old and new`, `new only`, `old only` or `keys only`. */
export const imagesOf = (rows: readonly AuditRow[]): string => {
  const modifies = rows.filter((r) => r.eventName === 'MODIFY');
  const has = (status: string) => status !== '-';
  if (modifies.length === 0) return 'no MODIFY records';
  if (modifies.every((r) => has(r.oldStatus) && has(r.newStatus))) return 'old and new';
  if (modifies.every((r) => has(r.newStatus))) return 'new only';
  if (modifies.every((r) => has(r.oldStatus))) return 'old only';
  return 'keys only';
};
