import type { ProbeResult, ProbeTarget } from '../../../lambda/lab-05/probe/attempt';
import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { describe, NO_SUBNETS_ON_EMULATORS, probe, region } from './network-helpers';

export const dataTierAclDropsHttp: Experiment<Output> = {
  name: "Drop plain HTTP at the data tier's network ACL",
  fact: "The isolated tier's ACL rule 90 (deny outbound TCP 80) wins over rule 100 (allow all TCP): plain HTTP to S3 gets no answer from there, while HTTPS does, and the private tier (default ACL) gets both.",
  proof: 'behaviour',
  skipOn: { ministack: NO_SUBNETS_ON_EMULATORS, localstack: NO_SUBNETS_ON_EMULATORS },
  mustFailWhen: {
    swapOutputs: ['PrivateProbeName', 'IsolatedProbeName'],
    why: 'the private tier has the default ACL: its plain HTTP gets an answer where the data tier must get none',
    failsBecause: 'isolated-http-answered',
  },
  measures: ['isolatedPlainHttp'],
  async run(context) {
    const where = await region(context);
    const targets: ProbeTarget[] = [
      { name: 'http', url: `http://s3.${where}.amazonaws.com/`, timeoutMs: 5_000 },
      { name: 'https', url: `https://s3.${where}.amazonaws.com/`, timeoutMs: 5_000 },
    ];
    const isolated = await probe(context, 'isolated', targets);
    const privateTier = await probe(context, 'private', targets);
    const get = (results: ProbeResult[], name: string) => results.find((r) => r.name === name)?.reached;
    const ok =
      get(isolated, 'http') === false &&
      get(isolated, 'https') === true &&
      get(privateTier, 'http') === true &&
      get(privateTier, 'https') === true;
    return withMeasurements(
      expectThat(
        ok,
        `isolated: ${isolated.map(describe).join(', ')}; private: ${privateTier.map(describe).join(', ')}`,
        'isolated: http not reached, https reached; private: both reached',
        get(isolated, 'http') !== false
          ? 'isolated-http-answered'
          : get(isolated, 'https') !== true
            ? 'isolated-https-lost'
            : 'private-not-reached',
      ),
      { isolatedPlainHttp: get(isolated, 'http') ? 'answered' : 'no answer' },
    );
  },
};
