import type { ProbeTarget } from '../../../lambda/lab-05/probe/attempt';
import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import {
  describe,
  NO_SUBNETS_ON_EMULATORS,
  natGatewayInVpc,
  probe,
  region,
  TIERS,
  type Tier,
} from './network-helpers';

export const reachFromEachTier: Experiment<Output> = {
  name: 'Reach out from each tier',
  fact: 'Only a route decides where a tier can go: a function in a public subnet gets no public IP (no internet), the private tier reaches the internet only through a NAT gateway, and the private and isolated tiers reach S3 and DynamoDB through the gateway endpoints with no internet route.',
  proof: 'behaviour',
  skipOn: { ministack: NO_SUBNETS_ON_EMULATORS, localstack: NO_SUBNETS_ON_EMULATORS },
  mustFailWhen: {
    swapOutputs: ['PublicProbeName', 'IsolatedProbeName'],
    why: 'the isolated probe reaches S3 through the gateway endpoint, which the public tier has no route to',
    failsBecause: 'public.s3',
  },
  measures: ['isolatedReachesS3', 'publicReachesInternet'],
  async run(context) {
    const where = await region(context);
    const targets: ProbeTarget[] = [
      { name: 'internet', url: 'https://checkip.amazonaws.com/', timeoutMs: 5_000 },
      { name: 's3', url: `https://s3.${where}.amazonaws.com/`, timeoutMs: 5_000 },
      { name: 'dynamodb', url: `https://dynamodb.${where}.amazonaws.com/`, timeoutMs: 5_000 },
    ];
    const nat = await natGatewayInVpc(context);
    const expected: Record<Tier, Record<string, boolean>> = {
      public: { internet: false, s3: false, dynamodb: false },
      private: { internet: nat, s3: true, dynamodb: true },
      isolated: { internet: false, s3: true, dynamodb: true },
    };
    const seen: string[] = [];
    let ok = true;
    let because = '';
    const reached: Record<string, boolean> = {};
    for (const tier of TIERS) {
      const results = await probe(context, tier, targets);
      for (const r of results) {
        reached[`${tier}.${r.name}`] = r.reached;
        const right = r.reached === expected[tier][r.name];
        if (!right) because ||= `${tier}.${r.name}`;
        ok &&= right;
      }
      seen.push(`${tier}: ${results.map(describe).join(', ')}`);
    }
    const show = (tier: Tier) =>
      `${tier}: ${Object.entries(expected[tier])
        .map(([name, yes]) => `${name} ${yes ? 'reached' : 'not reached'}`)
        .join(', ')}`;
    return withMeasurements(expectThat(ok, seen.join('; '), TIERS.map(show).join('; '), because), {
      isolatedReachesS3: reached['isolated.s3'] ? 'yes' : 'no',
      publicReachesInternet: reached['public.internet'] ? 'yes' : 'no',
    });
  },
};
