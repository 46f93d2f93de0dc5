import { type LambdaClient, PutFunctionConcurrencyCommand } from '@aws-sdk/client-lambda';

/** The properties of a Custom::LabkitFunctionReservedConcurrency (strings, as CloudFormation passes them). */
export interface FunctionReservedConcurrencyProperties {
  readonly FunctionName: string;
  readonly ReservedConcurrentExecutions: string;
}

/** Puts the function's reserved concurrency, as the template declares it. */
export async function putReservedConcurrency(
  lambda: Pick<LambdaClient, 'send'>,
  props: FunctionReservedConcurrencyProperties,
): Promise<void> {
  await lambda.send(
    new PutFunctionConcurrencyCommand({
      FunctionName: props.FunctionName,
      ReservedConcurrentExecutions: Number(props.ReservedConcurrentExecutions),
    }),
  );
}
