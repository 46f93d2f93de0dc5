import { CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import {
  COMPAT_RESOURCE_TYPES,
  type CompatResourceType,
} from '../../../lambda/kit/emulator-compatibility/resource-types';
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

/** The API actions the compatibility function needs for each custom resource type (see its handlers). */
export const COMPAT_ACTIONS: Record<CompatResourceType, readonly string[]> = {
  [COMPAT_RESOURCE_TYPES.securityGroupRule]: [
    'ec2:AuthorizeSecurityGroupIngress',
    'ec2:AuthorizeSecurityGroupEgress',
    'ec2:RevokeSecurityGroupIngress',
    'ec2:RevokeSecurityGroupEgress',
  ],
  [COMPAT_RESOURCE_TYPES.fifoTopicAttributes]: ['sns:SetTopicAttributes'],
  [COMPAT_RESOURCE_TYPES.targetGroupTargets]: [
    'elasticloadbalancing:RegisterTargets',
    'elasticloadbalancing:DeregisterTargets',
  ],
  [COMPAT_RESOURCE_TYPES.bucketConfiguration]: [
    's3:PutEncryptionConfiguration',
    's3:PutLifecycleConfiguration',
    's3:PutReplicationConfiguration',
    's3:PutBucketTagging',
  ],
  [COMPAT_RESOURCE_TYPES.functionReservedConcurrency]: ['lambda:PutFunctionConcurrency'],
  [COMPAT_RESOURCE_TYPES.rotationSchedule]: ['secretsmanager:RotateSecret'],
  [COMPAT_RESOURCE_TYPES.eventArchive]: [
    'events:CreateArchive',
    'events:UpdateArchive',
    'events:DeleteArchive',
    'events:DescribeArchive',
  ],
};

/** Each stack's compatibility function and the one policy statement that grows with its resource types. */
const providers = new WeakMap<Stack, { provider: LabFunction; statement: iam.PolicyStatement }>();

/**
 * The stack's compatibility function (lambda/kit/emulator-compatibility), created on first use: it
 * carries out the `deploy` steps' custom resources with the emulator's endpoint and the dummy
 * credentials the emulator gives every function. Its role may call only the actions of the
 * resource types this stack uses, so the security diff `cdk deploy` shows names only what the lab
 * needs. Emulator-bound templates only.
 */
function compatibilityProvider(stack: Stack, type: CompatResourceType): LabFunction {
  let entry = providers.get(stack);
  if (!entry) {
    const provider = new LabFunction(stack, COMPAT_PROVIDER_ID, {
      handlerFolder: 'kit/emulator-compatibility',
      description: 'Emulator only: does what its CloudFormation leaves out (see lib/targets/compatibility)',
      retryAttempts: 0,
    });
    const statement = new iam.PolicyStatement({ resources: ['*'] });
    provider.function.addToRolePolicy(statement);
    entry = { provider, statement };
    providers.set(stack, entry);
  }
  // Two resources of one type grant its actions once.
  const granted = new Set(entry.statement.actions);
  entry.statement.addActions(...COMPAT_ACTIONS[type].filter((action) => !granted.has(action)));
  return entry.provider;
}

/** A custom resource of a `deploy` step, carried out by the stack's compatibility function. */
export function compatibilityResource(
  scope: Construct,
  id: string,
  type: CompatResourceType,
  properties: Record<string, unknown>,
): CfnResource {
  const provider = compatibilityProvider(Stack.of(scope), type);
  return new CfnResource(scope, id, {
    type,
    properties: {
      ServiceToken: provider.function.functionArn,
      ServiceTimeout: COMPAT_SERVICE_TIMEOUT_SECONDS,
      ...properties,
    },
  });
}
