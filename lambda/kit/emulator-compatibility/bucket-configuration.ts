import {
  type BucketLifecycleConfiguration,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketReplicationCommand,
  PutBucketTaggingCommand,
  type ReplicationConfiguration,
  type S3Client,
  type ServerSideEncryptionConfiguration,
} from '@aws-sdk/client-s3';

/**
 * The properties of a Custom::LabkitBucketConfiguration: the bucket, and the settings of its
 * AWS::S3::Bucket that MiniStack's CloudFormation leaves out, as the template writes them.
 * CloudFormation passes every scalar to a custom resource as a string, so numbers and booleans are
 * converted back here.
 */
export interface BucketConfigurationProperties {
  readonly BucketName: string;
  readonly BucketEncryption?: { ServerSideEncryptionConfiguration?: CfnObject[] };
  readonly LifecycleConfiguration?: { Rules?: CfnObject[] };
  readonly ReplicationConfiguration?: { Role?: string; Rules?: CfnObject[] };
  readonly Tags?: { Key: string; Value: string }[];
}

// biome-ignore lint/suspicious/noExplicitAny: CloudFormation property bags, checked field by field below
type CfnObject = Record<string, any>;

const bool = (value: unknown) => (value === undefined ? undefined : value === true || value === 'true');
const num = (value: unknown) => (value === undefined ? undefined : Number(value));
const status = (value: unknown) => (value === undefined ? undefined : String(value));

/** BucketEncryption as PutBucketEncryption takes it. */
export function encryptionOf(props: NonNullable<BucketConfigurationProperties['BucketEncryption']>) {
  return {
    Rules: (props.ServerSideEncryptionConfiguration ?? []).map((rule) => ({
      ApplyServerSideEncryptionByDefault: rule.ServerSideEncryptionByDefault
        ? {
            SSEAlgorithm: rule.ServerSideEncryptionByDefault.SSEAlgorithm,
            KMSMasterKeyID: rule.ServerSideEncryptionByDefault.KMSMasterKeyID,
          }
        : undefined,
      BucketKeyEnabled: bool(rule.BucketKeyEnabled),
    })),
  } as ServerSideEncryptionConfiguration;
}

/** LifecycleConfiguration as PutBucketLifecycleConfiguration takes it (the template's names differ). */
export function lifecycleOf(props: NonNullable<BucketConfigurationProperties['LifecycleConfiguration']>) {
  return {
    Rules: (props.Rules ?? []).map((rule) => {
      const expiration =
        rule.ExpirationInDays !== undefined || rule.ExpiredObjectDeleteMarker !== undefined
          ? {
              Days: num(rule.ExpirationInDays),
              ExpiredObjectDeleteMarker: bool(rule.ExpiredObjectDeleteMarker),
            }
          : undefined;
      return {
        ID: rule.Id,
        Status: status(rule.Status),
        Filter: { Prefix: rule.Prefix ?? '' },
        Transitions: rule.Transitions?.map((t: CfnObject) => ({
          StorageClass: t.StorageClass,
          Days: num(t.TransitionInDays),
        })),
        NoncurrentVersionTransitions: rule.NoncurrentVersionTransitions?.map((t: CfnObject) => ({
          StorageClass: t.StorageClass,
          NoncurrentDays: num(t.TransitionInDays),
          NewerNoncurrentVersions: num(t.NewerNoncurrentVersions),
        })),
        NoncurrentVersionExpiration: rule.NoncurrentVersionExpiration
          ? {
              NoncurrentDays: num(rule.NoncurrentVersionExpiration.NoncurrentDays),
              NewerNoncurrentVersions: num(rule.NoncurrentVersionExpiration.NewerNoncurrentVersions),
            }
          : undefined,
        AbortIncompleteMultipartUpload: rule.AbortIncompleteMultipartUpload
          ? { DaysAfterInitiation: num(rule.AbortIncompleteMultipartUpload.DaysAfterInitiation) }
          : undefined,
        Expiration: expiration,
      };
    }),
  } as BucketLifecycleConfiguration;
}

/** ReplicationConfiguration as PutBucketReplication takes it. */
export function replicationOf(props: NonNullable<BucketConfigurationProperties['ReplicationConfiguration']>) {
  return {
    Role: props.Role,
    Rules: (props.Rules ?? []).map((rule) => ({
      ID: rule.Id,
      Priority: num(rule.Priority),
      Status: status(rule.Status),
      Filter: rule.Filter ? { Prefix: rule.Filter.Prefix } : undefined,
      DeleteMarkerReplication: rule.DeleteMarkerReplication
        ? { Status: status(rule.DeleteMarkerReplication.Status) }
        : undefined,
      SourceSelectionCriteria: rule.SourceSelectionCriteria?.SseKmsEncryptedObjects
        ? {
            SseKmsEncryptedObjects: {
              Status: status(rule.SourceSelectionCriteria.SseKmsEncryptedObjects.Status),
            },
          }
        : undefined,
      Destination: {
        Bucket: rule.Destination?.Bucket,
        StorageClass: rule.Destination?.StorageClass,
        EncryptionConfiguration: rule.Destination?.EncryptionConfiguration
          ? { ReplicaKmsKeyID: rule.Destination.EncryptionConfiguration.ReplicaKmsKeyID }
          : undefined,
      },
    })),
  } as ReplicationConfiguration;
}

/** Puts the bucket's default encryption, lifecycle rules, replication and tags, whichever the template sets. */
export async function applyBucketConfiguration(
  s3: Pick<S3Client, 'send'>,
  props: BucketConfigurationProperties,
): Promise<void> {
  const Bucket = props.BucketName;
  if (props.BucketEncryption) {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: encryptionOf(props.BucketEncryption),
      }),
    );
  }
  if (props.LifecycleConfiguration) {
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket,
        LifecycleConfiguration: lifecycleOf(props.LifecycleConfiguration),
      }),
    );
  }
  if (props.ReplicationConfiguration) {
    await s3.send(
      new PutBucketReplicationCommand({
        Bucket,
        ReplicationConfiguration: replicationOf(props.ReplicationConfiguration),
      }),
    );
  }
  if (props.Tags && props.Tags.length > 0) {
    await s3.send(
      new PutBucketTaggingCommand({
        Bucket,
        Tagging: { TagSet: props.Tags.map(({ Key, Value }) => ({ Key, Value: String(Value) })) },
      }),
    );
  }
}
