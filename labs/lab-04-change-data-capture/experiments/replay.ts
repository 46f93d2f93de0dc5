import { DeleteItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { auditDeadlineMs, auditKey, auditOf, seq, waitForAudit } from './audit-helpers';
import { invokeWriter, ordersStreamArn, streamEvent } from './stream-events';

export const replay: Experiment<Output> = {
  name: 'Replay an audited stream record',
  fact: 'Conditional writes make replays harmless (the audit writer writes each sequence number once)',
  proof: 'behaviour',
  measures: ['recordsAfterReplay'],
  async run(context) {
    const dynamodb = clientOf(DynamoDBClient, context);
    const ordersTable = outputOf(context, 'OrdersTableName');
    const auditTable = outputOf(context, 'AuditTableName');
    const customerId = newRunId('replay');
    const key = { customerId: { S: customerId }, orderId: { S: 'r1' } };
    await dynamodb.send(
      new PutItemCommand({
        TableName: ordersTable,
        Item: { ...key, status: { S: 'PENDING' }, createdAt: { S: new Date().toISOString() } },
      }),
    );
    const itemKey = auditKey(customerId, 'r1');
    const found = await waitForAudit(
      context,
      dynamodb,
      auditTable,
      new Map([[itemKey, 1]]),
      Date.now() + auditDeadlineMs(context),
    );
    const original = found.get(itemKey)?.[0];
    if (!original) {
      await dynamodb.send(new DeleteItemCommand({ TableName: ordersTable, Key: key }));
      return fail(
        `the INSERT was not audited within ${auditDeadlineMs(context) / 1000} s`,
        'the INSERT audited from the stream',
        'not-audited',
      );
    }

    // Same sequence number and eventID, different image: an overwrite would show as status CANCELLED.
    const sequenceNumber = seq(original.sequenceNumber).toString();
    const streamArn = await ordersStreamArn(dynamodb, ordersTable);
    const replayOnce = () =>
      invokeWriter(
        context,
        streamEvent(
          [
            {
              sequenceNumber,
              eventName: 'INSERT',
              customerId,
              orderId: 'r1',
              newStatus: 'CANCELLED',
              eventId: original.eventId,
            },
          ],
          streamArn,
        ),
      );
    const responses = [await replayOnce(), await replayOnce()];
    const rows = await auditOf(dynamodb, auditTable, itemKey);
    await dynamodb.send(new DeleteItemCommand({ TableName: ordersTable, Key: key }));

    const clean = responses.every(
      (r) => !r.functionError && (r.body.batchItemFailures ?? ['?']).length === 0,
    );
    const kept = rows.length === 1 && rows[0].sequenceNumber === original.sequenceNumber;
    return withMeasurements(
      expectThat(
        clean && kept && rows[0].newStatus === 'PENDING',
        `INSERT audited as sequence ${sequenceNumber}; replayed it twice with status CANCELLED: responses ` +
          `${responses.map((r) => (r.functionError ? `error ${r.functionError}` : `${r.body.batchItemFailures?.length ?? '?'} failures`)).join(', ')}; ` +
          `audit now holds ${rows.length} record(s) for the item, status ${rows.map((r) => r.newStatus).join(', ')}`,
        'no failures, still exactly one record, status PENDING (the first copy)',
        !clean ? 'replay-failed' : rows.length !== 1 ? 'duplicated' : 'overwritten',
      ),
      { recordsAfterReplay: rows.length },
    );
  },
};
