/**
 * lab-05 experiments. The configuration ones read the deployed network back through the EC2 API
 * (route tables, endpoints, ACLs, security groups, flow logs). The behaviour ones run on AWS only:
 * they invoke the probe function of each tier, which tries HTTP(S) connections from its subnet and
 * reports which ones got any answer. Emulators run functions on the host, not in a subnet.
 */

import {
  DescribeFlowLogsCommand,
  DescribeNetworkAclsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointsCommand,
  EC2Client,
  type IpPermission,
  type NetworkAclEntry,
  type RouteTable,
} from '@aws-sdk/client-ec2';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { ProbeResult, ProbeTarget } from '../../../lambda/lab-05/probe/attempt';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  skipped,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

// The lab's documented design (stack.ts), stated here on purpose: the experiments check the deployed
// network against the guide, not against whatever the template says.
const EXPECTED_MASKS = { public: 28, private: 26, isolated: 27 } as const;
const RESERVED_PER_SUBNET = 5;
const PORTS = { web: 443, app: 8080, db: 5432 } as const;

type Tier = 'public' | 'private' | 'isolated';
const TIERS: readonly Tier[] = ['public', 'private', 'isolated'];
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

const NO_SUBNETS_ON_EMULATORS =
  'Emulators run functions as host processes, not in a subnet (MiniStack 1.5.33 drops VpcConfig), and model no ' +
  'packet path: nothing there can show which connections a tier can make. Run it on AWS.';
const MINISTACK_FIXED_COUNT =
  'MiniStack 1.5.33 reports AvailableIpAddressCount 251 for every subnet, whatever its size (services/ec2.py ' +
  'and the CloudFormation subnet provisioner write the constant), so the count says nothing there.';
const MINISTACK_NO_PREFIX_LIST_ROUTE =
  'MiniStack 1.5.33 records a gateway endpoint with its route table ids but adds no prefix-list route to those ' +
  'tables; the attachment is checked by "Attach the S3 and DynamoDB gateway endpoints to the private and isolated tiers".';
const MINISTACK_NO_ACL =
  'On MiniStack the step leave-out-network-acls-and-flow-logs leaves the network ACL out: its CloudFormation has no ' +
  'NetworkAcl types and its EC2 API keeps no port range of an entry.';
const MINISTACK_NO_FLOW_LOG =
  'On MiniStack the step leave-out-network-acls-and-flow-logs leaves the flow log out: its CloudFormation has no ' +
  'AWS::EC2::FlowLog and it writes no flow log record.';

const ec2Of = (context: ExperimentContext<Output>) => new EC2Client({ ...context.clientConfig });
const subnetsOf = (context: ExperimentContext<Output>, tier: Tier) =>
  subnetOutput(context, tier)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const natGatewayOptedIn = (context: ExperimentContext<Output>) => context.outputs.NatGateway === 'true';

/** The route table associated with each subnet of a tier (subnet id -> table). */
async function routeTables(context: ExperimentContext<Output>, tier: Tier): Promise<Map<string, RouteTable>> {
  const ec2 = ec2Of(context);
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
function defaultRoute(table: RouteTable | undefined): string {
  const route = table?.Routes?.find((r) => r.DestinationCidrBlock === '0.0.0.0/0');
  if (!route) return 'none';
  if (route.GatewayId?.startsWith('igw-')) return 'igw';
  if (route.NatGatewayId) return 'nat';
  return route.GatewayId ?? route.NetworkInterfaceId ?? 'other';
}

/** Invokes a tier's probe with the targets and returns what it saw (or throws with the reason). */
async function probe(
  context: ExperimentContext<Output>,
  tier: Tier,
  targets: ProbeTarget[],
): Promise<ProbeResult[]> {
  const lambda = new LambdaClient({ ...context.clientConfig });
  const answer = await lambda.send(
    new InvokeCommand({
      FunctionName: probeName(context, tier),
      Payload: new TextEncoder().encode(JSON.stringify({ targets })),
    }),
  );
  const text = new TextDecoder().decode(answer.Payload ?? new Uint8Array());
  if (answer.FunctionError) throw new Error(`the ${tier} probe failed: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { results: ProbeResult[] }).results;
}

const region = async (context: ExperimentContext<Output>) => {
  const configured = context.clientConfig.region;
  if (typeof configured === 'string') return configured;
  return (await ec2Of(context).config.region()) as string;
};

const describe = (r: ProbeResult) =>
  `${r.name} ${r.reached ? `reached (HTTP ${r.status})` : `not reached (${r.error})`}`;

/** Rules of a security group, as `tcp:8080 from sg-...` lines. */
function ruleLines(permissions: IpPermission[] | undefined, direction: 'from' | 'to'): string[] {
  return (permissions ?? []).flatMap((p) => {
    const port = p.IpProtocol === '-1' ? 'all' : `${p.IpProtocol}:${p.FromPort}`;
    return [
      ...(p.UserIdGroupPairs ?? []).map((g) => `${port} ${direction} ${g.GroupId}`),
      ...(p.IpRanges ?? []).map((r) => `${port} ${direction} ${r.CidrIp}`),
    ];
  });
}

const entryLine = (e: NetworkAclEntry) =>
  `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction} ${e.Protocol === '-1' ? 'all' : e.Protocol === '6' ? 'tcp' : e.Protocol}` +
  `${e.PortRange ? ` ${e.PortRange.From}-${e.PortRange.To}` : ''} ${e.CidrBlock}`;

const countFiveReservedAddresses: Experiment<Output> = {
  name: 'Count five reserved addresses in every subnet',
  fact: 'AWS reserves five addresses in every subnet (network, router, DNS, future use, broadcast): a /28 offers 11, a /27 27, a /26 59.',
  proof: 'behaviour',
  skipOn: { ministack: MINISTACK_FIXED_COUNT },
  measures: ['usableInSlash28'],
  async run(context) {
    const ec2 = ec2Of(context);
    const lines: string[] = [];
    let ok = true;
    let usableInSlash28: number | undefined;
    for (const tier of TIERS) {
      const ids = subnetsOf(context, tier);
      const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ids }));
      for (const subnet of Subnets ?? []) {
        const mask = Number(subnet.CidrBlock?.split('/')[1]);
        // Addresses in use (the probes' and endpoints' interfaces) are not available either.
        const { NetworkInterfaces } = await ec2.send(
          new DescribeNetworkInterfacesCommand({
            Filters: [{ Name: 'subnet-id', Values: [subnet.SubnetId ?? ''] }],
          }),
        );
        const inUse = (NetworkInterfaces ?? []).reduce(
          (n, eni) => n + (eni.PrivateIpAddresses?.length ?? 1),
          0,
        );
        const size = 2 ** (32 - mask);
        const available = subnet.AvailableIpAddressCount ?? -1;
        const reserved = size - inUse - available;
        if (mask === 28) usableInSlash28 = available + inUse;
        ok &&= reserved === RESERVED_PER_SUBNET && mask === EXPECTED_MASKS[tier];
        lines.push(
          `${tier} ${subnet.CidrBlock}: ${size} addresses, ${available} available, ${inUse} in use -> ${reserved} reserved`,
        );
      }
    }
    return withMeasurements(
      expectThat(
        ok && lines.length === 6,
        lines.join('; '),
        `${RESERVED_PER_SUBNET} reserved in each of the six subnets`,
      ),
      { usableInSlash28: usableInSlash28 ?? -1 },
    );
  },
};

const routePublicTierInternet: Experiment<Output> = {
  name: 'Route only the public tier to the internet gateway',
  fact: "A subnet is public because its route table sends 0.0.0.0/0 to an internet gateway; the private tier's default route goes to a NAT gateway only when one exists, the isolated tier has none.",
  proof: 'configuration',
  mustFailWhen: {
    swapOutputs: ['PublicSubnetIds', 'IsolatedSubnetIds'],
    why: 'the isolated subnets have no route to the internet gateway',
  },
  measures: ['isolatedDefaultRoute'],
  async run(context) {
    const expected: Record<Tier, string> = {
      public: 'igw',
      private: natGatewayOptedIn(context) ? 'nat' : 'none',
      isolated: 'none',
    };
    const seen: string[] = [];
    let ok = true;
    let isolatedDefaultRoute = 'none';
    for (const tier of TIERS) {
      const tables = await routeTables(context, tier);
      for (const subnet of subnetsOf(context, tier)) {
        const route = defaultRoute(tables.get(subnet));
        if (tier === 'isolated' && route !== 'none') isolatedDefaultRoute = route;
        ok &&= tables.has(subnet) && route === expected[tier];
        seen.push(`${tier} ${subnet}: 0.0.0.0/0 -> ${tables.has(subnet) ? route : 'no route table'}`);
      }
    }
    return withMeasurements(
      expectThat(
        ok,
        seen.join('; '),
        `public -> internet gateway, private -> ${expected.private === 'nat' ? 'NAT gateway' : 'none'}, isolated -> none`,
      ),
      { isolatedDefaultRoute },
    );
  },
};

const attachS3DynamodbGateway: Experiment<Output> = {
  name: 'Attach the S3 and DynamoDB gateway endpoints to the private and isolated tiers',
  fact: 'A gateway endpoint (S3 and DynamoDB only) is attached to route tables, not subnets: every private and isolated route table, and not the public one.',
  proof: 'configuration',
  async run(context) {
    const ec2 = ec2Of(context);
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
    );
  },
};

const seeEachGatewayEndpoint: Experiment<Output> = {
  name: 'See each gateway endpoint as a prefix-list route',
  fact: "A gateway endpoint works by routing: each attached route table gets a route from the service's prefix list (pl-...) to the endpoint (vpce-...).",
  proof: 'configuration',
  skipOn: { ministack: MINISTACK_NO_PREFIX_LIST_ROUTE },
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
    );
  },
};

const findDefaultNetworkAcl: Experiment<Output> = {
  name: 'Find the default network ACL allowing everything',
  fact: "A VPC's default network ACL allows all inbound and outbound traffic (rule 100), before the final * deny; a custom one denies everything until rules are added.",
  proof: 'configuration',
  async run(context) {
    const { NetworkAcls } = await ec2Of(context).send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [outputOf(context, 'VpcId')] },
          { Name: 'default', Values: ['true'] },
        ],
      }),
    );
    const entries = NetworkAcls?.[0]?.Entries ?? [];
    const allowsAll = (egress: boolean) =>
      entries.some(
        (e) =>
          e.Egress === egress &&
          e.RuleNumber === 100 &&
          e.RuleAction === 'allow' &&
          e.Protocol === '-1' &&
          e.CidrBlock === '0.0.0.0/0',
      );
    return expectThat(
      (NetworkAcls ?? []).length === 1 && allowsAll(false) && allowsAll(true),
      `default ACL ${NetworkAcls?.[0]?.NetworkAclId ?? 'not found'}: ${entries.map(entryLine).join('; ')}`,
      'in 100 allow all 0.0.0.0/0 and out 100 allow all 0.0.0.0/0',
    );
  },
};

const readDataTierS: Experiment<Output> = {
  name: "Read the data tier's network ACL in rule order",
  fact: 'A network ACL is stateless and evaluated lowest rule number first: rule 90 denies outbound HTTP before rule 100 allows all TCP, and inbound rule 100 admits the return traffic on ephemeral ports 1024-65535.',
  proof: 'configuration',
  skipOn: { ministack: MINISTACK_NO_ACL },
  async run(context) {
    const { NetworkAcls } = await ec2Of(context).send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [outputOf(context, 'VpcId')] },
          { Name: 'default', Values: ['false'] },
        ],
      }),
    );
    const acl = NetworkAcls?.[0];
    if (!acl || NetworkAcls?.length !== 1)
      return fail(`${NetworkAcls?.length ?? 0} custom network ACLs in the VPC`, 'one');
    const entries = [...(acl.Entries ?? [])].sort((a, b) => (a.RuleNumber ?? 0) - (b.RuleNumber ?? 0));
    const first = (egress: boolean, port: number) =>
      entries.find(
        (e) =>
          e.Egress === egress &&
          (e.Protocol === '-1' ||
            (e.Protocol === '6' && (e.PortRange?.From ?? 0) <= port && port <= (e.PortRange?.To ?? 65535))) &&
          e.CidrBlock === '0.0.0.0/0',
      );
    const http = first(true, 80);
    const https = first(true, 443);
    const returning = first(false, 40000);
    const associated = new Set((acl.Associations ?? []).map((a) => a.SubnetId));
    const isolated = subnetsOf(context, 'isolated');
    const ok =
      http?.RuleNumber === 90 &&
      http.RuleAction === 'deny' &&
      https?.RuleNumber === 100 &&
      https.RuleAction === 'allow' &&
      returning?.RuleAction === 'allow' &&
      returning.PortRange?.From === 1024 &&
      isolated.every((s) => associated.has(s)) &&
      associated.size === isolated.length;
    return expectThat(
      ok,
      `${acl.NetworkAclId} on ${[...associated].join(' ')}: ${entries.map(entryLine).join('; ')}; ` +
        `first match for out tcp/80: ${http ? entryLine(http) : 'none'}, out tcp/443: ${https ? entryLine(https) : 'none'}, in tcp/40000: ${returning ? entryLine(returning) : 'none'}`,
      'on the two isolated subnets; out tcp/80 first matches 90 deny, out tcp/443 100 allow, in tcp/40000 100 allow 1024-65535',
    );
  },
};

const admitEachTierSecurity: Experiment<Output> = {
  name: 'Admit each tier only from the security group in front of it',
  fact: 'Security groups can name other groups: the app tier admits 8080 only from the web group, the database 5432 only from the app group, and each sends only to the next tier.',
  proof: 'configuration',
  mustFailWhen: {
    swapOutputs: ['WebSecurityGroupId', 'DbSecurityGroupId'],
    why: 'the database group admits only the app group, not HTTPS from anywhere',
  },
  async run(context) {
    const ids = {
      web: outputOf(context, 'WebSecurityGroupId'),
      app: outputOf(context, 'AppSecurityGroupId'),
      db: outputOf(context, 'DbSecurityGroupId'),
    };
    const { SecurityGroups } = await ec2Of(context).send(
      new DescribeSecurityGroupsCommand({ GroupIds: Object.values(ids) }),
    );
    const byId = new Map((SecurityGroups ?? []).map((g) => [g.GroupId, g]));
    const rules = (id: string) => {
      const group = byId.get(id);
      return {
        in: ruleLines(group?.IpPermissions, 'from').sort(),
        // CDK's placeholder for "no egress" (255.255.255.255/32, icmp 252-86) is not a destination.
        out: ruleLines(group?.IpPermissionsEgress, 'to')
          .filter((l) => !l.endsWith('255.255.255.255/32'))
          .sort(),
      };
    };
    const expected = {
      web: { in: [`tcp:${PORTS.web} from 0.0.0.0/0`], out: [`tcp:${PORTS.app} to ${ids.app}`] },
      app: { in: [`tcp:${PORTS.app} from ${ids.web}`], out: [`tcp:${PORTS.db} to ${ids.db}`] },
      db: { in: [`tcp:${PORTS.db} from ${ids.app}`], out: [] as string[] },
    };
    const seen = (['web', 'app', 'db'] as const).map((tier) => ({ tier, ...rules(ids[tier]) }));
    const ok = seen.every(
      (s) => JSON.stringify({ in: s.in, out: s.out }) === JSON.stringify(expected[s.tier]),
    );
    const show = (s: { tier: string; in: string[]; out: string[] }) =>
      `${s.tier}: in [${s.in.join(', ')}] out [${s.out.join(', ')}]`;
    return expectThat(
      ok,
      seen.map(show).join('; '),
      (['web', 'app', 'db'] as const).map((tier) => show({ tier, ...expected[tier] })).join('; '),
    );
  },
};

const sendFlowLogsVpc: Experiment<Output> = {
  name: 'Send the flow logs of the VPC to the log group',
  fact: 'VPC flow logs record accepted and rejected flows of every interface in the VPC (not packet contents) and deliver them to CloudWatch Logs through a role.',
  proof: 'configuration',
  skipOn: { ministack: MINISTACK_NO_FLOW_LOG },
  async run(context) {
    const vpcId = outputOf(context, 'VpcId');
    const group = outputOf(context, 'FlowLogGroupName');
    const { FlowLogs } = await ec2Of(context).send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }),
    );
    const seen = (FlowLogs ?? []).map(
      (f) =>
        `${f.FlowLogId} ${f.FlowLogStatus} ${f.TrafficType} -> ${f.LogDestinationType} ${f.LogGroupName ?? f.LogDestination}`,
    );
    const ok = (FlowLogs ?? []).some(
      (f) =>
        f.FlowLogStatus === 'ACTIVE' &&
        f.TrafficType === 'ALL' &&
        f.LogDestinationType === 'cloud-watch-logs' &&
        (f.LogGroupName === group || (f.LogDestination ?? '').endsWith(`:log-group:${group}`)) &&
        Boolean(f.DeliverLogsPermissionArn),
    );
    return expectThat(
      ok,
      seen.join('; ') || `no flow log on ${vpcId}`,
      `an ACTIVE flow log of ALL traffic to ${group}`,
    );
  },
};

const reachOutEachTier: Experiment<Output> = {
  name: 'Reach out from each tier',
  fact: 'Only a route decides where a tier can go: a function in a public subnet gets no public IP (no internet), the private tier reaches the internet only through a NAT gateway, and the private and isolated tiers reach S3 and DynamoDB through the gateway endpoints with no internet route.',
  proof: 'behaviour',
  skipOn: { ministack: NO_SUBNETS_ON_EMULATORS, localstack: NO_SUBNETS_ON_EMULATORS },
  measures: ['isolatedReachesS3', 'publicReachesInternet'],
  async run(context) {
    const where = await region(context);
    const targets: ProbeTarget[] = [
      { name: 'internet', url: 'https://checkip.amazonaws.com/', timeoutMs: 5_000 },
      { name: 's3', url: `https://s3.${where}.amazonaws.com/`, timeoutMs: 5_000 },
      { name: 'dynamodb', url: `https://dynamodb.${where}.amazonaws.com/`, timeoutMs: 5_000 },
    ];
    const nat = natGatewayOptedIn(context);
    const expected: Record<Tier, Record<string, boolean>> = {
      public: { internet: false, s3: false, dynamodb: false },
      private: { internet: nat, s3: true, dynamodb: true },
      isolated: { internet: false, s3: true, dynamodb: true },
    };
    const seen: string[] = [];
    let ok = true;
    const reached: Record<string, boolean> = {};
    for (const tier of TIERS) {
      const results = await probe(context, tier, targets);
      for (const r of results) {
        reached[`${tier}.${r.name}`] = r.reached;
        ok &&= r.reached === expected[tier][r.name];
      }
      seen.push(`${tier}: ${results.map(describe).join(', ')}`);
    }
    const show = (tier: Tier) =>
      `${tier}: ${Object.entries(expected[tier])
        .map(([name, yes]) => `${name} ${yes ? 'reached' : 'not reached'}`)
        .join(', ')}`;
    return withMeasurements(expectThat(ok, seen.join('; '), TIERS.map(show).join('; ')), {
      isolatedReachesS3: reached['isolated.s3'] ? 'yes' : 'no',
      publicReachesInternet: reached['public.internet'] ? 'yes' : 'no',
    });
  },
};

const dropPlainHttpData: Experiment<Output> = {
  name: "Drop plain HTTP at the data tier's network ACL",
  fact: "The isolated tier's ACL rule 90 (deny outbound TCP 80) wins over rule 100 (allow all TCP): plain HTTP to S3 gets no answer from there, while HTTPS does, and the private tier (default ACL) gets both.",
  proof: 'behaviour',
  skipOn: { ministack: NO_SUBNETS_ON_EMULATORS, localstack: NO_SUBNETS_ON_EMULATORS },
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
      ),
      { isolatedPlainHttp: get(isolated, 'http') ? 'answered' : 'no answer' },
    );
  },
};

const letAnswersBackThrough: Experiment<Output> = {
  name: 'Let answers back in through a group with no inbound rule',
  fact: 'Security groups are stateful: the probes\u2019 group has no inbound rule, yet the answers to their own connections come back; the stateless ACL needs its inbound ephemeral-port rule for the same answers.',
  proof: 'behaviour',
  skipOn: { ministack: NO_SUBNETS_ON_EMULATORS, localstack: NO_SUBNETS_ON_EMULATORS },
  async run(context) {
    const groupId = outputOf(context, 'ProbeSecurityGroupId');
    const { SecurityGroups } = await ec2Of(context).send(
      new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
    );
    const inbound = SecurityGroups?.[0]?.IpPermissions ?? [];
    const where = await region(context);
    const [answer] = await probe(context, 'isolated', [
      { name: 's3', url: `https://s3.${where}.amazonaws.com/`, timeoutMs: 5_000 },
    ]);
    return expectThat(
      inbound.length === 0 && answer?.reached === true,
      `probe group ${groupId}: ${inbound.length} inbound rules; isolated probe: ${answer ? describe(answer) : 'no result'}`,
      'no inbound rule, and the answer from S3 arrives',
    );
  },
};

const placeInterfaceEndpointEach: Experiment<Output> = {
  name: 'Place an interface endpoint in each AZ it serves',
  fact: 'An interface endpoint (PrivateLink) is a network interface with a private IP in each chosen subnet, billed per AZ and hour plus per GB; gateway endpoints are free.',
  proof: 'configuration',
  async run(context) {
    const id = context.outputs.InterfaceEndpointId;
    if (!id)
      return skipped('the interface endpoint is opt-in: deploy with -c interfaceEndpoint=true to see it');
    const { VpcEndpoints } = await ec2Of(context).send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }),
    );
    const endpoint = VpcEndpoints?.[0];
    const subnets = endpoint?.SubnetIds ?? [];
    const interfaces = endpoint?.NetworkInterfaceIds ?? [];
    const privateSubnets = subnetsOf(context, 'private');
    // MiniStack records the subnets but creates no network interface for an endpoint.
    const interfacesOk = context.target === 'ministack' || interfaces.length === privateSubnets.length;
    return expectThat(
      endpoint?.VpcEndpointType === 'Interface' &&
        subnets.length === privateSubnets.length &&
        privateSubnets.every((s) => subnets.includes(s)) &&
        interfacesOk,
      `${id} ${endpoint?.VpcEndpointType} ${endpoint?.ServiceName}: subnets ${subnets.join(' ')}; interfaces ${interfaces.join(' ') || 'none'}`,
      `an Interface endpoint in the ${privateSubnets.length} private subnets, one network interface each`,
    );
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  countFiveReservedAddresses,
  routePublicTierInternet,
  attachS3DynamodbGateway,
  seeEachGatewayEndpoint,
  findDefaultNetworkAcl,
  readDataTierS,
  admitEachTierSecurity,
  sendFlowLogsVpc,
  reachOutEachTier,
  dropPlainHttpData,
  letAnswersBackThrough,
  placeInterfaceEndpointEach,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
