import { type CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The construct id aws-cdk-lib gives the provider of every Custom::S3AutoDeleteObjects in a stack. */
const AUTO_DELETE_PROVIDER_ID = 'Custom::S3AutoDeleteObjectsCustomResourceProvider';

/**
 * A bucket that is emptied (every version and delete marker) and deleted with its stack.
 *
 * Default settings (each can be overridden through `props`, except the first two):
 * - `autoDeleteObjects` and removal policy DESTROY: a versioned bucket with objects cannot be
 *   deleted, so the CDK's auto-delete function empties it first
 * - the auto-delete function logs to a log group of the stack (one week, deleted with it, after the
 *   function and so after its last call): a log group Lambda creates by itself would survive the destroy
 * - Block Public Access on, ACLs disabled (bucket owner enforced), TLS required by the bucket policy
 */
export class EmptiedBucket extends Construct {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: s3.BucketProps = {}) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      ...props,
      autoDeleteObjects: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    autoDeleteLogGroup(Stack.of(this));
  }
}

/**
 * The one log group of the stack's auto-delete function (shared by every emptied bucket), set as the
 * function's LoggingConfig: the function then depends on it, so CloudFormation deletes the group last.
 */
function autoDeleteLogGroup(stack: Stack): logs.LogGroup {
  const id = 'AutoDeleteObjectsLogs';
  const existing = stack.node.tryFindChild(id) as logs.LogGroup | undefined;
  if (existing) return existing;
  const provider = stack.node.tryFindChild(AUTO_DELETE_PROVIDER_ID);
  const handler = provider?.node.tryFindChild('Handler') as CfnResource | undefined;
  if (!handler)
    throw new Error(
      `aws-cdk-lib no longer names its auto-delete provider ${AUTO_DELETE_PROVIDER_ID}/Handler`,
    );
  const logGroup = new logs.LogGroup(stack, id, {
    retention: logs.RetentionDays.ONE_WEEK,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  handler.addPropertyOverride('LoggingConfig', { LogGroup: logGroup.logGroupName });
  return logGroup;
}
