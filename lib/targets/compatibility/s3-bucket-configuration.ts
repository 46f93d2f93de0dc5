import { Lazy } from 'aws-cdk-lib';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import { type CompatibilityStep, hasResource } from './step';

/** The AWS::S3::Bucket properties MiniStack's CloudFormation does not apply, and the step puts. */
const LEFT_OUT = ['BucketEncryption', 'LifecycleConfiguration', 'ReplicationConfiguration', 'Tags'] as const;

/**
 * MiniStack 1.5.33's CloudFormation creates AWS::S3::Bucket with versioning, notifications, the
 * public access block and policy, but leaves out default encryption, lifecycle rules, replication
 * and tags (the bucket would use SSE-S3, keep every version, copy nothing, and the CDK's
 * auto-delete function, which checks a tag, would refuse to empty it). Its S3 API honours all four,
 * so on MiniStack a custom resource next to each such bucket puts them during the deploy, from the
 * same template properties.
 */
export const s3BucketConfiguration: CompatibilityStep = {
  name: 's3-bucket-configuration',
  target: 'ministack',
  why:
    'MiniStack CloudFormation leaves BucketEncryption, LifecycleConfiguration, ReplicationConfiguration and Tags ' +
    'out of AWS::S3::Bucket (the bucket would fall back to SSE-S3, replicate nothing, and not be emptied by the ' +
    "CDK's auto-delete function); on MiniStack a custom resource next to each such bucket puts them through " +
    'PutBucketEncryption, PutBucketLifecycleConfiguration, PutBucketReplication and PutBucketTagging during the deploy.',
  covers: {
    resourceTypes: ['AWS::S3::Bucket'],
    behaviour: 'default encryption, lifecycle rules, replication and tags of a bucket',
    appliesTo: (template) =>
      hasResource(template, ['AWS::S3::Bucket'], (p) => LEFT_OUT.some((name) => p[name] !== undefined)),
  },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.bucketConfiguration,
  transform(node, stack) {
    if (!(node instanceof CfnBucket) || !node.node.scope) return;
    // The properties as the template renders them (CloudFormation names, intrinsics resolved), read
    // when the template is written: tags, including the CDK's auto-delete tag, are added by aspects
    // after this transform runs.
    const rendered = (): Record<string, unknown> => {
      const template = stack.resolve(
        (node as unknown as { _toCloudFormation(): object })._toCloudFormation(),
      ) as { Resources: Record<string, { Properties?: Record<string, unknown> }> };
      return Object.values(template.Resources)[0]?.Properties ?? {};
    };
    compatibilityResource(
      node.node.scope,
      `${node.node.id}Configuration`,
      COMPAT_RESOURCE_TYPES.bucketConfiguration,
      {
        BucketName: node.ref,
        ...Object.fromEntries(LEFT_OUT.map((name) => [name, Lazy.any({ produce: () => rendered()[name] })])),
      },
    );
  },
};
