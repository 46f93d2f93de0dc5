import { Lazy } from 'aws-cdk-lib';
import { CfnTargetGroup } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import { type CompatibilityStep, hasResource } from './step';

const hasTargets = (value: unknown) => Array.isArray(value) && value.length > 0;

/**
 * MiniStack's CloudFormation keeps a target group's `Targets` out of the group (lab-01's Lambda
 * target would answer "no registered targets"). On MiniStack a custom resource next to each such
 * target group registers the same targets through the ELBv2 API during the deploy.
 */
export const registerTargetGroupTargets: CompatibilityStep = {
  name: 'register-target-group-targets',
  target: 'ministack',
  why:
    "MiniStack CloudFormation does not register a target group's Targets (a Lambda target behind an ALB answers " +
    '"no registered targets"); on MiniStack a custom resource next to the target group registers them through the ' +
    'ELBv2 API during the deploy.',
  covers: {
    resourceTypes: ['AWS::ElasticLoadBalancingV2::TargetGroup'],
    behaviour: 'target groups with Targets in the template',
    appliesTo: (template) =>
      hasResource(template, ['AWS::ElasticLoadBalancingV2::TargetGroup'], (p) => hasTargets(p.Targets)),
  },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.targetGroupTargets,
  transform(node, stack) {
    if (!(node instanceof CfnTargetGroup) || !node.node.scope || !hasTargets(stack.resolve(node.targets)))
      return;
    compatibilityResource(
      node.node.scope,
      `${node.node.id}Targets`,
      COMPAT_RESOURCE_TYPES.targetGroupTargets,
      {
        TargetGroupArn: node.ref,
        // The L1 holds its targets in CDK's camelCase form; the custom resource gets CloudFormation's.
        Targets: Lazy.any({
          produce: () =>
            ((stack.resolve(node.targets) ?? []) as CfnTargetGroup.TargetDescriptionProperty[]).map((t) => ({
              Id: t.id,
              Port: t.port,
              AvailabilityZone: t.availabilityZone,
            })),
        }),
      },
    );
  },
};
