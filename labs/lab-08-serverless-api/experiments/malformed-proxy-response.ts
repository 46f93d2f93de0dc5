/** A Lambda proxy integration needs statusCode and a string body: anything else is a 502. */

import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { get, keyValue, stageUrl } from './api-helpers';

export const malformedProxyResponse502: Experiment<Output> = {
  name: 'Answer a malformed proxy response with 502',
  fact: 'With a Lambda proxy integration the function must return statusCode and a string body; a body that is an object makes API Gateway answer 502 (the function itself succeeded).',
  proof: 'behaviour',
  measures: ['malformedStatus'],
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const good = await get(stageUrl(context, outputOf(context, 'ProdUrl'), '/hello'), key);
    const bad = await get(stageUrl(context, outputOf(context, 'ProdUrl'), '/malformed'), key);
    return withMeasurements(
      expectThat(
        good.status === 200 && bad.status === 502,
        `GET /prod/hello: HTTP ${good.status}; GET /prod/malformed (body returned as an object): HTTP ${bad.status} ${bad.body.slice(0, 80)}`,
        '200 for /hello, 502 for /malformed',
        bad.status !== 502 ? 'not-502' : 'hello-not-200',
      ),
      { malformedStatus: bad.status },
    );
  },
};
