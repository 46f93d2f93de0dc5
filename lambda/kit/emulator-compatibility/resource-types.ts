/**
 * The custom resource types of the kit's emulator compatibility steps (see
 * lib/targets/compatibility/). Shared by the step modules, which put them in emulator-bound
 * templates, and by this folder's handler, which carries them out during the deploy. Imports
 * nothing, so the handler's bundle stays small.
 */
export const COMPAT_RESOURCE_TYPES = {
  /** An AWS::EC2::SecurityGroupIngress / SecurityGroupEgress rule, created through the EC2 API. */
  securityGroupRule: 'Custom::LabkitSecurityGroupRule',
  /** FifoTopic / ContentBasedDeduplication of an SNS topic, set through SetTopicAttributes. */
  fifoTopicAttributes: 'Custom::LabkitFifoTopicAttributes',
  /** The Targets of an ELBv2 target group, registered through RegisterTargets. */
  targetGroupTargets: 'Custom::LabkitTargetGroupTargets',
  /** Default encryption, lifecycle rules and replication of an S3 bucket, put through the S3 API. */
  bucketConfiguration: 'Custom::LabkitBucketConfiguration',
  /** The reserved concurrency of a Lambda function, put through PutFunctionConcurrency. */
  functionReservedConcurrency: 'Custom::LabkitFunctionReservedConcurrency',
  /** An AWS::SecretsManager::RotationSchedule, set through RotateSecret. */
  rotationSchedule: 'Custom::LabkitRotationSchedule',
  /** An AWS::Events::Archive, created, updated and deleted through the EventBridge API. */
  eventArchive: 'Custom::LabkitEventArchive',
} as const;

export type CompatResourceType = (typeof COMPAT_RESOURCE_TYPES)[keyof typeof COMPAT_RESOURCE_TYPES];
