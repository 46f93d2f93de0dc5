import { Aws, CfnOutput, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { EmptiedBucket } from '../../lib/constructs/emptied-bucket';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { QueueWithDeadLetter } from '../../lib/constructs/queue-with-dead-letter';
import type { Output } from './outputs';

/** Keys under this prefix are replicated to the replica bucket. */
export const REPLICATED_PREFIX = 'replicated/';
/** Objects created under this prefix send an event to the uploads queue. */
export const NOTIFIED_PREFIX = 'incoming/';

/**
 * lab-06 S3 data protection: one data bucket with every protection S3 offers for data at rest and
 * in transit, a replica bucket it copies to, and a queue told about every upload.
 *
 * The data bucket is versioned (a delete leaves a delete marker, every version stays readable by
 * id), encrypted by default with a customer managed KMS key and an S3 bucket key, refuses plain-HTTP
 * requests and puts that do not ask for SSE-KMS, blocks every form of public access and has ACLs
 * disabled. Lifecycle rules move current objects to cheaper storage classes and expire noncurrent
 * versions. New objects under `replicated/` are copied to the replica bucket (same region); new
 * objects under `incoming/` send an event to an SQS queue. Both buckets are emptied when the lab is
 * destroyed.
 */
export class S3DataProtectionStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const dataKey = new kms.Key(this, 'DataKey', {
      description: 'lab-06: encrypts the objects of the data and replica buckets',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // The replica must be versioned too: S3 refuses a replication rule towards an unversioned bucket.
    // Both buckets: Block Public Access, ACLs disabled, TLS required, emptied and deleted on destroy.
    const replica = new EmptiedBucket(this, 'Replica', {
      versioned: true,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: dataKey,
      bucketKeyEnabled: true,
      lifecycleRules: [{ id: 'expire-noncurrent', noncurrentVersionExpiration: Duration.days(30) }],
    }).bucket;

    // Named in advance, so the queue policy can name the bucket before the bucket exists (see below).
    const dataBucketName = `${this.stackName.toLowerCase()}-data-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const data = new EmptiedBucket(this, 'Data', {
      bucketName: dataBucketName,
      versioned: true,
      // Default encryption: an object put without an encryption header would still be SSE-KMS; the
      // bucket key cuts the KMS requests (and their cost) by caching a bucket-level data key.
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: dataKey,
      bucketKeyEnabled: true,
      lifecycleRules: [
        {
          id: 'tier-down-current',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) },
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) },
          ],
        },
        {
          id: 'expire-noncurrent',
          noncurrentVersionTransitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(30) },
          ],
          noncurrentVersionExpiration: Duration.days(60),
          noncurrentVersionsToRetain: 3,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        // A delete marker with no versions left behind it is removed (it would only clutter listings).
        { id: 'remove-expired-delete-markers', expiredObjectDeleteMarker: true },
      ],
      replicationRules: [
        {
          id: 'replicate-prefix',
          destination: replica,
          priority: 1,
          filter: { prefix: REPLICATED_PREFIX },
          // SSE-KMS objects replicate only when the rule says so and names the key for the replicas.
          sseKmsEncryptedObjects: true,
          kmsKey: dataKey,
          deleteMarkerReplication: false,
        },
      ],
    }).bucket;

    // A put that does not ask for SSE-KMS is refused (StringNotEquals is true when the header is absent).
    data.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyPutsWithoutSseKms',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [data.arnForObjects('*')],
        conditions: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
      }),
    );

    const uploads = new QueueWithDeadLetter(this, 'Uploads');
    notifyQueueOfUploads(data, dataBucketName, uploads.queue);

    // The role S3 assumes to replicate: only for this account's data bucket (confused deputy).
    const replicationRole = data.node.findChild('ReplicationRole').node.defaultChild as iam.CfnRole;
    replicationRole.addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Condition', {
      StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      ArnLike: { 'aws:SourceArn': `arn:${Aws.PARTITION}:s3:::${dataBucketName}` },
    });
    Validations.of(replicationRole.node.scope ?? replicationRole).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::<DataBucketE6B0FAA8.Arn>/*]',
        reason:
          'Replication reads every object version of the source bucket: the object ARN pattern of that one bucket.',
      },
      {
        id: 'AwsSolutions-IAM5[Resource::<ReplicaBucket80C984FB.Arn>/*]',
        reason:
          'Replication writes replicas of any key into the replica bucket: the object ARN pattern of that one bucket.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'The CDK key grant for encrypting replicas (GenerateDataKey and GenerateDataKeyWithoutPlaintext), on the lab key only.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason:
          'The CDK key grant for re-encrypting replicas under the replica key (ReEncryptFrom/To), on the lab key only.',
      },
    );

    for (const bucket of [data, replica]) {
      Validations.of(bucket).acknowledge({
        id: 'AwsSolutions-S1',
        reason:
          'Server access logs would need a third bucket that outlives nothing the lab teaches; the experiments observe every request they make.',
      });
    }

    const outputs: Record<Output, string> = {
      DataBucketName: data.bucketName,
      ReplicaBucketName: replica.bucketName,
      DataKeyArn: dataKey.keyArn,
      UploadsQueueUrl: uploads.queue.queueUrl,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}

/**
 * Sends an event to `queue` for every object created under {@link NOTIFIED_PREFIX} in `bucket`.
 *
 * Written as the bucket's own NotificationConfiguration rather than `bucket.addEventNotification`,
 * which deploys a Lambda-backed custom resource (its Python handler needs boto3, which MiniStack's
 * host process lacks, and LocalStack on the host runs no functions). S3 checks that it may send to
 * the queue when the configuration is written, so the queue policy must exist first; it names the
 * bucket by its planned name, which keeps the template free of a cycle (the pattern AWS documents
 * for CloudFormation).
 */
function notifyQueueOfUploads(bucket: s3.Bucket, bucketName: string, queue: sqs.Queue): void {
  const { policyDependable } = queue.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'S3UploadEventsFromTheDataBucket',
      principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
      actions: ['sqs:SendMessage'],
      resources: [queue.queueArn],
      conditions: {
        ArnEquals: { 'aws:SourceArn': `arn:${Aws.PARTITION}:s3:::${bucketName}` },
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      },
    }),
  );
  const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
  cfnBucket.notificationConfiguration = {
    queueConfigurations: [
      {
        event: 's3:ObjectCreated:*',
        queue: queue.queueArn,
        filter: { s3Key: { rules: [{ name: 'prefix', value: NOTIFIED_PREFIX }] } },
      },
    ],
  };
  if (policyDependable) bucket.node.addDependency(policyDependable);
}
