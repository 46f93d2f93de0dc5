import { DynamoDBClient, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { chargeOutcome, type PaymentRequest, type PaymentResult } from './outcome';

const dynamodb = new DynamoDBClient({});

/** How long a "slow" attempt hangs: longer than the workflow's task timeout, shorter than the function's. */
const HANG_MILLISECONDS = Number(process.env.HANG_MILLISECONDS ?? '5000');

/**
 * Charges an order (a stand-in for a payment provider). Each call counts one attempt on the order's
 * item in the orders table, so the failures a test input asks for survive between retries (the
 * function keeps no state; the table does).
 *
 * - `payment: "ok"` (or none): answers at once.
 * - `payment: "slow"`: the first `failAttempts` attempts hang for HANG_MILLISECONDS (the workflow
 *   times the task out and retries States.Timeout with backoff), then one answers at once.
 * - `payment: "flaky"`: the first `failAttempts` attempts throw PaymentProviderUnavailable (retried
 *   by name with backoff), then one succeeds.
 * - `payment: "declined"`: throws PaymentDeclined every time (not retried: the workflow compensates).
 */
export async function handler(request: PaymentRequest): Promise<PaymentResult> {
  const { Attributes } = await dynamodb.send(
    new UpdateItemCommand({
      TableName: process.env.TABLE_NAME,
      Key: { orderId: { S: request.orderId } },
      UpdateExpression: 'ADD paymentAttempts :one',
      ExpressionAttributeValues: { ':one': { N: '1' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const { result, hang } = chargeOutcome(request, Number(Attributes?.paymentAttempts?.N ?? '1'));
  if (hang) await new Promise((resolve) => setTimeout(resolve, HANG_MILLISECONDS));
  return result;
}
