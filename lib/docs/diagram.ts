/**
 * Draws a lab's architecture as a Mermaid flowchart, from its synthesized CloudFormation template:
 * the diagram shows what the stack really creates, so a guide's diagram can be checked against
 * the code (see the drift test) instead of being redrawn by hand.
 *
 * Nodes: topics, queues, functions, tables, load balancers, Auto Scaling groups, alarms (grouped).
 * Grouping: VPC -> subnet tier (from CDK's `aws-cdk:subnet-name` tag) for what runs in subnets;
 * the rest by service. Edges: SNS subscriptions (with filter keys), event source mappings,
 * redrive to dead-letter queues, on-failure destinations, load balancer targets, security group
 * rules between the kit's resources, alarm actions, and IAM grants to data and messaging resources.
 */

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

/** A synthesized template, as `cdk synth` writes it. */
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
}

/** What each drawn resource type is called in the diagram. */
const NODE_KINDS: Record<string, string> = {
  'AWS::SNS::Topic': 'SNS topic',
  'AWS::SQS::Queue': 'SQS queue',
  'AWS::Lambda::Function': 'Lambda',
  'AWS::DynamoDB::GlobalTable': 'DynamoDB table',
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'load balancer',
  'AWS::AutoScaling::AutoScalingGroup': 'Auto Scaling group',
  'AWS::SES::ReceiptRule': 'SES receipt rule',
};

/** Service groups for nodes outside the VPC. */
const SERVICE_GROUPS: Record<string, string> = {
  'AWS::SNS::Topic': 'Messaging',
  'AWS::SQS::Queue': 'Messaging',
  'AWS::Lambda::Function': 'Compute',
  'AWS::DynamoDB::GlobalTable': 'Data',
  'AWS::DynamoDB::Table': 'Data',
  'AWS::SES::ReceiptRule': 'Email',
};

/** IAM action prefixes that are worth an edge: access to data and messaging, not logs or networking. */
const DRAWN_GRANT_SERVICES = ['dynamodb', 'sqs', 'sns', 's3'];

interface Edge {
  from: string;
  to: string;
  label: string;
  dotted?: boolean;
}

/** The logical id a `Ref` or `Fn::GetAtt` points at, if any. */
function referencedId(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  if (Array.isArray(v['Fn::GetAtt'])) return String(v['Fn::GetAtt'][0]);
  return undefined;
}

/** Every logical id referenced anywhere inside a value. */
function allReferencedIds(value: unknown, into = new Set<string>()): Set<string> {
  const id = referencedId(value);
  if (id) into.add(id);
  if (Array.isArray(value)) for (const item of value) allReferencedIds(item, into);
  else if (value && typeof value === 'object')
    for (const item of Object.values(value)) allReferencedIds(item, into);
  return into;
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** A readable name: the construct path without the stack and `Resource` parts, else the logical id. */
function displayName(logicalId: string, resource: CfnResource): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path === 'string') {
    const parts = path.split('/').slice(1);
    const meaningful = parts.filter(
      (p) => !['Resource', 'Default', 'Function', 'Queue', 'Topic'].includes(p),
    );
    const name = (meaningful.length > 0 ? meaningful : parts).join(' ');
    if (name) return name;
  }
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

const nodeId = (logicalId: string) => logicalId.replace(/[^A-Za-z0-9_]/g, '_');
const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;

/** The subnet tier (CDK's subnet name) of a list of subnet references, with the number of subnets. */
function subnetTier(subnets: unknown, resources: Record<string, CfnResource>): string | undefined {
  const ids = asList(subnets)
    .map(referencedId)
    .filter((id): id is string => Boolean(id));
  const names = new Set(
    ids.map((id) => {
      const tags = (resources[id]?.Properties?.Tags as { Key: string; Value: string }[] | undefined) ?? [];
      return tags.find((t) => t.Key === 'aws-cdk:subnet-name')?.Value ?? 'subnets';
    }),
  );
  if (ids.length === 0) return undefined;
  return `${[...names].sort().join(' + ')} subnets x${ids.length}`;
}

/** Renders a lab's template as a Mermaid `flowchart LR` (without the code fence). */
export function renderMermaid(template: CfnTemplate): string {
  const resources = template.Resources ?? {};
  const ids = Object.keys(resources).sort();
  const drawn = new Set(ids.filter((id) => NODE_KINDS[resources[id].Type]));
  const label = (id: string) =>
    `${displayName(id, resources[id])}<br/><i>${NODE_KINDS[resources[id].Type]}</i>`;

  // Where each drawn node sits: a subnet tier inside the VPC, or a service group.
  const placement = new Map<string, string>();
  for (const id of drawn) {
    const props = resources[id].Properties ?? {};
    const subnets =
      resources[id].Type === 'AWS::Lambda::Function'
        ? (props.VpcConfig as { SubnetIds?: unknown } | undefined)?.SubnetIds
        : resources[id].Type === 'AWS::AutoScaling::AutoScalingGroup'
          ? props.VPCZoneIdentifier
          : resources[id].Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer'
            ? props.Subnets
            : undefined;
    const tier = subnetTier(subnets, resources);
    placement.set(id, tier ? `vpc:${tier}` : (SERVICE_GROUPS[resources[id].Type] ?? 'Other'));
  }

  // Who owns each security group: the drawn resources that use it.
  const securityGroupOwners = new Map<string, string[]>();
  const launchTemplateGroups = (ltId: string | undefined) =>
    ltId
      ? asList(
          (resources[ltId]?.Properties?.LaunchTemplateData as { SecurityGroupIds?: unknown } | undefined)
            ?.SecurityGroupIds,
        )
      : [];
  for (const id of drawn) {
    const props = resources[id].Properties ?? {};
    const groups = [
      ...asList(props.SecurityGroups),
      ...asList((props.VpcConfig as { SecurityGroupIds?: unknown } | undefined)?.SecurityGroupIds),
      ...launchTemplateGroups(
        referencedId((props.LaunchTemplate as { LaunchTemplateId?: unknown })?.LaunchTemplateId),
      ),
    ];
    for (const group of groups.map(referencedId).filter((g): g is string => Boolean(g))) {
      securityGroupOwners.set(group, [...(securityGroupOwners.get(group) ?? []), id]);
    }
  }

  const edges: Edge[] = [];
  // The internet, when something is open to it: an internet-facing load balancer's listener.
  const INTERNET = 'internet';
  for (const id of drawn) {
    const props = resources[id].Properties ?? {};
    if (
      resources[id].Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' &&
      props.Scheme === 'internet-facing'
    ) {
      const openRules = [...securityGroupOwners.entries()]
        .filter(([, owners]) => owners.includes(id))
        .flatMap(([group]) => asList(resources[group]?.Properties?.SecurityGroupIngress))
        .filter((rule) => (rule as { CidrIp?: string }).CidrIp === '0.0.0.0/0') as {
        IpProtocol?: string;
        FromPort?: number;
      }[];
      const label =
        openRules.map((r) => `SG: ${r.IpProtocol} ${r.FromPort} from 0.0.0.0/0`).join(', ') || 'public';
      edges.push({ from: INTERNET, to: id, label });
    }
  }
  const roleOwners = new Map<string, string>();
  for (const id of drawn) {
    if (resources[id].Type !== 'AWS::Lambda::Function') continue;
    const role = referencedId(resources[id].Properties?.Role);
    if (role) roleOwners.set(role, id);
  }

  for (const id of ids) {
    const { Type: type, Properties: props = {} } = resources[id];
    if (type === 'AWS::SNS::Subscription') {
      const topic = referencedId(props.TopicArn);
      const endpoint = referencedId(props.Endpoint);
      if (topic && endpoint && drawn.has(topic) && drawn.has(endpoint)) {
        const filter = props.FilterPolicy
          ? `filter: ${Object.keys(props.FilterPolicy as object).join(', ')}`
          : '';
        const raw = props.RawMessageDelivery ? 'raw' : '';
        edges.push({
          from: topic,
          to: endpoint,
          label: [filter, raw].filter(Boolean).join(', ') || 'subscription',
        });
      }
    } else if (type === 'AWS::Lambda::EventSourceMapping') {
      const source = referencedId(props.EventSourceArn);
      const fn = referencedId(props.FunctionName);
      if (source && fn)
        edges.push({
          from: source,
          to: fn,
          label: source && resources[source]?.Type.includes('DynamoDB') ? 'stream' : 'polls',
        });
      const failure = referencedId(
        (props.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure
          ?.Destination,
      );
      if (fn && failure) edges.push({ from: fn, to: failure, label: 'on failure', dotted: true });
    } else if (type === 'AWS::Lambda::EventInvokeConfig') {
      const fn = referencedId(props.FunctionName);
      const failure = referencedId(
        (props.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure
          ?.Destination,
      );
      if (fn && failure) edges.push({ from: fn, to: failure, label: 'on failure', dotted: true });
    } else if (type === 'AWS::SQS::Queue') {
      const redrive = props.RedrivePolicy as
        | { deadLetterTargetArn?: unknown; maxReceiveCount?: number }
        | undefined;
      const dlq = referencedId(redrive?.deadLetterTargetArn);
      if (dlq)
        edges.push({ from: id, to: dlq, label: `after ${redrive?.maxReceiveCount} receives`, dotted: true });
    } else if (type === 'AWS::ElasticLoadBalancingV2::Listener') {
      const lb = referencedId(props.LoadBalancerArn);
      const port = `${props.Protocol ?? ''} ${props.Port ?? ''}`.trim();
      const groups = new Set<string>();
      for (const action of asList(props.DefaultActions)) {
        const tg = referencedId((action as { TargetGroupArn?: unknown }).TargetGroupArn);
        if (tg) groups.add(tg);
      }
      for (const ruleId of ids) {
        const rule = resources[ruleId];
        if (rule.Type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
        if (referencedId(rule.Properties?.ListenerArn) !== id) continue;
        for (const action of asList(rule.Properties?.Actions)) {
          const tg = referencedId((action as { TargetGroupArn?: unknown }).TargetGroupArn);
          if (tg) groups.add(tg);
        }
      }
      for (const tg of groups) {
        const targets = asList(resources[tg]?.Properties?.Targets).map((t) =>
          referencedId((t as { Id?: unknown }).Id),
        );
        const asgs = ids.filter(
          (a) =>
            resources[a].Type === 'AWS::AutoScaling::AutoScalingGroup' &&
            asList(resources[a].Properties?.TargetGroupARNs).some((arn) => referencedId(arn) === tg),
        );
        for (const target of [...targets, ...asgs]) {
          if (lb && target && drawn.has(target)) edges.push({ from: lb, to: target, label: port });
        }
      }
    } else if (type === 'AWS::EC2::SecurityGroupIngress' || type === 'AWS::EC2::SecurityGroupEgress') {
      // Ingress rules only: an egress rule names the same pair the other way round.
      if (type === 'AWS::EC2::SecurityGroupEgress') continue;
      const source = referencedId(props.SourceSecurityGroupId);
      const target = referencedId(props.GroupId);
      for (const from of securityGroupOwners.get(source ?? '') ?? []) {
        for (const to of securityGroupOwners.get(target ?? '') ?? []) {
          edges.push({ from, to, label: `SG: ${props.IpProtocol} ${props.FromPort}`, dotted: true });
        }
      }
    } else if (type === 'AWS::CloudWatch::Alarm') {
      for (const action of asList(props.AlarmActions)) {
        const topic = referencedId(action);
        if (topic && drawn.has(topic)) edges.push({ from: `alarms_${topic}`, to: topic, label: 'ALARM' });
      }
    } else if (type === 'AWS::IAM::Policy') {
      const owner = asList(props.Roles)
        .map((r) => roleOwners.get(referencedId(r) ?? ''))
        .find(Boolean);
      const statements = asList((props.PolicyDocument as { Statement?: unknown })?.Statement) as {
        Action?: unknown;
        Resource?: unknown;
      }[];
      for (const statement of statements) {
        const actions = asList(statement.Action).map(String);
        const drawnActions = actions.filter((a) => DRAWN_GRANT_SERVICES.includes(a.split(':')[0]));
        if (!owner || drawnActions.length === 0) continue;
        for (const target of allReferencedIds(statement.Resource)) {
          if (!drawn.has(target) || target === owner) continue;
          const verbs = [...new Set(drawnActions.map((a) => a.split(':')[1]))].sort();
          const text = verbs.length > 2 ? `${verbs.slice(0, 2).join(', ')}, ...` : verbs.join(', ');
          edges.push({ from: owner, to: target, label: `IAM: ${text}` });
        }
      }
    }
  }

  // Alarms are drawn as one node per topic they notify, with their count.
  const alarmCounts = new Map<string, number>();
  for (const edge of edges)
    if (edge.from.startsWith('alarms_')) alarmCounts.set(edge.from, (alarmCounts.get(edge.from) ?? 0) + 1);

  const lines = ['flowchart LR'];
  const groups = [...new Set(placement.values())].sort((a, b) =>
    a.startsWith('vpc:') ? -1 : b.startsWith('vpc:') ? 1 : a.localeCompare(b),
  );
  const vpcGroups = groups.filter((g) => g.startsWith('vpc:'));
  const nodeLine = (id: string, indent: string) => `${indent}${nodeId(id)}[${quote(label(id))}]`;
  if (vpcGroups.length > 0) {
    const nats = ids.filter((id) => resources[id].Type === 'AWS::EC2::NatGateway').length;
    lines.push(
      `  subgraph vpc[${quote(`VPC (${nats === 0 ? 'no NAT gateway' : `${nats} NAT gateway${nats > 1 ? 's' : ''}`})`)}]`,
    );
    vpcGroups.forEach((group, i) => {
      lines.push(`    subgraph tier${i}[${quote(group.slice(4))}]`);
      for (const id of [...drawn].filter((d) => placement.get(d) === group))
        lines.push(nodeLine(id, '      '));
      lines.push('    end');
    });
    lines.push('  end');
  }
  for (const group of groups.filter((g) => !g.startsWith('vpc:'))) {
    lines.push(`  subgraph ${nodeId(group.toLowerCase())}[${quote(group)}]`);
    for (const id of [...drawn].filter((d) => placement.get(d) === group)) lines.push(nodeLine(id, '    '));
    if (group === 'Messaging') {
      for (const [alarmNode, count] of [...alarmCounts].sort()) {
        lines.push(`    ${nodeId(alarmNode)}[${quote(`${count} CloudWatch alarm${count > 1 ? 's' : ''}`)}]`);
      }
    }
    lines.push('  end');
  }
  if (!groups.includes('Messaging')) {
    for (const [alarmNode, count] of [...alarmCounts].sort()) {
      lines.push(`  ${nodeId(alarmNode)}[${quote(`${count} CloudWatch alarm${count > 1 ? 's' : ''}`)}]`);
    }
  }
  if (edges.some((edge) => edge.from === INTERNET)) lines.push(`  ${INTERNET}((${quote('Internet')}))`);
  const seen = new Set<string>();
  for (const edge of edges) {
    const from = nodeId(edge.from);
    const to = nodeId(edge.to);
    const key = `${from}|${to}|${edge.label}`;
    if (seen.has(key) || !(drawn.has(edge.to) || edge.to.startsWith('alarms_'))) continue;
    if (!(drawn.has(edge.from) || edge.from.startsWith('alarms_') || edge.from === INTERNET)) continue;
    seen.add(key);
    lines.push(`  ${from} ${edge.dotted ? '-.->' : '-->'}|${quote(edge.label)}| ${to}`);
  }
  return lines.join('\n');
}
