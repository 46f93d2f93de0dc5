/** Invoking a lab's function directly and reading its answer, as experiments do to drive a handler. */

import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

/** What a synchronous invocation answered. */
export interface Invocation {
  /** The kind of error (`Unhandled`, ...) when the function threw; its answer is then the error. */
  readonly functionError?: string;
  /** The function's answer as text (empty when it answered nothing). */
  readonly text: string;
  /** The version that ran (the one an alias or qualifier resolved to). */
  readonly executedVersion?: string;
}

/** Invokes a function synchronously with `event` as JSON; a function error is returned, not thrown. */
export async function invokeFunction(
  lambda: LambdaClient,
  functionName: string,
  event: unknown,
  qualifier?: string,
): Promise<Invocation> {
  const answer = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Qualifier: qualifier,
      Payload: new TextEncoder().encode(JSON.stringify(event)),
    }),
  );
  return {
    functionError: answer.FunctionError,
    text: answer.Payload ? new TextDecoder().decode(answer.Payload) : '',
    executedVersion: answer.ExecutedVersion,
  };
}

/** The answer parsed as JSON, or `fallback` when it is empty or not JSON (the caller reports what is missing). */
export function answerOf<T>(invocation: Invocation, fallback: T): T {
  try {
    return invocation.text ? (JSON.parse(invocation.text) as T) : fallback;
  } catch {
    return fallback;
  }
}

/**
 * Invokes a function that must answer, and returns its answer parsed as JSON.
 * @throws `<label> failed: <error kind>: <the first 300 characters of its error>` when it threw
 */
export async function invokeForAnswer<T>(
  lambda: LambdaClient,
  functionName: string,
  event: unknown,
  label: string = functionName,
): Promise<T> {
  const invocation = await invokeFunction(lambda, functionName, event);
  if (invocation.functionError)
    throw new Error(`${label} failed: ${invocation.functionError}: ${invocation.text.slice(0, 300)}`);
  return JSON.parse(invocation.text) as T;
}
