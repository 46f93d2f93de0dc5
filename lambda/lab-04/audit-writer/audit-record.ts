import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';

/** Order statuses the audit trail accepts; anything else is a contract violation upstream. */
export const ORDER_STATUSES = ['PENDING', 'PAID', 'SHIPPED', 'CANCELLED'] as const;

/** Stream sequence numbers are decimal strings of up to 40 digits; padding makes them sort as text. */
const SEQUENCE_WIDTH = 40;

/** A stream record the audit writer refuses. */
export class UnprocessableRecordError extends Error {
  constructor(sequenceNumber: string, reason: string) {
    super(`Stream record ${sequenceNumber} cannot be audited: ${reason}`);
    this.name = 'UnprocessableRecordError';
  }
}

/**
 * Builds the audit item for one stream record: key `customerId#orderId`, sort key the padded
 * sequence number (so records of an item read back in stream order), event name, both images,
 * and who removed the item (`ttl` for deletions by DynamoDB's TTL process).
 *
 * @throws UnprocessableRecordError when keys are missing or the new image has an unknown status
 */
export function buildAuditItem(record: DynamoDBRecord): Record<string, AttributeValue> {
  const change = record.dynamodb;
  const sequenceNumber = change?.SequenceNumber;
  if (!change || !sequenceNumber || !/^\d{1,40}$/.test(sequenceNumber)) {
    throw new UnprocessableRecordError(String(sequenceNumber), 'no valid sequence number');
  }
  const customerId = change.Keys?.customerId?.S;
  const orderId = change.Keys?.orderId?.S;
  if (!customerId || !orderId)
    throw new UnprocessableRecordError(sequenceNumber, 'keys customerId/orderId missing');
  if (!record.eventName) throw new UnprocessableRecordError(sequenceNumber, 'eventName missing');

  const status = change.NewImage?.status?.S;
  if (change.NewImage && !(ORDER_STATUSES as readonly string[]).includes(status ?? '')) {
    throw new UnprocessableRecordError(
      sequenceNumber,
      `status ${JSON.stringify(status)} is not one of ${ORDER_STATUSES.join(', ')}`,
    );
  }
  const removedByTtl =
    record.eventName === 'REMOVE' &&
    record.userIdentity?.type === 'Service' &&
    record.userIdentity?.principalId === 'dynamodb.amazonaws.com';

  const item: Record<string, AttributeValue> = {
    itemKey: { S: `${customerId}#${orderId}` },
    sequenceNumber: { S: sequenceNumber.padStart(SEQUENCE_WIDTH, '0') },
    eventName: { S: record.eventName },
    eventId: { S: record.eventID ?? '' },
    changedAt: { N: String(change.ApproximateCreationDateTime ?? 0) },
    removedBy: { S: record.eventName === 'REMOVE' ? (removedByTtl ? 'ttl' : 'user') : 'n/a' },
  };
  // The Lambda event uses the same attribute value shape as the SDK, so images are stored as maps.
  if (change.OldImage) item.oldImage = { M: change.OldImage as Record<string, AttributeValue> };
  if (change.NewImage) item.newImage = { M: change.NewImage as Record<string, AttributeValue> };
  return item;
}
