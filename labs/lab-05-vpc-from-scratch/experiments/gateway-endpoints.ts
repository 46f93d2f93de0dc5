import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { routeTables, TIERS } from './network-helpers';

const MINISTACK_NO_PREFIX_LIST_ROUTE =
  'MiniStack 1.5.33 records a gateway endpoint with its route table ids but adds no prefix-list route to those ' +
  'tables; the attachment is checked by "Attach the S3 and DynamoDB gateway endpoints to the private and isolated tiers".';

export const gatewayEndpointsOnRouteTables: Experiment<Output> = {
  name: 'Attach the S3 and DynamoDB gateway endpoints to the private and isolated tiers',
  fact: 'A gateway endpoint (S3 and DynamoDB only) is attached to route tables, not subnets: every private and isolated route table, and not the public one.',
  proof: 'configuration',
  async run(context) {
    const ec2 = clientOf(EC2Client, context);
    const wanted = new Set<string>();
    for (const tier of ['private', 'isolated'] as const)
      for (const table of (await routeTables(context, tier)).values()) wanted.add(table.RouteTableId ?? '');
    const publicTables = [...(await routeTables(context, 'public')).values()].map((t) => t.RouteTableId);
    const ids = [outputOf(context, 'S3EndpointId'), outputOf(context, 'DynamoDbEndpointId')];
    const { VpcEndpoints } = await ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ids }));
    const seen: string[] = [];
    let ok = (VpcEndpoints ?? []).length === 2 && wanted.size === 4;
    for (const endpoint of VpcEndpoints ?? []) {
      const service = endpoint.ServiceName?.split('.').pop();
      const tables = new Set(endpoint.RouteTableIds ?? []);
      const missing = [...wanted].filter((t) => !tables.has(t));
      const extra = publicTables.filter((t) => t && tables.has(t));
      ok &&= endpoint.VpcEndpointType === 'Gateway' && missing.length === 0 && extra.length === 0;
      seen.push(
        `${service} (${endpoint.VpcEndpointType}): ${tables.size} route tables` +
          `${missing.length ? `, missing ${missing.join(' ')}` : ''}${extra.length ? `, public ${extra.join(' ')}` : ''}`,
      );
    }
    return expectThat(
      ok,
      seen.join('; ') || 'no endpoint found',
      's3 and dynamodb Gateway endpoints, each on the 4 private and isolated route tables and no public one',
      'endpoint-route-tables',
    );
  },
};

export const gatewayEndpointPrefixListRoutes: Experiment<Output> = {
  name: 'See each gateway endpoint as a prefix-list route',
  fact: "A gateway endpoint works by routing: each attached route table gets a route from the service's prefix list (pl-...) to the endpoint (vpce-...).",
  proof: 'configuration',
  skipOn: { ministack: MINISTACK_NO_PREFIX_LIST_ROUTE },
  mustFailWhen: {
    swapOutputs: ['PublicSubnetIds', 'PrivateSubnetIds'],
    why: 'read as public, the private route tables carry the two prefix-list routes the public ones must not',
    failsBecause: 'prefix-routes',
  },
  async run(context) {
    const endpoints = [outputOf(context, 'S3EndpointId'), outputOf(context, 'DynamoDbEndpointId')];
    const seen: string[] = [];
    let ok = true;
    for (const tier of TIERS) {
      for (const table of (await routeTables(context, tier)).values()) {
        const viaEndpoints = (table.Routes ?? []).filter(
          (r) => r.DestinationPrefixListId && endpoints.includes(r.GatewayId ?? ''),
        );
        ok &&= viaEndpoints.length === (tier === 'public' ? 0 : 2);
        seen.push(
          `${tier} ${table.RouteTableId}: ${viaEndpoints.map((r) => `${r.DestinationPrefixListId} -> ${r.GatewayId}`).join(', ') || 'no prefix-list route'}`,
        );
      }
    }
    return expectThat(
      ok,
      seen.join('; '),
      'two prefix-list routes to the endpoints in each private and isolated table, none in public',
      'prefix-routes',
    );
  },
};
