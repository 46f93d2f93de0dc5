/** Reserved concurrency is a maximum as well as a guarantee. */

import { GetFunctionConcurrencyCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { mapWithConcurrency } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { requests, tally } from './api-helpers';

export const reservedConcurrencyCaps: Experiment<Output> = {
  name: 'Throttle a function past its reserved concurrency',
  fact: 'Reserved concurrency is also a maximum: with 1 reserved, a second call while the first runs is refused (TooManyRequestsException, HTTP 429), not queued.',
  proof: 'behaviour',
  measures: ['throttledInvocations'],
  mustFailWhen: {
    replaceOutput: ['LimitedFunctionName', 'GreeterFunctionName'],
    why: 'the greeter reserves no concurrency, so five calls at once all run',
    failsBecause: 'not-throttled',
  },
  async run(context) {
    const functionName = outputOf(context, 'LimitedFunctionName');
    // One attempt: the SDK would otherwise retry a throttled call and hide it.
    const lambda = clientOf(LambdaClient, context, { maxAttempts: 1 });
    const reserved = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: functionName })))
      .ReservedConcurrentExecutions;
    // Each call holds the one execution environment for 2 s: 5 calls at once cannot all run.
    const outcomes = await mapWithConcurrency(requests(5), 5, async () => {
      try {
        await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('{}') }));
        return 'ran';
      } catch (error) {
        return (error as Error).name;
      }
    });
    const throttled = outcomes.filter((o) => o === 'TooManyRequestsException').length;
    return withMeasurements(
      expectThat(
        reserved === 1 && throttled >= 1 && outcomes.includes('ran'),
        `reserved concurrency ${reserved ?? 'none'}; 5 concurrent invocations: ${tally(outcomes)}`,
        'reserved concurrency 1; at least one ran and at least one TooManyRequestsException',
        throttled === 0 ? 'not-throttled' : !outcomes.includes('ran') ? 'none-ran' : 'reserved-setting',
      ),
      { throttledInvocations: throttled },
    );
  },
};
