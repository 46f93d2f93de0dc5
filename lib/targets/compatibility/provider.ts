import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { CompatResourceType } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { LabFunction } from '../../constructs/lab-function';

/** Construct id of the compatibility function in an emulator-bound lab stack. */
export const COMPAT_PROVIDER_ID = 'LabkitCompatibility';

/** The resource types the compatibility function brings into a template (its LabFunction). */
export const COMPAT_PROVIDER_RESOURCE_TYPES = [
  'AWS::Lambda::Function',
  'AWS::Logs::LogGroup',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
] as const;

/**
 * How long the emulator's CloudFormation waits for the compatibility function's answer. MiniStack's
 * default is an hour, and a handler that never answers would hang the deploy that long.
 */
export const COMPAT_SERVICE_TIMEOUT_SECONDS = 60;

/**
 * The stack's compatibility function (lambda/kit/emulator-compatibility), created on first use: it
 * carries out the `deploy` steps' custom resources with the emulator's endpoint and the dummy
 * credentials the emulator gives every function. Emulator-bound templates only.
 */
function compatibilityProvider(stack: Stack): LabFunction {
  const existing = stack.node.tryFindChild(COMPAT_PROVIDER_ID) as LabFunction | undefined;
  if (existing) return existing;
  const provider = new LabFunction(stack, COMPAT_PROVIDER_ID, {
    handlerFolder: 'kit/emulator-compatibility',
    description: 'Emulator only: does what its CloudFormation leaves out (see lib/targets/compatibility)',
    retryAttempts: 0,
  });
  provider.function.addToRolePolicy(
    new iam.PolicyStatement({
      actions: [
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:AuthorizeSecurityGroupEgress',
        'ec2:RevokeSecurityGroupIngress',
        'ec2:RevokeSecurityGroupEgress',
        'sns:SetTopicAttributes',
        'elasticloadbalancing:RegisterTargets',
        'elasticloadbalancing:DeregisterTargets',
        's3:PutEncryptionConfiguration',
        's3:PutLifecycleConfiguration',
        's3:PutReplicationConfiguration',
        's3:PutBucketTagging',
        'lambda:PutFunctionConcurrency',
        'secretsmanager:RotateSecret',
        'events:CreateArchive',
        'events:UpdateArchive',
        'events:DeleteArchive',
        'events:DescribeArchive',
      ],
      resources: ['*'],
    }),
  );
  return provider;
}

/** A custom resource of a `deploy` step, carried out by the stack's compatibility function. */
export function compatibilityResource(
  scope: Construct,
  id: string,
  type: CompatResourceType,
  properties: Record<string, unknown>,
): CfnResource {
  const provider = compatibilityProvider(Stack.of(scope));
  return new CfnResource(scope, id, {
    type,
    properties: {
      ServiceToken: provider.function.functionArn,
      ServiceTimeout: COMPAT_SERVICE_TIMEOUT_SECONDS,
      ...properties,
    },
  });
}
