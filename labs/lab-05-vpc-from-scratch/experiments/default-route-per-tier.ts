import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { defaultRoute, natGatewayInVpc, routeTables, subnetsOf, TIERS, type Tier } from './network-helpers';

export const defaultRoutePerTier: Experiment<Output> = {
  name: 'Route only the public tier to the internet gateway',
  fact: "A subnet is public because its route table sends 0.0.0.0/0 to an internet gateway; the private tier's default route goes to a NAT gateway only when one exists, the isolated tier has none.",
  proof: 'configuration',
  mustFailWhen: {
    swapOutputs: ['PublicSubnetIds', 'IsolatedSubnetIds'],
    why: 'the isolated subnets have no route to the internet gateway',
    failsBecause: 'public-default-route',
  },
  measures: ['isolatedDefaultRoute'],
  async run(context) {
    const expected: Record<Tier, string> = {
      public: 'igw',
      private: (await natGatewayInVpc(context)) ? 'nat' : 'none',
      isolated: 'none',
    };
    const seen: string[] = [];
    let ok = true;
    let because = '';
    let isolatedDefaultRoute = 'none';
    for (const tier of TIERS) {
      const tables = await routeTables(context, tier);
      for (const subnet of subnetsOf(context, tier)) {
        const route = defaultRoute(tables.get(subnet));
        if (tier === 'isolated' && route !== 'none') isolatedDefaultRoute = route;
        const right = tables.has(subnet) && route === expected[tier];
        if (!right) because ||= `${tier}-default-route`;
        ok &&= right;
        seen.push(`${tier} ${subnet}: 0.0.0.0/0 -> ${tables.has(subnet) ? route : 'no route table'}`);
      }
    }
    return withMeasurements(
      expectThat(
        ok,
        seen.join('; '),
        `public -> internet gateway, private -> ${expected.private === 'nat' ? 'NAT gateway' : 'none'}, isolated -> none`,
        because,
      ),
      { isolatedDefaultRoute },
    );
  },
};
