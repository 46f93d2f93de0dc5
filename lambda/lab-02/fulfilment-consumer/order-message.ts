/** An order event as the publisher sends it on the orders topic. */
export interface OrderEvent {
  orderId: string;
  eventType: string;
  region: string;
  amount: number;
}

/** A message the consumer can never process, however often it is retried. */
export class PoisonMessageError extends Error {
  constructor(reason: string) {
    super(`Poison message: ${reason}`);
    this.name = 'PoisonMessageError';
  }
}

/**
 * Reads an order event from an SQS message body that holds an SNS notification envelope
 * (the subscription does not use raw delivery).
 *
 * @throws PoisonMessageError when the body is not an SNS envelope or its Message is not a
 * well-formed order event (orderId, eventType and region strings, a finite amount)
 */
export function parseOrderMessage(sqsBody: string): OrderEvent {
  let envelope: { Type?: unknown; Message?: unknown };
  try {
    envelope = JSON.parse(sqsBody);
  } catch {
    throw new PoisonMessageError('the body is not JSON');
  }
  if (envelope?.Type !== 'Notification' || typeof envelope.Message !== 'string') {
    throw new PoisonMessageError('the body is not an SNS notification');
  }
  let order: Partial<Record<keyof OrderEvent, unknown>>;
  try {
    order = JSON.parse(envelope.Message);
  } catch {
    throw new PoisonMessageError('the SNS message is not JSON');
  }
  if (typeof order !== 'object' || order === null)
    throw new PoisonMessageError('the SNS message is not an object');
  for (const field of ['orderId', 'eventType', 'region'] as const) {
    if (typeof order[field] !== 'string' || order[field] === '') {
      throw new PoisonMessageError(`${field} is missing or not a string`);
    }
  }
  if (typeof order.amount !== 'number' || !Number.isFinite(order.amount)) {
    throw new PoisonMessageError('amount is missing or not a number');
  }
  return order as OrderEvent;
}
