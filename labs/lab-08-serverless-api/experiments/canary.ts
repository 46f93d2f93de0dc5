/** The canary: the live alias sends a weighted share of the prod stage's requests to release 2. */

import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { mapWithConcurrency } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { get, keyValue, requests, stageUrl, tally, versionOf } from './api-helpers';

// The lab's documented settings (stack.ts), stated here on purpose: the experiments check the
// deployed lab against the guide, not against whatever the template says.
const CANARY_WEIGHT = 0.1;
const CANARY_REQUESTS = 1_000;
/** Standard deviations of the binomial count allowed either side of the expected canary count. */
const CANARY_SIGMAS = 5;
const POOL = 16;

/**
 * The bound on how many of `n` requests land on the canary version when each does so with
 * probability `p` independently: n p +/- k sqrt(n p (1 - p)), rounded outwards.
 * For 1,000 requests at 0.1 and 5 sigma: 100 +/- 47.4, so 52 to 148 (a correct lab falls outside
 * with a probability below one in a million).
 */
export function canaryBound(n: number, p: number, k: number): { low: number; high: number; sigma: number } {
  const sigma = Math.sqrt(n * p * (1 - p));
  return { low: Math.floor(n * p - k * sigma), high: Math.ceil(n * p + k * sigma), sigma };
}

export const canarySplitsLiveAlias: Experiment<Output> = {
  name: 'Split the live alias between two versions',
  fact: `The live alias sends a weighted share (${CANARY_WEIGHT}) of its invocations to the new version: of ${CANARY_REQUESTS} requests to the prod stage, the count on release 2 stays within ${CANARY_SIGMAS} binomial standard deviations of ${CANARY_REQUESTS * CANARY_WEIGHT}.`,
  proof: 'behaviour',
  measures: ['canaryCount'],
  mustFailWhen: {
    swapOutputs: ['Release1Version', 'Release2Version'],
    why: 'counted as the canary, release 1 takes about 90 % of the requests, far outside the bound for a 10 % share',
    failsBecause: 'canary-share',
  },
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const url = stageUrl(context, outputOf(context, 'ProdUrl'), '/hello');
    const [release1, release2] = [outputOf(context, 'Release1Version'), outputOf(context, 'Release2Version')];
    let done = 0;
    const answers = await mapWithConcurrency(requests(CANARY_REQUESTS), POOL, async () => {
      const answer = await get(url, key);
      if (++done % 100 === 0) context.progress(`${done}/${CANARY_REQUESTS} requests`);
      return answer;
    });
    const versions = answers.map(versionOf);
    const onNew = versions.filter((v) => v === release2).length;
    const onOld = versions.filter((v) => v === release1).length;
    const bound = canaryBound(CANARY_REQUESTS, CANARY_WEIGHT, CANARY_SIGMAS);
    return withMeasurements(
      expectThat(
        onNew + onOld === CANARY_REQUESTS && onNew >= bound.low && onNew <= bound.high,
        `${CANARY_REQUESTS} GET /prod/hello: release ${release2} ${onNew}, release ${release1} ${onOld}` +
          (onNew + onOld < CANARY_REQUESTS
            ? `; other answers: ${tally(answers.filter((_, i) => versions[i] === undefined).map((a) => a.status))}`
            : ''),
        `every answer from release ${release1} or ${release2}; ${bound.low}-${bound.high} on release ${release2} (${CANARY_REQUESTS} x ${CANARY_WEIGHT} +/- ${CANARY_SIGMAS} x ${bound.sigma.toFixed(1)})`,
        onNew + onOld < CANARY_REQUESTS ? 'other-answers' : 'canary-share',
      ),
      { canaryCount: onNew },
    );
  },
};
