/**
 * What several of lab-05's experiments share: the lab's documented design, its tiers and their
 * outputs, reading route tables back, invoking a tier's probe, and describing ACL entries.
 */

import {
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  EC2Client,
  type NetworkAclEntry,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { ProbeResult, ProbeTarget } from '../../../lambda/lab-05/probe/attempt';
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { invokeForAnswer } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';

// The lab's documented design (stack.ts), stated here on purpose: the experiments check the deployed
// network against the guide, not against whatever the template says.
export const EXPECTED_MASKS = { public: 28, private: 26, isolated: 27 } as const;
export const RESERVED_PER_SUBNET = 5;
export const PORTS = { web: 443, app: 8080, db: 5432 } as const;

export type Tier = 'public' | 'private' | 'isolated';
export const TIERS: readonly Tier[] = ['public', 'private', 'isolated'];
// Output names written out in full, so that the kit's output checks can read them.
const subnetOutput = (context: ExperimentContext<Output>, tier: Tier) =>
  tier === 'public'
    ? outputOf(context, 'PublicSubnetIds')
    : tier === 'private'
      ? outputOf(context, 'PrivateSubnetIds')
      : outputOf(context, 'IsolatedSubnetIds');
const probeName = (context: ExperimentContext<Output>, tier: Tier) =>
  tier === 'public'
    ? outputOf(context, 'PublicProbeName')
    : tier === 'private'
      ? outputOf(context, 'PrivateProbeName')
      : outputOf(context, 'IsolatedProbeName');

export const NO_SUBNETS_ON_EMULATORS =
  'Emulators run functions as host processes, not in a subnet (MiniStack 1.5.33 drops VpcConfig), and model no ' +
  'packet path: nothing there can show which connections a tier can make. Run it on AWS.';

export const subnetsOf = (context: ExperimentContext<Output>, tier: Tier) =>
  subnetOutput(context, tier)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
/**
 * Whether the VPC has a NAT gateway, as EC2 reports it (not as the stack says it deployed one): the
 * private tier's expected default route follows from what is there.
 */
export async function natGatewayInVpc(context: ExperimentContext<Output>): Promise<boolean> {
  const { NatGateways } = await clientOf(EC2Client, context).send(
    new DescribeNatGatewaysCommand({
      Filter: [
        { Name: 'vpc-id', Values: [outputOf(context, 'VpcId')] },
        { Name: 'state', Values: ['pending', 'available'] },
      ],
    }),
  );
  return (NatGateways ?? []).length > 0;
}

/** The route table associated with each subnet of a tier (subnet id -> table). */
export async function routeTables(
  context: ExperimentContext<Output>,
  tier: Tier,
): Promise<Map<string, RouteTable>> {
  const ec2 = clientOf(EC2Client, context);
  const tables = new Map<string, RouteTable>();
  for (const subnet of subnetsOf(context, tier)) {
    const { RouteTables } = await ec2.send(
      new DescribeRouteTablesCommand({ Filters: [{ Name: 'association.subnet-id', Values: [subnet] }] }),
    );
    const table = RouteTables?.[0];
    if (table) tables.set(subnet, table);
  }
  return tables;
}

/** Where a table sends 0.0.0.0/0: `igw`, `nat`, another target, or `none`. */
export function defaultRoute(table: RouteTable | undefined): string {
  const route = table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  if (!route) return 'none';
  if (route.GatewayId?.startsWith('igw-')) return 'igw';
  if (route.NatGatewayId) return 'nat';
  return route.GatewayId ?? route.NetworkInterfaceId ?? 'other';
}

/** Invokes a tier's probe with the targets and returns what it saw (or throws with the reason). */
export async function probe(
  context: ExperimentContext<Output>,
  tier: Tier,
  targets: ProbeTarget[],
): Promise<ProbeResult[]> {
  const answer = await invokeForAnswer<{ results: ProbeResult[] }>(
    clientOf(LambdaClient, context),
    probeName(context, tier),
    { targets },
    `the ${tier} probe`,
  );
  return answer.results;
}

export const region = async (context: ExperimentContext<Output>) => {
  const configured = context.clientConfig.region;
  if (typeof configured === 'string') return configured;
  return (await clientOf(EC2Client, context).config.region()) as string;
};

export const describe = (r: ProbeResult) =>
  `${r.name} ${r.reached ? `reached (HTTP ${r.status})` : `not reached (${r.error})`}`;

export const entryLine = (e: NetworkAclEntry) =>
  `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol === '-1' ? 'all' : e.Protocol === '6' ? 'tcp' : e.Protocol}` +
  `${e.PortRange ? ` ${e.PortRange.From}-${e.PortRange.To}` : ''} ${e.CidrBlock}`;
