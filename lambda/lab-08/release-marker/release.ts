import {
  GetFunctionConfigurationCommand,
  type LambdaClient,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';

/** How long to wait for the function to finish updating before giving up. */
const WAIT_MS = 60_000;

/**
 * Marks a new release of a function by changing its description, then waits until the update is
 * done. Lambda publishes a new version only when the code or the configuration changed since the
 * last one: without a change, a second AWS::Lambda::Version in the same template would be refused
 * ("A version for this Lambda function exists").
 */
export async function markRelease(
  lambda: Pick<LambdaClient, 'send'>,
  functionName: string,
  description: string,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  await lambda.send(
    new UpdateFunctionConfigurationCommand({ FunctionName: functionName, Description: description }),
  );
  const started = Date.now();
  for (;;) {
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    const status = config.LastUpdateStatus ?? 'Successful';
    if (status === 'Successful') return;
    if (status === 'Failed')
      throw new Error(
        `the update of ${functionName} failed: ${config.LastUpdateStatusReason ?? 'no reason'}`,
      );
    if (Date.now() - started > WAIT_MS)
      throw new Error(`${functionName} was still updating after ${WAIT_MS / 1000} s`);
    await sleep(1_000);
  }
}
