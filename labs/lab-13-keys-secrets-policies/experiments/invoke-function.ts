/** Invoking the lab's functions, as several experiments do. */

import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ExperimentContext } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

/** Invokes a lab function synchronously; returns its parsed answer, or throws with its error. */
export async function invoke<T>(
  context: ExperimentContext<Output>,
  functionName: string,
  payload: unknown,
): Promise<T> {
  const answer = await new LambdaClient({ ...context.clientConfig }).send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
  const text = Buffer.from(answer.Payload ?? new Uint8Array()).toString();
  if (answer.FunctionError) throw new Error(`${answer.FunctionError}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}
