/** The Auto Scaling group: 2-4 instances over two AZs, the ELB health check, the target group, CPU target tracking. */

import { AutoScalingClient, DescribePoliciesCommand } from '@aws-sdk/client-auto-scaling';
import {
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, fail, withMeasurements } from '../../../lib/experiments/experiment';
import { pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import {
  describeZones,
  distinct,
  groupOf,
  inServiceInstances,
  webTargetGroupOf,
  zonesOfSubnets,
} from './aws-lookups';
import {
  DESIRED_INSTANCES,
  HEALTH_CHECK_GRACE_SECONDS,
  INSTANCE_WARMUP_SECONDS,
  INSTANCES_READY_DEADLINE_MS,
  MAX_INSTANCES,
  MIN_INSTANCES,
  NO_ELB_ON_LOCALSTACK,
  RECORDS_ONLY_ON_MINISTACK,
  TARGET_CPU_PERCENT,
} from './guide-facts';

export const groupKeepsTwoToFour: Experiment<Output> = {
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
        azs.length < 2 ? 'one-az' : `capacity:${group.MinSize}-${group.MaxSize}/${group.DesiredCapacity}`,
      ),
      { minInstances: group.MinSize ?? 0 },
    );
  },
};

export const groupUsesElbHealth: Experiment<Output> = {
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
      group.HealthCheckType !== 'ELB' ? `health-check-type:${group.HealthCheckType}` : 'grace-period',
    );
  },
};

export const instancesRegistered: Experiment<Output> = {
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
        'not-attached',
      );
    }
    // The group registers each instance it launches; wait for the launches, then compare.
    const instances = await inServiceInstances(context, MIN_INSTANCES, INSTANCES_READY_DEADLINE_MS);
    let registered: string[] = [];
    const allRegistered = await pollUntil(INSTANCES_READY_DEADLINE_MS / 4, 10_000, async () => {
      const out = await clientOf(ElasticLoadBalancingV2Client, context).send(
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
      instances.length < MIN_INSTANCES ? `instances:${instances.length}` : 'not-registered',
    );
  },
};

export const instancesInTwoAzs: Experiment<Output> = {
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
      azs.length < 2 ? 'one-az' : `instances:${instances.length}`,
    );
  },
};

export const cpuTargetTracking: Experiment<Output> = {
  name: 'Track average CPU at 50 % with a 120 s instance warmup',
  fact: 'Target tracking keeps average CPU near 50 %; it scales out without waiting for the group cooldown and waits for instance warmup instead.',
  proof: 'configuration',
  measures: ['policyCooldown'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const group = await groupOf(context);
    const out = await clientOf(AutoScalingClient, context).send(
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
      `${cpu?.Alarms?.length ?? 0} alarm(s); group default cooldown ${group.DefaultCooldown} s (simple scaling; target tracking scale-in)`;
    return withMeasurements(
      expectThat(
        tracking?.TargetValue === TARGET_CPU_PERCENT &&
          tracking.DisableScaleIn !== true &&
          cpu?.EstimatedInstanceWarmup === INSTANCE_WARMUP_SECONDS,
        observed,
        `a TargetTrackingScaling policy on ASGAverageCPUUtilization at ${TARGET_CPU_PERCENT} %, ` +
          `instance warmup ${INSTANCE_WARMUP_SECONDS} s`,
        !tracking
          ? 'no-cpu-tracking'
          : tracking.DisableScaleIn === true
            ? 'scale-in-disabled'
            : tracking.TargetValue !== TARGET_CPU_PERCENT
              ? `target:${tracking.TargetValue}`
              : 'warmup',
      ),
      { policyCooldown: cpu?.Cooldown === undefined ? 'none' : String(cpu.Cooldown) },
    );
  },
};
