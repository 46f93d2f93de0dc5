import { PRICES, type PriceKey } from '../cost/prices';
import { TAG_KEYS } from '../safety/tags';
import {
  allReferencedIds,
  asList,
  count,
  DELETED_WITH_STACK,
  gone,
  partOf,
  referencedId,
  shortName,
} from './support';
import type { CfnResources, DiagramContext, DiagramEdge } from './types';
import { defineService } from './types';

/** The subnets a network ACL is associated with (its SubnetNetworkAclAssociation resources). */
const aclSubnets = (acl: string, resources: CfnResources) =>
  Object.values(resources)
    .filter((r) => r.Type === 'AWS::EC2::SubnetNetworkAclAssociation')
    .filter((r) => referencedId(r.Properties?.NetworkAclId) === acl)
    .map((r) => r.Properties?.SubnetId);

/** The drawn nodes (other than `except`) that run in one of these subnets. */
function nodesInSubnets(subnets: unknown[], { drawn, resources }: DiagramContext, except: string): string[] {
  const ids = new Set(subnets.map(referencedId).filter(Boolean));
  return [...drawn].filter(
    (id) =>
      id !== except &&
      resources[id]?.Type !== 'AWS::EC2::NetworkAcl' &&
      [...allReferencedIds(resources[id]?.Properties ?? {})].some((ref) => ids.has(ref)),
  );
}

/**
 * Dotted edges to `target` from the drawn nodes in the subnets whose route tables are `tables`
 * (a default route to the internet gateway, a gateway endpoint's prefix-list route).
 */
function routeEdges(
  tables: Set<string | undefined>,
  context: DiagramContext,
  target: string,
  label: string,
): DiagramEdge[] {
  const subnets = Object.values(context.resources)
    .filter((r) => r.Type === 'AWS::EC2::SubnetRouteTableAssociation')
    .filter((r) => tables.has(referencedId(r.Properties?.RouteTableId)))
    .map((r) => r.Properties?.SubnetId);
  return nodesInSubnets(subnets, context, target).map((from) => ({ from, to: target, label, dotted: true }));
}

/** A security group's drawn ends: the drawn nodes that use it, else the group itself when drawn. */
const groupEnds = (group: string | undefined, { securityGroupOwners, drawn }: DiagramContext) =>
  securityGroupOwners.get(group ?? '') ?? (group && drawn.has(group) ? [group] : []);

const NETWORK_FREE = 'networking configuration costs nothing by itself';
const IN_VPC_DRAWING = 'drawn as the VPC and its subnet tiers around the nodes';

/**
 * Amazon EC2 and VPC: the network (drawn as the VPC around the nodes), security groups (drawn as
 * edges), instances, NAT gateways, Elastic IPs, endpoints, and what sweep finds by tag: network
 * interfaces, Elastic IPs and snapshots.
 */
export const ec2 = defineService({
  prefix: 'AWS::EC2',
  types: {
    'AWS::EC2::VPC': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: 'drawn as the VPC subgraph around what runs in its subnets' },
      leftovers: {
        exists: async (id, config) => {
          const { DescribeVpcsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
          return !(await gone(() => new EC2Client(config).send(new DescribeVpcsCommand({ VpcIds: [id] }))));
        },
      },
    },
    'AWS::EC2::Subnet': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: 'drawn as the subnet tiers (by CDK subnet name) in the VPC' },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::RouteTable': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: IN_VPC_DRAWING },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::SubnetRouteTableAssociation': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: IN_VPC_DRAWING },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::Route': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: IN_VPC_DRAWING },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::NetworkAcl': {
      price: { free: NETWORK_FREE },
      diagram: {
        // Drawn with an edge to what runs in the subnets it is associated with.
        node: {
          label: 'network ACL',
          group: 'Network',
        },
        edges: (id, _props, context) => {
          const entries = Object.values(context.resources).filter(
            (r) => r.Type === 'AWS::EC2::NetworkAclEntry' && referencedId(r.Properties?.NetworkAclId) === id,
          );
          const denies = entries
            .filter((r) => r.Properties?.RuleAction === 'deny')
            .map((r) => `#${r.Properties?.RuleNumber} deny ${r.Properties?.Egress ? 'out' : 'in'}`);
          const label = `NACL: ${entries.length} rules${denies.length ? `, ${denies.join(', ')}` : ''}`;
          return nodesInSubnets(aclSubnets(id, context.resources), context, id).map((to) => ({
            from: id,
            to,
            label,
            dotted: true,
          }));
        },
      },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::NetworkAclEntry': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: IN_VPC_DRAWING },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::SubnetNetworkAclAssociation': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: IN_VPC_DRAWING },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::FlowLog': {
      price: {
        usage: 'VPC flow logs: billed as CloudWatch Logs vended logs, $0.50 per GB ingested (less at volume)',
      },
      diagram: { node: { label: 'VPC flow log', group: 'Network' } },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::EC2::InternetGateway': {
      price: { free: NETWORK_FREE },
      diagram: {
        // Drawn with an edge from each node whose subnet's route table sends 0.0.0.0/0 to it.
        node: { label: 'internet gateway', group: 'Network' },
        edges: (id, _props, context) => {
          const resources = Object.values(context.resources);
          const tables = new Set(
            resources
              .filter((r) => r.Type === 'AWS::EC2::Route' && referencedId(r.Properties?.GatewayId) === id)
              .map((r) => referencedId(r.Properties?.RouteTableId)),
          );
          return routeEdges(tables, context, id, 'default route');
        },
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::EC2::VPCGatewayAttachment': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: IN_VPC_DRAWING },
      leftovers: { cannotOutlive: partOf('VPC') },
    },
    'AWS::EC2::SecurityGroup': {
      price: { free: NETWORK_FREE },
      diagram: {
        // A group that drawn nodes use is drawn as the SG edges between them; a group nothing drawn
        // uses (a lab about security groups themselves) is a node, with its rules as edges.
        node: {
          label: 'security group',
          group: 'Network',
          drawnWhen: (id, _props, { securityGroupOwners }) => !securityGroupOwners.has(id),
          internet: (_id, props) => {
            const open = asList(props.SecurityGroupIngress).find(
              (rule) => (rule as { CidrIp?: unknown }).CidrIp === '0.0.0.0/0',
            ) as { IpProtocol?: unknown; FromPort?: unknown } | undefined;
            return open ? `SG: ${open.IpProtocol} ${open.FromPort}` : undefined;
          },
        },
      },
      leftovers: {
        exists: async (id, config) => {
          const { DescribeSecurityGroupsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
          return !(await gone(() =>
            new EC2Client(config).send(new DescribeSecurityGroupsCommand({ GroupIds: [id] })),
          ));
        },
        findByNameOrTag: async (stackName, config, namedForLab) => {
          const { DescribeSecurityGroupsCommand, EC2Client } = await import('@aws-sdk/client-ec2');
          const groups = await new EC2Client(config).send(new DescribeSecurityGroupsCommand({}));
          return (groups.SecurityGroups ?? [])
            .filter(
              (g) =>
                g.Tags?.some((t) => t.Key === TAG_KEYS.lab && t.Value === stackName) ||
                namedForLab(g.GroupName),
            )
            .map((g) => g.GroupId ?? '');
        },
      },
    },
    'AWS::EC2::SecurityGroupIngress': {
      price: { free: NETWORK_FREE },
      diagram: {
        hidden: 'drawn as a dotted SG edge between the nodes that use the two groups',
        edges: (_id, props, context) => {
          const source = referencedId(props.SourceSecurityGroupId);
          const target = referencedId(props.GroupId);
          const edges = [];
          for (const from of groupEnds(source, context)) {
            for (const to of groupEnds(target, context)) {
              edges.push({ from, to, label: `SG: ${props.IpProtocol} ${props.FromPort}`, dotted: true });
            }
          }
          return edges;
        },
      },
      leftovers: { cannotOutlive: partOf('security group') },
    },
    'AWS::EC2::SecurityGroupEgress': {
      price: { free: NETWORK_FREE },
      diagram: { hidden: 'an egress rule names the same pair as its ingress rule, the other way round' },
      leftovers: { cannotOutlive: partOf('security group') },
    },
    'AWS::EC2::LaunchTemplate': {
      price: { free: 'its instances are priced with their Auto Scaling group' },
      diagram: { hidden: 'its instances are drawn as their Auto Scaling group' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::EC2::VPCEndpoint': {
      diagram: {
        // An interface endpoint sits in its subnets; a gateway endpoint is a route in the route tables
        // of subnets, drawn with an edge from each node that runs there.
        node: {
          label: 'VPC endpoint',
          group: 'Network',
          subnets: (props) => (props.VpcEndpointType === 'Interface' ? props.SubnetIds : undefined),
        },
        edges: (id, props, context) => {
          if (props.VpcEndpointType === 'Interface') return [];
          const tables = new Set(asList(props.RouteTableIds).map(referencedId));
          return routeEdges(tables, context, id, 'gateway endpoint route');
        },
      },
      leftovers: { cannotOutlive: partOf('VPC') },
      price: {
        // Gateway endpoints are free; interface endpoints bill per AZ and hour.
        free: 'gateway endpoints are free',
        hourly: ({ id, props, add }) => {
          if (props.VpcEndpointType === 'Interface') {
            add(
              `interface endpoint ${shortName(id)} (per AZ)`,
              count(props.SubnetIds),
              'interface-endpoint:az-hour',
            );
          }
        },
      },
    },
    'AWS::EC2::Instance': {
      price: {
        hourly: ({ id, props, add, notPriced }) => {
          const key = `ec2:${props.InstanceType}` as PriceKey;
          if (key in PRICES) add(`${props.InstanceType} instance ${shortName(id)}`, 1, key);
          else notPriced(`EC2 instance type ${String(props.InstanceType)}`);
        },
      },
    },
    'AWS::EC2::NatGateway': {
      price: {
        usage: 'NAT gateway data processing: $0.045 per GB',
        hourly: ({ id, add }) => add(`NAT gateway ${shortName(id)}`, 1, 'nat:hour'),
      },
      leftovers: { cannotOutlive: partOf('VPC') },
      diagram: { hidden: "counted in the VPC's title", inVpcTitle: true },
    },
    'AWS::EC2::EIP': {
      diagram: { hidden: "the NAT gateway's public address, counted with it in the VPC's title" },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
      price: {
        // Attached to a NAT gateway or not, an Elastic IP is a public IPv4 address billed per hour.
        hourly: ({ id, add }) => add(`Elastic IP ${shortName(id)} (public IPv4)`, 1, 'public-ipv4:hour'),
      },
      sweep: {
        delete: async ({ id }, { ec2 }) => {
          const { ReleaseAddressCommand } = await import('@aws-sdk/client-ec2');
          await ec2.send(new ReleaseAddressCommand({ AllocationId: id }));
          return undefined;
        },
      },
    },
    'AWS::EC2::NetworkInterface': {
      sweep: {
        delete: async ({ id }, { ec2 }) => {
          const { DeleteNetworkInterfaceCommand } = await import('@aws-sdk/client-ec2');
          await ec2.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: id }));
          return undefined;
        },
      },
    },
    'AWS::EC2::Snapshot': {
      sweep: {
        delete: async ({ id }, { ec2 }) => {
          const { DeleteSnapshotCommand } = await import('@aws-sdk/client-ec2');
          await ec2.send(new DeleteSnapshotCommand({ SnapshotId: id }));
          return undefined;
        },
      },
    },
  },
});
