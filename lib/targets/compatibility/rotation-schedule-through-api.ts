import { CfnResource } from 'aws-cdk-lib';
import { CfnRotationSchedule } from 'aws-cdk-lib/aws-secretsmanager';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import type { CompatibilityStep } from './step';

/**
 * MiniStack 1.5.33's CloudFormation has no AWS::SecretsManager::RotationSchedule and rejects a
 * template that has one. On MiniStack each becomes a custom resource with the same logical id and
 * properties, which the kit's compatibility function carries out with RotateSecret (function and
 * rules) during the deploy. MiniStack's RotateSecret records the function and rules but does not
 * invoke the function (it promotes a copy of the current value), which the labs' guides say.
 */
export const rotationScheduleThroughApi: CompatibilityStep = {
  name: 'rotation-schedule-through-api',
  target: 'ministack',
  why:
    'MiniStack CloudFormation lacks AWS::SecretsManager::RotationSchedule; on MiniStack each becomes a custom ' +
    'resource (same logical id and properties) that turns rotation on with RotateSecret during the deploy.',
  covers: { resourceTypes: ['AWS::SecretsManager::RotationSchedule'] },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.rotationSchedule,
  transform(node) {
    const scope = node.node.scope;
    if (!(node instanceof CfnRotationSchedule) || !scope) return;
    const rules = node.rotationRules as CfnRotationSchedule.RotationRulesProperty | undefined;
    const properties = {
      SecretId: node.secretId,
      RotationLambdaARN: node.rotationLambdaArn,
      RotationRules: rules
        ? {
            AutomaticallyAfterDays: rules.automaticallyAfterDays,
            ScheduleExpression: rules.scheduleExpression,
            Duration: rules.duration,
          }
        : undefined,
      RotateImmediatelyOnUpdate: node.rotateImmediatelyOnUpdate,
    };
    // Same scope and id: same logical id, and the same dependencies (the function's permission).
    const dependencies = node.obtainDependencies();
    const id = node.node.id;
    scope.node.tryRemoveChild(id);
    const replacement = compatibilityResource(scope, id, COMPAT_RESOURCE_TYPES.rotationSchedule, properties);
    for (const dependency of dependencies)
      if (dependency instanceof CfnResource) replacement.addDependency(dependency);
  },
};
