/** Clients and reads of the deployed ALB, target group, Auto Scaling group, launch template and security groups. */

import {
  AutoScalingClient,
  type AutoScalingGroup,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupRulesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  type SecurityGroupRule,
} from '@aws-sdk/client-ec2';
import {
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type Listener,
  type LoadBalancer,
  paginateDescribeLoadBalancers,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { WEB_PORT } from './guide-facts';

/** The lab's ALB, found by the DNS name the stack outputs (DescribeLoadBalancers has no DNS filter). */
export async function loadBalancerOf(context: ExperimentContext<Output>): Promise<LoadBalancer> {
  const dnsName = outputOf(context, 'LoadBalancerDnsName').toLowerCase();
  for await (const page of paginateDescribeLoadBalancers(
    { client: clientOf(ElasticLoadBalancingV2Client, context) },
    {},
  )) {
    const found = page.LoadBalancers?.find((lb) => lb.DNSName?.toLowerCase() === dnsName);
    if (found) return found;
  }
  throw new Error(`no load balancer has the DNS name ${dnsName}`);
}

export async function listenersOf(context: ExperimentContext<Output>, lb: LoadBalancer): Promise<Listener[]> {
  const out = await clientOf(ElasticLoadBalancingV2Client, context).send(
    new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
  );
  return out.Listeners ?? [];
}

/** Target groups a listener's default forward action sends to (single-group or ForwardConfig form). */
export function forwardTargets(listener: Listener): string[] {
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
export async function webTargetGroupOf(
  context: ExperimentContext<Output>,
): Promise<{ lb: LoadBalancer; tg: TargetGroup }> {
  const lb = await loadBalancerOf(context);
  const listener = (await listenersOf(context, lb)).find((l) => l.Port === WEB_PORT);
  const arn = listener ? forwardTargets(listener)[0] : undefined;
  if (!arn) throw new Error(`the ALB has no listener on port ${WEB_PORT} forwarding to a target group`);
  const out = await clientOf(ElasticLoadBalancingV2Client, context).send(
    new DescribeTargetGroupsCommand({ TargetGroupArns: [arn] }),
  );
  const tg = out.TargetGroups?.[0];
  if (!tg) throw new Error(`target group ${arn} not found`);
  return { lb, tg };
}

export async function groupOf(context: ExperimentContext<Output>): Promise<AutoScalingGroup> {
  const name = outputOf(context, 'AutoScalingGroupName');
  const out = await clientOf(AutoScalingClient, context).send(
    new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
  );
  const group = out.AutoScalingGroups?.[0];
  if (!group) throw new Error(`Auto Scaling group ${name} not found`);
  return group;
}

/** Subnet id -> AZ, from DescribeSubnets (the subnet is the ground truth for where things run). */
export async function zonesOfSubnets(
  context: ExperimentContext<Output>,
  subnetIds: string[],
): Promise<Map<string, string>> {
  if (subnetIds.length === 0) return new Map();
  const out = await clientOf(EC2Client, context).send(new DescribeSubnetsCommand({ SubnetIds: subnetIds }));
  return new Map((out.Subnets ?? []).map((s) => [s.SubnetId ?? '', s.AvailabilityZone ?? '']));
}

export const describeZones = (zones: Map<string, string>) =>
  [...zones].map(([subnet, az]) => `${subnet} (${az})`).join(', ') || 'none';
export const distinct = (values: Iterable<string>) => [...new Set([...values].filter(Boolean))].sort();

/** The launch template version the group launches from, as deployed. */
export async function launchTemplateDataOf(context: ExperimentContext<Output>) {
  const group = await groupOf(context);
  const spec =
    group.LaunchTemplate ?? group.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
  if (!spec?.LaunchTemplateId) throw new Error(`group ${group.AutoScalingGroupName} has no launch template`);
  const out = await clientOf(EC2Client, context).send(
    new DescribeLaunchTemplateVersionsCommand({
      LaunchTemplateId: spec.LaunchTemplateId,
      Versions: [spec.Version ?? '$Default'],
    }),
  );
  const data = out.LaunchTemplateVersions?.[0]?.LaunchTemplateData;
  if (!data) throw new Error(`launch template ${spec.LaunchTemplateId} version ${spec.Version} not found`);
  return { id: spec.LaunchTemplateId, version: spec.Version ?? '$Default', data };
}

export async function rulesOf(
  context: ExperimentContext<Output>,
  groupId: string,
): Promise<SecurityGroupRule[]> {
  const out = await clientOf(EC2Client, context).send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  // Filter again: the answer must be about this group only, whatever the emulator does with filters.
  return (out.SecurityGroupRules ?? []).filter((r) => r.GroupId === groupId);
}

const peerOf = (rule: SecurityGroupRule) =>
  rule.ReferencedGroupInfo?.GroupId ?? rule.CidrIpv4 ?? rule.CidrIpv6 ?? rule.PrefixListId ?? '?';
export const describeRule = (rule: SecurityGroupRule) =>
  `${rule.IpProtocol}:${rule.FromPort}-${rule.ToPort} from ${peerOf(rule)}`;

/** InService instances of the group once at least `count` are, or what there is at the deadline. */
export async function inServiceInstances(
  context: ExperimentContext<Output>,
  count: number,
  deadlineMs: number,
) {
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
export async function healthyTargets(context: ExperimentContext<Output>, count: number, deadlineMs: number) {
  const { tg } = await webTargetGroupOf(context);
  let states: string[] = [];
  let healthy: string[] = [];
  await pollUntil(deadlineMs, 10_000, async () => {
    const out = await clientOf(ElasticLoadBalancingV2Client, context).send(
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
