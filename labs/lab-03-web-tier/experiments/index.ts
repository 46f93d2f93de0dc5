/**
 * lab-03 experiments: the web tier's control plane, read back through the ELBv2, Auto Scaling and
 * EC2 APIs, proves the ALB spans two AZs and forwards port 80 to the target group, the group keeps
 * 2-4 instances across two AZs with the ELB health check and CPU target tracking (120 s warmup),
 * the instances admit HTTP only from the ALB's security group, and the launch template boots
 * Amazon Linux 2023 with IMDSv2 required. On real AWS the data plane follows: HTTP 200 through the
 * ALB's DNS name, answered by instances in two different AZs, whose IMDS refuses IMDSv1. Creating
 * an ALB in a single AZ is refused (behaviour, on every target that checks it).
 */

import { Agent } from 'node:http';
import {
  AutoScalingClient,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
  DescribePoliciesCommand,
  SetInstanceHealthCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeImagesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import {
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import axios from 'axios';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  type Outcome,
  outputOf,
  pass,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { pollUntil } from '../../../lib/experiments/helpers';
import { TAG_KEYS } from '../../../lib/safety/tags';
import type { Output } from '../outputs';

// The lab's documented facts (labs/lab-03-web-tier/stack.ts), stated here on purpose: the experiments
// check the deployed resources against the guide, not against whatever the template says.
const WEB_PORT = 80;
const MIN_INSTANCES = 2;
const MAX_INSTANCES = 4;
const DESIRED_INSTANCES = 2;
const INSTANCE_WARMUP_SECONDS = 120;
const TARGET_CPU_PERCENT = 50;
const HEALTH_CHECK_GRACE_SECONDS = 120;
const HEALTH_CHECK = {
  path: '/',
  port: 'traffic-port',
  protocol: 'HTTP',
  interval: 15,
  timeout: 5,
  thresholds: 2,
} as const;

/** How long real instances may take to boot, run user data and pass two health checks. */
const INSTANCES_READY_DEADLINE_MS = 8 * 60_000;
/** Requests sent to see both AZs answer; the ALB alternates targets, so a handful usually suffices. */
const MAX_SPREAD_REQUESTS = 40;

const NO_ELB_ON_LOCALSTACK = 'The free LocalStack image has no ELBv2 and no Auto Scaling.';
const RECORDS_ONLY_ON_MINISTACK =
  "MiniStack's Auto Scaling instances are records only (its CloudFormation provisioner creates the group " +
  'with no instances at all), so no instance boots and no HTTP server runs.';

const elbOf = (context: ExperimentContext<Output>) => new ElasticLoadBalancingV2Client(context.clientConfig);
const asgOf = (context: ExperimentContext<Output>) => new AutoScalingClient(context.clientConfig);
const ec2Of = (context: ExperimentContext<Output>) => new EC2Client(context.clientConfig);

/** The lab's ALB, found by the DNS name the stack outputs (DescribeLoadBalancers has no DNS filter). */
async function loadBalancerOf(context: ExperimentContext<Output>): Promise<LoadBalancer> {
  const dnsName = outputOf(context, 'LoadBalancerDnsName').toLowerCase();
  for await (const page of paginateDescribeLoadBalancers({ client: elbOf(context) }, {})) {
    const found = page.LoadBalancers?.find((lb) => lb.DNSName?.toLowerCase() === dnsName);
    if (found) return found;
  }
  throw new Error(`no load balancer has the DNS name ${dnsName}`);
}

async function listenersOf(context: ExperimentContext<Output>, lb: LoadBalancer): Promise<Listener[]> {
  const out = await elbOf(context).send(
    new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
  );
  return out.Listeners ?? [];
}

/** Target groups a listener's default forward action sends to (single-group or ForwardConfig form). */
function forwardTargets(listener: Listener): string[] {
  const arns = new Set<string>();
  for (const action of listener.DefaultActions ?? []) {
    if (action.Type !== 'forward') continue;
    if (action.TargetGroupArn) arns.add(action.TargetGroupArn);
    for (const tg of action.ForwardConfig?.TargetGroups ?? [])
      if (tg.TargetGroupArn) arns.add(tg.TargetGroupArn);
  }
  return [...arns];
}

/** The target group behind the ALB's port-80 listener. */
async function webTargetGroupOf(
  context: ExperimentContext<Output>,
): Promise<{ lb: LoadBalancer; tg: TargetGroup }> {
  const lb = await loadBalancerOf(context);
  const listener = (await listenersOf(context, lb)).find((l) => l.Port === WEB_PORT);
  const arn = listener ? forwardTargets(listener)[0] : undefined;
  if (!arn) throw new Error(`the ALB has no listener on port ${WEB_PORT} forwarding to a target group`);
  const out = await elbOf(context).send(new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }));
  const tg = out.TargetGroups?.[0];
  if (!tg) throw new Error(`target group ${arn} not found`);
  return { lb, tg };
}

async function groupOf(context: ExperimentContext<Output>): Promise<AutoScalingGroup> {
  const name = outputOf(context, 'AutoScalingGroupName');
  const out = await asgOf(context).send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const group = out.AutoScalingGroups?.[0];
  if (!group) throw new Error(`Auto Scaling group ${name} not found`);
  return group;
}

/** Subnet id -> AZ, from DescribeSubnets (the subnet is the ground truth for where things run). */
async function zonesOfSubnets(
  context: ExperimentContext<Output>,
  subnetIds: string[],
): Promise<Map<string, string>> {
  if (subnetIds.length === 0) return new Map();
  const out = await ec2Of(context).send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
  return new Map((out.Subnets ?? []).map((s) => [s.SubnetId ?? '', s.AvailabilityZone ?? '']));
}

const describeZones = (zones: Map<string, string>) =>
  [...zones].map(([subnet, az]) => `${subnet} (${az})`).join(', ') || 'none';
const distinct = (values: Iterable<string>) => [...new Set([...values].filter(Boolean))].sort();

/** The launch template version the group launches from, as deployed. */
async function launchTemplateDataOf(context: ExperimentContext<Output>) {
  const group = await groupOf(context);
  const spec =
    group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  if (!spec?.LaunchTemplateId) throw new Error(`group ${group.AutoScalingGroupName} has no launch template`);
  const out = await ec2Of(context).send(
    new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: spec.LaunchTemplateId,
      Versions: [spec.Version ?? '$Default'],
    }),
  );
  const data = out.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
  if (!data) throw new Error(`launch template ${spec.LaunchTemplateId} version ${spec.Version} not found`);
  return { id: spec.LaunchTemplateId, version: spec.Version ?? '$Default', data };
}

async function rulesOf(context: ExperimentContext<Output>, groupId: string): Promise<SecurityGroupRule[]> {
  const out = await ec2Of(context).send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  // Filter again: the answer must be about this group only, whatever the emulator does with filters.
  return (out.SecurityGroupRules ?? []).filter((r) => r.GroupId === groupId);
}

const peerOf = (rule: SecurityGroupRule) =>
  rule.ReferencedGroupInfo?.GroupId ?? rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.PrefixListId ?? '?';
const describeRule = (rule: SecurityGroupRule) =>
  `${rule.IpProtocol}:${rule.FromPort}-${rule.ToPort} from ${peerOf(rule)}`;

/** InService instances of the group once at least `count` are, or what there is at the deadline. */
async function inServiceInstances(context: ExperimentContext<Output>, count: number, deadlineMs: number) {
  let latest: { id: string; az: string }[] = [];
  await pollUntil(deadlineMs, 10_000, async () => {
    const group = await groupOf(context);
    latest = (group.Instances ?? [])
      .filter((i) => i.LifecycleState === 'InService')
      .map((i) => ({ id: i.InstanceId ?? '', az: i.AvailabilityZone ?? '' }));
    context.progress(`${latest.length} of ${count} instance(s) InService`);
    return latest.length >= count ? latest : undefined;
  });
  return latest;
}

/** Healthy targets of the web target group once at least `count` are, or what there is at the deadline. */
async function healthyTargets(context: ExperimentContext<Output>, count: number, deadlineMs: number) {
  const { tg } = await webTargetGroupOf(context);
  let states: string[] = [];
  let healthy: string[] = [];
  await pollUntil(deadlineMs, 10_000, async () => {
    const out = await elbOf(context).send(
      new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }),
    );
    const descriptions = out.TargetHealthDescriptions ?? [];
    states = descriptions.map((d) => `${d.Target?.Id}=${d.TargetHealth?.State}`);
    healthy = descriptions.filter((d) => d.TargetHealth?.State === 'healthy').map((d) => d.Target?.Id ?? '');
    context.progress(`targets: ${states.join(', ') || 'none registered yet'}`);
    return healthy.length >= count ? healthy : undefined;
  });
  return { healthy, states };
}

/** A fresh connection per request, so keep-alive cannot pin every request to one ALB node. */
const noKeepAlive = new Agent({ keepAlive: false });

async function getPage(url: string): Promise<{ status: number; body: string } | { error: string }> {
  try {
    const response = await axios.get<string>(url, {
      timeout: 5_000,
      responseType: 'text',
      httpAgent: noKeepAlive,
      validateStatus: () => true,
    });
    return { status: response.status, body: String(response.data) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The page user data writes: `<p>instance i-0abc in us-east-1a</p>`. */
function pageIdentity(body: string): { instance: string; az: string } | undefined {
  const match = /instance (i-[0-9a-f]+) in ([a-z]{2}(?:-[a-z]+)+-\d[a-z])/.exec(body);
  return match ? { instance: match[1], az: match[2] } : undefined;
}

const spreadInternetFacingAlb: Experiment<Output> = {
  name: 'Spread the internet-facing ALB over two AZs',
  fact: 'An ALB needs subnets in at least two AZs.',
  proof: 'configuration',
  measures: ['albAzs'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const placements = lb.AvailabilityZones ?? [];
    const zones = await zonesOfSubnets(
      context,
      placements.map((p) => p.SubnetId ?? ''),
    );
    const azs = distinct(zones.values());
    // MiniStack names every ALB zone "<region>a" (services/alb.py), so the subnets' own AZs decide;
    // elsewhere the zone the ALB reports must agree with its subnet.
    const reportedAgree =
      context.target === 'ministack' || placements.every((p) => zones.get(p.SubnetId ?? '') === p.ZoneName);
    const observed =
      `${lb.Type} ALB, scheme ${lb.Scheme}, ${placements.length} subnet(s): ${describeZones(zones)}; ` +
      `${azs.length} distinct AZ(s); zones reported by the ALB: ${placements.map((p) => p.ZoneName).join(', ')}`;
    return withMeasurements(
      expectThat(
        lb.Type === 'application' && lb.Scheme === 'internet-facing' && azs.length >= 2 && reportedAgree,
        observed,
        'an internet-facing application load balancer in subnets of at least 2 distinct AZs',
      ),
      { albAzs: azs.length },
    );
  },
};

const refuseAlbSingleAz: Experiment<Output> = {
  name: 'Refuse an ALB in a single AZ',
  fact: 'An ALB needs subnets in at least two AZs.',
  proof: 'behaviour',
  skipOn: {
    ministack: "MiniStack's ELBv2 creates an ALB in a single subnet: it checks no Availability Zones.",
    localstack: NO_ELB_ON_LOCALSTACK,
  },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const [subnet] = (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '');
    const elb = elbOf(context);
    const name = `lab-03-one-az-${Date.now().toString(36)}`;
    try {
      const created = await elb.send(
        new CreateLoadBalancerCommand({
          Name: name,
          Type: 'application',
          Scheme: 'internal',
          Subnets: [subnet],
          Tags: [{ Key: TAG_KEYS.lab, Value: context.lab.id }],
        }),
      );
      // Accepted: take it down at once (it would bill by the hour) and report what happened.
      for (const made of created.LoadBalancers ?? []) {
        await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: made.LoadBalancerArn }));
      }
      return fail(`an ALB in subnet ${subnet} alone was created (and deleted again)`, 'a ValidationError');
    } catch (error) {
      const { name: errorName, message } = error as Error;
      return expectThat(
        /ValidationError|InvalidConfigurationRequest/.test(errorName) ||
          /two|Availability Zone/i.test(message),
        `CreateLoadBalancer with one subnet (${subnet}): refused, ${errorName}: ${message}`,
        'refused: at least two subnets in two different Availability Zones',
      );
    }
  },
};

const forwardHttpPort80: Experiment<Output> = {
  name: 'Forward HTTP on port 80 to the target group',
  fact: 'An internet-facing Application Load Balancer in two public subnets sends HTTP to an Auto Scaling group.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const listeners = await listenersOf(context, lb);
    const http = listeners.find((l) => l.Port === WEB_PORT && l.Protocol === 'HTTP');
    const forwards = http ? forwardTargets(http) : [];
    const groups = forwards.length
      ? ((await elbOf(context).send(new DescribeTargetGroupsCommand({ TargetGroupArns: forwards })))
          .TargetGroups ?? [])
      : [];
    const tg = groups[0];
    const observed =
      `${listeners.length} listener(s): ${listeners.map((l) => `${l.Protocol}:${l.Port}`).join(', ') || 'none'}; ` +
      `port ${WEB_PORT} forwards to ${tg?.TargetGroupName ?? 'nothing'} ` +
      `(${tg?.Protocol}:${tg?.Port}, target type ${tg?.TargetType}, ` +
      `attached to this ALB: ${tg?.LoadBalancerArns?.includes(lb.LoadBalancerArn ?? '') ?? false})`;
    return expectThat(
      forwards.length === 1 &&
        tg?.Protocol === 'HTTP' &&
        tg.Port === WEB_PORT &&
        tg.TargetType === 'instance' &&
        (tg.LoadBalancerArns ?? []).includes(lb.LoadBalancerArn ?? ''),
      observed,
      `an HTTP:${WEB_PORT} listener forwarding to one HTTP:${WEB_PORT} instance target group of this ALB`,
    );
  },
};

const answerDnsNameFixed: Experiment<Output> = {
  name: 'Answer at a DNS name, not a fixed IP',
  fact: 'The ALB has a DNS name, not fixed IPs: use a Route 53 alias record (static IPs in front of an ALB come from Global Accelerator).',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    // An alias record needs the DNS name and the ALB's canonical hosted zone. (An ALB has no
    // addresses of its own to read back: the API lists Elastic IPs for NLBs only.)
    const url = outputOf(context, 'Url');
    return expectThat(
      Boolean(lb.DNSName) && Boolean(lb.CanonicalHostedZoneId) && url === `http://${lb.DNSName}/`,
      `DNS name ${lb.DNSName}, alias hosted zone ${lb.CanonicalHostedZoneId || 'none'}, Url output ${url}`,
      'a DNS name and canonical hosted zone id, and the Url output built on the DNS name',
    );
  },
};

const keep24Instances: Experiment<Output> = {
  name: 'Keep 2 to 4 instances in subnets of two AZs',
  fact: 'Two instances minimum, in two AZs, for high availability.',
  proof: 'configuration',
  measures: ['minInstances'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const group = await groupOf(context);
    const subnets = (group.VPCZoneIdentifier ?? '').split(',').filter(Boolean);
    const zones = await zonesOfSubnets(context, subnets);
    const azs = distinct(zones.values());
    const observed =
      `min ${group.MinSize}, max ${group.MaxSize}, desired ${group.DesiredCapacity}; ` +
      `${subnets.length} subnet(s): ${describeZones(zones)}; ${azs.length} distinct AZ(s)`;
    return withMeasurements(
      expectThat(
        group.MinSize === MIN_INSTANCES &&
          group.MaxSize === MAX_INSTANCES &&
          group.DesiredCapacity === DESIRED_INSTANCES &&
          azs.length >= 2,
        observed,
        `min ${MIN_INSTANCES}, max ${MAX_INSTANCES}, desired ${DESIRED_INSTANCES}, subnets in at least 2 AZs`,
      ),
      { minInstances: group.MinSize ?? 0 },
    );
  },
};

const replaceInstancesElbHealth: Experiment<Output> = {
  name: 'Replace instances the ELB health check fails',
  fact: 'The ELB health check makes the group replace unhealthy instances.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const group = await groupOf(context);
    return expectThat(
      group.HealthCheckType === 'ELB' && group.HealthCheckGracePeriod === HEALTH_CHECK_GRACE_SECONDS,
      `health check type ${group.HealthCheckType}, grace period ${group.HealthCheckGracePeriod} s`,
      `health check type ELB, grace period ${HEALTH_CHECK_GRACE_SECONDS} s`,
    );
  },
};

const registerGroupTargetGroup: Experiment<Output> = {
  name: 'Register the group in the target group',
  fact: 'The ELB health check makes the group replace unhealthy instances.',
  proof: 'behaviour',
  skipOn: {
    ministack:
      "MiniStack's Auto Scaling keeps no target groups: its CloudFormation provisioner (_asg_fields) drops " +
      'TargetGroupARNs, services/autoscaling.py has no attach or traffic-source actions, and nothing is registered.',
    localstack: NO_ELB_ON_LOCALSTACK,
  },
  async run(context) {
    const { tg } = await webTargetGroupOf(context);
    const group = await groupOf(context);
    const attached = (group.TargetGroupARNs ?? []).includes(tg.TargetGroupArn ?? '');
    if (!attached) {
      return fail(
        `group target groups: ${(group.TargetGroupARNs ?? []).join(', ') || 'none'}`,
        `${tg.TargetGroupArn}`,
      );
    }
    // The group registers each instance it launches; wait for the launches, then compare.
    const instances = await inServiceInstances(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    let registered: string[] = [];
    const allRegistered = await pollUntil(INSTANCES_READY_DEADLINE_MS / 4, 10_000, async () => {
      const out = await elbOf(context).send(
        new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }),
      );
      registered = (out.TargetHealthDescriptions ?? []).map((d) => d.Target?.Id ?? '');
      const absent = instances.filter((i) => !registered.includes(i.id));
      return absent.length === 0 ? true : undefined;
    });
    return expectThat(
      instances.length >= MIN_INSTANCES && allRegistered === true,
      `group attached to ${tg.TargetGroupName}; ${instances.length} InService instance(s) ` +
        `(${instances.map((i) => i.id).join(', ')}), registered targets: ${registered.join(', ') || 'none'}`,
      `every one of at least ${MIN_INSTANCES} InService instances registered in ${tg.TargetGroupName}`,
    );
  },
};

const runInstancesTwoDifferent: Experiment<Output> = {
  name: 'Run the instances in two different AZs',
  fact: 'Two instances minimum, in two AZs, for high availability.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const instances = await inServiceInstances(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    const azs = distinct(instances.map((i) => i.az));
    return expectThat(
      instances.length >= MIN_INSTANCES && azs.length >= 2,
      `${instances.length} InService instance(s): ${instances.map((i) => `${i.id} (${i.az})`).join(', ')}; ` +
        `${azs.length} distinct AZ(s)`,
      `at least ${MIN_INSTANCES} InService instances in at least 2 AZs`,
    );
  },
};

const trackAverageCpu50: Experiment<Output> = {
  name: 'Track average CPU at 50 % with a 120 s instance warmup',
  fact: 'Target tracking keeps average CPU near 50 %; it waits for instance warmup, while the group cooldown holds back simple scaling only.',
  proof: 'configuration',
  measures: ['policyCooldown'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const group = await groupOf(context);
    const out = await asgOf(context).send(
      new DescribePoliciesCommand({ AutoScalingGroupName: group.AutoScalingGroupName }),
    );
    const policies = out.ScalingPolicies ?? [];
    const cpu = policies.find(
      (p) =>
        p.PolicyType === 'TargetTrackingScaling' &&
        p.TargetTrackingConfiguration?.PredefinedMetricSpecification?.PredefinedMetricType ===
          'ASGAverageCPUUtilization',
    );
    const tracking = cpu?.TargetTrackingConfiguration;
    const observed =
      `${policies.length} policy(ies): ${policies.map((p) => p.PolicyType).join(', ') || 'none'}; ` +
      `CPU target ${tracking?.TargetValue ?? 'none'} %, scale-in ${tracking?.DisableScaleIn ? 'disabled' : 'enabled'}, ` +
      `instance warmup ${cpu?.EstimatedInstanceWarmup ?? 'unset'} s, policy cooldown ${cpu?.Cooldown ?? 'none'}, ` +
      `${cpu?.Alarms?.length ?? 0} alarm(s); group default cooldown ${group.DefaultCooldown} s (simple scaling only)`;
    return withMeasurements(
      expectThat(
        tracking?.TargetValue === TARGET_CPU_PERCENT &&
          tracking.DisableScaleIn !== true &&
          cpu?.EstimatedInstanceWarmup === INSTANCE_WARMUP_SECONDS,
        observed,
        `a TargetTrackingScaling policy on ASGAverageCPUUtilization at ${TARGET_CPU_PERCENT} %, ` +
          `instance warmup ${INSTANCE_WARMUP_SECONDS} s`,
      ),
      { policyCooldown: cpu?.Cooldown === undefined ? 'none' : String(cpu.Cooldown) },
    );
  },
};

const healthCheckTargetsHttp: Experiment<Output> = {
  name: 'Health-check the targets with HTTP GET /',
  fact: 'The ELB health check makes the group replace unhealthy instances.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const { tg } = await webTargetGroupOf(context);
    const observed =
      `${tg.HealthCheckProtocol} ${tg.HealthCheckPath} on port ${tg.HealthCheckPort}, ` +
      `every ${tg.HealthCheckIntervalSeconds} s, timeout ${tg.HealthCheckTimeoutSeconds} s, ` +
      `healthy after ${tg.HealthyThresholdCount}, unhealthy after ${tg.UnhealthyThresholdCount}, ` +
      `codes ${tg.Matcher?.HttpCode}, enabled ${tg.HealthCheckEnabled}`;
    return expectThat(
      tg.HealthCheckEnabled !== false &&
        tg.HealthCheckProtocol === HEALTH_CHECK.protocol &&
        tg.HealthCheckPath === HEALTH_CHECK.path &&
        tg.HealthCheckPort === HEALTH_CHECK.port &&
        tg.HealthCheckIntervalSeconds === HEALTH_CHECK.interval &&
        tg.HealthCheckTimeoutSeconds === HEALTH_CHECK.timeout &&
        tg.HealthyThresholdCount === HEALTH_CHECK.thresholds &&
        tg.UnhealthyThresholdCount === HEALTH_CHECK.thresholds &&
        tg.Matcher?.HttpCode === '200',
      observed,
      `${HEALTH_CHECK.protocol} ${HEALTH_CHECK.path} on ${HEALTH_CHECK.port}, every ${HEALTH_CHECK.interval} s, ` +
        `timeout ${HEALTH_CHECK.timeout} s, thresholds ${HEALTH_CHECK.thresholds}/${HEALTH_CHECK.thresholds}, code 200`,
    );
  },
};

const admitHttpInstancesAlb: Experiment<Output> = {
  name: "Admit HTTP to the instances only from the ALB's group",
  fact: "Instances admit HTTP only from the ALB's security group (a group reference, not a CIDR).",
  proof: 'configuration',
  measures: ['instanceIngressRules'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const albGroups = lb.SecurityGroups ?? [];
    // The instances' group is the one their launch template gives them.
    const { data } = await launchTemplateDataOf(context);
    const instanceGroups = [
      ...(data.SecurityGroupIds ?? []),
      ...(data.NetworkInterfaces ?? []).flatMap((n) => n.Groups ?? []),
    ];
    if (instanceGroups.length !== 1 || albGroups.length !== 1) {
      return fail(
        `launch template groups: ${instanceGroups.join(', ') || 'none'}; ALB groups: ${albGroups.join(', ') || 'none'}`,
        'one security group on the instances and one on the ALB',
      );
    }
    const [instanceGroup] = instanceGroups;
    const [albGroup] = albGroups;
    const ingress = (await rulesOf(context, instanceGroup)).filter((r) => !r.IsEgress);
    const byAddress = ingress.filter((r) => r.CidrIpv4 || r.CidrIpv6 || r.PrefixListId);
    const fromAlb = ingress.filter(
      (r) =>
        r.ReferencedGroupInfo?.GroupId === albGroup &&
        r.IpProtocol === 'tcp' &&
        r.FromPort === WEB_PORT &&
        r.ToPort === WEB_PORT,
    );
    return withMeasurements(
      expectThat(
        ingress.length === 1 && fromAlb.length === 1 && byAddress.length === 0,
        `instance group ${instanceGroup}: ${ingress.length} ingress rule(s) [${ingress.map(describeRule).join('; ')}], ` +
          `${byAddress.length} by address; ALB group ${albGroup}`,
        `exactly one ingress rule, tcp:${WEB_PORT}-${WEB_PORT} from ${albGroup}, and no CIDR or prefix list`,
      ),
      { instanceIngressRules: ingress.length },
    );
  },
};

const bootAmazonLinux2023: Experiment<Output> = {
  name: 'Boot Amazon Linux 2023 with IMDSv2 required',
  fact: 'User data runs at first boot; instance metadata needs an IMDSv2 token here.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const { id, version, data } = await launchTemplateDataOf(context);
    const images = data.ImageId
      ? ((await ec2Of(context).send(new DescribeImagesCommand({ ImageIds: [data.ImageId] }))).Images ?? [])
      : [];
    const image = images[0];
    const userData = Buffer.from(data.UserData ?? '', 'base64').toString('utf8');
    // The page's instance id and AZ come from IMDS, which answers only with a session token.
    const usesToken = userData.includes('/api/token') && userData.includes('X-aws-ec2-metadata-token:');
    const amazonOwned = image?.ImageOwnerAlias === 'amazon' || image?.OwnerId === '137112412989';
    const observed =
      `${id} v${version}: HttpTokens ${data.MetadataOptions?.HttpTokens ?? 'unset'}, image ${data.ImageId} ` +
      `named ${image?.Name ?? 'unknown'} (owner ${image?.ImageOwnerAlias ?? image?.OwnerId ?? 'unknown'}), ` +
      `user data ${userData.length} bytes, fetches an IMDSv2 token: ${usesToken}`;
    return expectThat(
      data.MetadataOptions?.HttpTokens === 'required' &&
        (image?.Name ?? '').startsWith('al2023-ami-') &&
        amazonOwned &&
        usesToken,
      observed,
      'HttpTokens required, an Amazon-owned al2023-ami-* image, user data that fetches an IMDSv2 token',
    );
  },
};

const serveHttp200Through: Experiment<Output> = {
  name: 'Serve HTTP 200 through the ALB',
  fact: 'User data runs at first boot; instance metadata needs an IMDSv2 token here.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const url = outputOf(context, 'Url');
    const started = Date.now();
    let attempts = 0;
    let last = 'no answer yet';
    // 502/503 and DNS errors are expected while instances boot and pass their first health checks.
    const page = await pollUntil(INSTANCES_READY_DEADLINE_MS, 5_000, async () => {
      attempts += 1;
      const answer = await getPage(url);
      last = 'error' in answer ? answer.error : `HTTP ${answer.status}`;
      context.progress(`GET ${url}: ${last} (attempt ${attempts})`);
      return 'status' in answer && answer.status === 200 ? answer : undefined;
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (!page) return fail(`${attempts} attempt(s) over ${seconds} s, last: ${last}`, `HTTP 200 from ${url}`);
    const identity = pageIdentity(page.body);
    return expectThat(
      identity !== undefined,
      `HTTP 200 after ${seconds} s (${attempts} attempt(s)); page names ` +
        `${identity ? `${identity.instance} in ${identity.az}` : `nothing: ${page.body.slice(0, 120)}`}`,
      'HTTP 200 with a page naming the instance and its AZ',
    );
  },
};

const refuseImdsv1Instances: Experiment<Output> = {
  name: 'Refuse IMDSv1 on the instances',
  fact: 'User data runs at first boot; instance metadata needs an IMDSv2 token here.',
  proof: 'behaviour',
  measures: ['imdsv1Status'],
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    // At boot each instance asked IMDS once without a token and wrote the answer into its page.
    const url = outputOf(context, 'Url');
    const page = await pollUntil(INSTANCES_READY_DEADLINE_MS, 5_000, async () => {
      const answer = await getPage(url);
      return 'status' in answer && answer.status === 200 ? answer : undefined;
    });
    if (!page) return fail(`no HTTP 200 from ${url}`, 'a page written by the user data');
    const status = /IMDSv1 request without a token: HTTP (\d{3})/.exec(page.body)?.[1];
    const identity = pageIdentity(page.body);
    return withMeasurements(
      expectThat(
        status === '401',
        `${identity?.instance ?? 'an instance'}: IMDSv1 request without a token answered HTTP ${status ?? '(not on the page)'}`,
        'HTTP 401: with HttpTokens required, IMDS refuses requests without a session token',
      ),
      { imdsv1Status: status ?? 'none' },
    );
  },
};

const replaceInstanceMarkedUnhealthy: Experiment<Output> = {
  name: 'Replace an instance marked unhealthy',
  fact: 'The ELB health check makes the group replace unhealthy instances.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    // The load balancer's verdict cannot be forced from outside the instances (they take no SSH or
    // SSM here), so the experiment gives the group the same verdict through SetInstanceHealth.
    const before = await inServiceInstances(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    const victim = before[0];
    if (!victim) return fail('no InService instance to mark', `at least ${MIN_INSTANCES} InService`);
    await asgOf(context).send(
      new SetInstanceHealthCommand({
        InstanceId: victim.id,
        HealthStatus: 'Unhealthy',
        ShouldRespectGracePeriod: false,
      }),
    );
    const started = Date.now();
    const replaced = await pollUntil(INSTANCES_READY_DEADLINE_MS, 15_000, async () => {
      const group = await groupOf(context);
      const inService = (group.Instances ?? []).filter((i) => i.LifecycleState === 'InService');
      const ids = inService.map((i) => i.InstanceId ?? '');
      context.progress(`InService: ${ids.join(', ') || 'none'} (${victim.id} marked unhealthy)`);
      return !ids.includes(victim.id) && ids.length >= MIN_INSTANCES ? ids : undefined;
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    return expectThat(
      replaced !== undefined,
      replaced
        ? `${victim.id} marked Unhealthy; ${seconds} s later the group runs ${replaced.join(', ')} without it`
        : `${victim.id} marked Unhealthy; still not replaced after ${seconds} s`,
      `${victim.id} terminated and replaced, the group back at ${MIN_INSTANCES} InService`,
    );
  },
};

const answerInstancesTwoAzs: Experiment<Output> = {
  name: 'Answer from instances in two AZs',
  fact: 'Two instances minimum, in two AZs, for high availability.',
  proof: 'behaviour',
  skipOn: { ministack: RECORDS_ONLY_ON_MINISTACK, localstack: NO_ELB_ON_LOCALSTACK },
  async run(context): Promise<Outcome> {
    const url = outputOf(context, 'Url');
    // Until both targets are healthy the ALB sends everything to one; wait for two first.
    const { healthy, states } = await healthyTargets(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    if (healthy.length < MIN_INSTANCES) {
      return fail(`targets: ${states.join(', ') || 'none'}`, `at least ${MIN_INSTANCES} healthy targets`);
    }
    const seen = new Map<string, Set<string>>();
    const statuses = new Map<string, number>();
    let sent = 0;
    while (sent < MAX_SPREAD_REQUESTS && seen.size < 2) {
      sent += 1;
      const answer = await getPage(url);
      const key = 'error' in answer ? 'error' : String(answer.status);
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
      const identity = 'status' in answer && answer.status === 200 ? pageIdentity(answer.body) : undefined;
      if (identity) seen.set(identity.az, (seen.get(identity.az) ?? new Set()).add(identity.instance));
      context.progress(`${sent} request(s), AZs so far: ${[...seen.keys()].join(', ') || 'none'}`);
    }
    const spread = [...seen].map(([az, ids]) => `${az}: ${[...ids].join(', ')}`).join('; ');
    const codes = [...statuses].map(([code, n]) => `${n}x ${code}`).join(', ');
    const result = `${sent} request(s) (${codes}); answered from ${seen.size} AZ(s): ${spread || 'none'}`;
    return seen.size >= 2 ? pass(result) : fail(result, 'answers from instances in at least 2 AZs');
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  spreadInternetFacingAlb,
  refuseAlbSingleAz,
  forwardHttpPort80,
  answerDnsNameFixed,
  keep24Instances,
  replaceInstancesElbHealth,
  registerGroupTargetGroup,
  runInstancesTwoDifferent,
  trackAverageCpu50,
  healthCheckTargetsHttp,
  admitHttpInstancesAlb,
  bootAmazonLinux2023,
  serveHttp200Through,
  refuseImdsv1Instances,
  replaceInstanceMarkedUnhealthy,
  answerInstancesTwoAzs,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
