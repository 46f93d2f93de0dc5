import type { Context } from 'aws-lambda';
import { type GreeterEvent, respond } from './respond';

/**
 * Answers API Gateway (Lambda proxy integration) with the version of the function that ran, so that
 * a client can count which published version an alias sent it to. With HOLD_MS set it first waits
 * that long (the reserved-concurrency function, to keep its one slot busy).
 */
export async function handler(event: GreeterEvent | undefined, context: Context) {
  const hold = Number(process.env.HOLD_MS ?? 0);
  if (hold > 0) await new Promise((resolve) => setTimeout(resolve, hold));
  return respond(event ?? {}, context.functionVersion, context.invokedFunctionArn, process.env.GREETING);
}
