/**
 * lab-03 experiments: the web tier's control plane, read back through the ELBv2, Auto Scaling and
 * EC2 APIs, proves the ALB spans two AZs and forwards port 80 to the target group, the group keeps
 * 2-4 instances across two AZs with the ELB health check and CPU target tracking (120 s warmup),
 * the instances admit HTTP only from the ALB's security group, and the launch template boots
 * Amazon Linux 2023 with IMDSv2 required. On real AWS the data plane follows: HTTP 200 through the
 * ALB's DNS name, answered by instances in two different AZs, whose IMDS refuses IMDSv1. Creating
 * an ALB in a single AZ is refused (behaviour, on every target that checks it).
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import {
  cpuTargetTracking,
  groupKeepsTwoToFour,
  groupUsesElbHealth,
  instancesInTwoAzs,
  instancesRegistered,
} from './auto-scaling-group';
import { al2023WithImdsv2, httpHealthCheck, httpOnlyFromAlb } from './instance-settings';
import { albHasDnsName, albSpansTwoAzs, port80ForwardsToTargets, singleAzAlbRefused } from './load-balancer';
import {
  answersFromTwoAzs,
  http200ThroughAlb,
  imdsv1Refused,
  unhealthyInstanceReplaced,
} from './running-instances';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  albSpansTwoAzs,
  singleAzAlbRefused,
  port80ForwardsToTargets,
  albHasDnsName,
  groupKeepsTwoToFour,
  groupUsesElbHealth,
  instancesRegistered,
  instancesInTwoAzs,
  cpuTargetTracking,
  httpHealthCheck,
  httpOnlyFromAlb,
  al2023WithImdsv2,
  http200ThroughAlb,
  imdsv1Refused,
  unhealthyInstanceReplaced,
  answersFromTwoAzs,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
