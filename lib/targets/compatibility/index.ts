import type { Stack } from 'aws-cdk-lib';
import type { Target } from '../../lab/catalogue';
import { cloudFrontOriginWithoutTlsDeny } from './cloudfront-origin-without-tls-deny';
import { createEventArchives } from './create-event-archives';
import { defaultLogGroups } from './default-log-groups';
import { deferSecurityGroupRules } from './defer-security-group-rules';
import { fifoTopicAttributes } from './fifo-topic-attributes';
import { functionReservedConcurrency } from './function-reserved-concurrency';
import { lateLogGroups } from './late-log-groups';
import { leaveOutNetworkAclsAndFlowLogs } from './leave-out-network-acls-and-flow-logs';
import { COMPAT_PROVIDER_ID, COMPAT_PROVIDER_RESOURCE_TYPES } from './provider';
import { registerTargetGroupTargets } from './register-target-group-targets';
import { rotationScheduleThroughApi } from './rotation-schedule-through-api';
import { routeLoadBalancerUrls } from './route-load-balancer-urls';
import { s3BucketConfiguration } from './s3-bucket-configuration';
import { servedAl2023AmiParameter } from './served-al2023-ami-parameter';
import { type CompatibilityStep, type StepTemplate, stepApplies } from './step';

export { COMPAT_PROVIDER_ID } from './provider';
export { emulatorEndpointForTemplates, routedThroughEmulator } from './route-load-balancer-urls';
export { AL2023_AMI_PARAMETER, MINISTACK_AL2023_AMI_PARAMETER } from './served-al2023-ami-parameter';
export type { CompatibilityStep, DestroyedStack, StepPhase, StepTemplate } from './step';
export { stepApplies } from './step';

/** Every compatibility step the kit knows, for every target: one module each in this folder. */
export const COMPATIBILITY_STEPS: readonly CompatibilityStep[] = [
  deferSecurityGroupRules,
  fifoTopicAttributes,
  registerTargetGroupTargets,
  s3BucketConfiguration,
  functionReservedConcurrency,
  routeLoadBalancerUrls,
  lateLogGroups,
  servedAl2023AmiParameter,
  cloudFrontOriginWithoutTlsDeny,
  leaveOutNetworkAclsAndFlowLogs,
  rotationScheduleThroughApi,
  createEventArchives,
  defaultLogGroups,
];

/** Every step of a target. */
export function compatibilityStepsFor(target: Target): CompatibilityStep[] {
  return COMPATIBILITY_STEPS.filter((step) => step.target === target);
}

/**
 * The steps that apply to one lab on `target`, computed from the lab's template as built for AWS
 * (before any step; see lib/docs/lab-template.ts).
 */
export function stepsFor(template: StepTemplate, target: Target): CompatibilityStep[] {
  const steps = compatibilityStepsFor(target);
  const applying = steps.filter((step) => stepApplies(step, template));
  if (!applying.some((step) => step.phase === 'deploy')) return applying;
  // A `deploy` step brings the compatibility function into the template: steps about functions
  // (late-log-groups) apply to it too.
  const withProvider: StepTemplate = {
    ...template,
    Resources: {
      ...template.Resources,
      ...Object.fromEntries(
        COMPAT_PROVIDER_RESOURCE_TYPES.map((Type, i) => [`${COMPAT_PROVIDER_ID}${i}`, { Type }]),
      ),
    },
  };
  return steps.filter((step) => stepApplies(step, withProvider));
}

/**
 * Builds a lab stack for `target`: runs each step's synth-time transform over every construct of
 * the stack (once, right after the lab's constructor). A step that does not apply changes nothing.
 */
export function applyCompatibilitySteps(
  stack: Stack,
  target: Target,
  steps: readonly CompatibilityStep[] = compatibilityStepsFor(target),
): void {
  const transforms = steps.filter((step) => step.transform);
  if (transforms.length === 0) return;
  for (const node of stack.node.findAll()) {
    for (const step of transforms) step.transform?.(node, stack);
  }
}
