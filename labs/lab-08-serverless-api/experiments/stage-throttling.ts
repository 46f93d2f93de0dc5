/** Method throttling on a stage applies whatever the usage plan allows the key. */

import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { mapWithConcurrency } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { get, keyValue, requests, stageUrl, tally } from './api-helpers';

export const betaStageThrottlesMethod: Experiment<Output> = {
  name: 'Throttle GET /hello on the beta stage',
  fact: 'Method throttling on a stage (beta: GET /hello at 2 requests per second, burst 2) answers 429 to a burst, whatever the usage plan allows the key.',
  proof: 'behaviour',
  mustFailWhen: {
    replaceOutput: ['BetaUrl', 'ProdUrl'],
    why: 'prod has no method throttling and the standard plan allows 500 requests per second: the burst is not throttled',
    failsBecause: 'not-throttled',
  },
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const statuses = (
      await mapWithConcurrency(requests(12), 12, () =>
        get(stageUrl(context, outputOf(context, 'BetaUrl'), '/hello'), key),
      )
    ).map((a) => a.status);
    const throttled = statuses.filter((s) => s === 429).length;
    return expectThat(
      throttled >= 1 && statuses.includes(200),
      `12 concurrent GET /beta/hello with the standard key: ${tally(statuses)}`,
      'some 200 and some 429',
      throttled === 0 ? 'not-throttled' : 'none-admitted',
    );
  },
};
