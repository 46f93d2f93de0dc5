import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const CONSISTENCY = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html#ConsistencyModel';
const DELETE_MARKERS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/DeleteMarker.html';
const RESTORE_VERSIONS =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/RestoringPreviousVersions.html';
const REQUIRE_SSE_KMS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html';
const BUCKET_KEYS = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-key.html';
const DEFAULT_ENCRYPTION =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingServerSideEncryption.html';
const BATCH_REPLICATION =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-batch-replication-existing-config.html';
const PRESIGNED = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-presigned-url.html';
const OBJECT_LOCK = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html';
const MFA_DELETE =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html';
const REPLICATION_TIME =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html';
const RETRIEVAL =
  'https://docs.aws.amazon.com/AmazonS3/latest/userguide/restoring-objects-retrieval-options.html';

/** The exam facts lab-06 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'Versioning is a bucket setting. A delete without a version id only adds a delete marker (a plain GET then answers 404); every earlier version stays, readable by its id, and is billed until it is deleted',
    notes:
      '`002_b4197942c38b97e3.txt` - S3 (versioning, delete markers); `004_290acbaf18f7d933.txt` - S3 Data Protection',
    sources: [DELETE_MARKERS],
    experiments: ['deleteMarkerKeepsVersions'],
  },
  {
    fact: 'S3 is strongly consistent: a GET right after an overwrite or a delete sees it, and a listing right after sees it too',
    notes:
      '`000_eb71e302648b0e53.txt` - consistency model; `004_290acbaf18f7d933.txt` - S3 consistency (both outdated)',
    sources: [CONSISTENCY],
    experiments: ['deleteMarkerKeepsVersions'],
  },
  {
    fact: 'Undelete by deleting the delete marker; roll back by copying an old version onto the key, which adds a new version (nothing is rewritten)',
    notes: '`004_290acbaf18f7d933.txt` - S3 Data Protection ("roll-back" and "un-delete")',
    sources: [RESTORE_VERSIONS],
    experiments: ['restoreVersion'],
  },
  {
    fact: 'SSE-KMS encrypts each object under a KMS key you control (key policy, CloudTrail audit); S3 decrypts on GET for a reader who may use the key (kms:Decrypt)',
    notes: '`002_b4197942c38b97e3.txt` - Encryption for S3 Objects',
    sources: [REQUIRE_SSE_KMS],
    experiments: ['encryptWithLabKey'],
  },
  {
    fact: "Default encryption applies the bucket's key to a put that names none; an S3 Bucket Key caches a bucket-level data key and so cuts the KMS requests (and their cost)",
    notes: '`002_b4197942c38b97e3.txt` - Encryption for S3 Objects',
    sources: [DEFAULT_ENCRYPTION, BUCKET_KEYS],
    experiments: ['defaultEncryption'],
    remark: 'The setting is read back; the saving in KMS requests is not measured here',
  },
  {
    fact: 'Every new object is encrypted (SSE-S3 at least, since January 2023); to insist on SSE-KMS, a bucket policy denies s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms (a missing header counts)',
    notes: '`002_b4197942c38b97e3.txt` - Encryption for S3 Objects ("enforce this with bucket policies")',
    sources: [DEFAULT_ENCRYPTION, REQUIRE_SSE_KMS],
    experiments: ['refuseUnencryptedPut'],
  },
  {
    fact: 'Encryption in transit is enforced by a bucket policy that denies requests with aws:SecureTransport false',
    notes:
      '`002_b4197942c38b97e3.txt` - Encryption for S3 Objects (encryption in transit); RDS note ("need to enforce SSL")',
    experiments: ['refusePlainHttp'],
  },
  {
    fact: 'Block Public Access overrides policies and ACLs: with BlockPublicPolicy on, S3 refuses a bucket policy that grants public access; with ACLs disabled (bucket owner enforced) ACLs grant nothing',
    notes: '`004_290acbaf18f7d933.txt` - S3 Security (resource-based: object ACL, bucket policy)',
    experiments: ['refusePublicPolicy'],
  },
  {
    fact: 'Replication needs versioning on both buckets and an IAM role; it copies only objects written after the rule exists (S3 Batch Replication copies the older ones), and SSE-KMS objects only when the rule opts in with a replica key',
    notes:
      '`000_eb71e302648b0e53.txt` - Cross Region Replication (requires versioning); `004_290acbaf18f7d933.txt` - cross-region replication',
    sources: [BATCH_REPLICATION],
    experiments: ['replicateNewObjects'],
    remark: 'same-region here (SRR); cross-region works the same way',
  },
  {
    fact: 'A delete in the source does not reach the replica unless the rule replicates delete markers; deletes of a specific version are never replicated, so the replica protects against mistaken deletes',
    notes: 'not in the notes (replication of deletes)',
    sources: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/delete-marker-replication.html'],
    experiments: ['keepReplicaOnDelete'],
  },
  {
    fact: 'Event notifications send one event per matching object (at least once) to SQS, SNS, Lambda or EventBridge; the destination policy must let s3.amazonaws.com deliver',
    notes: 'not in the notes (S3 event notifications)',
    experiments: ['notifyPerPut'],
  },
  {
    fact: 'A presigned URL lends the signer’s permission to anyone holding it until it expires (at most 7 days with SigV4)',
    notes: 'not in the notes (presigned URLs)',
    sources: [PRESIGNED],
    experiments: ['presignedUrl'],
  },
  {
    fact: 'A presigned URL works only as long as the credentials that signed it: one signed with temporary credentials (a role session) stops working when the session ends, even before its own expiry',
    notes: 'not in the notes (presigned URLs)',
    sources: [PRESIGNED],
    remark:
      'Not shown here: it needs a role session that ends during the run; the experiment signs with the caller’s own credentials',
  },
  {
    fact: 'Object Lock stores versions write-once-read-many: a retention period (governance mode, which a permitted user can bypass, or compliance mode, which nobody can) or a legal hold keeps a version from deletion. MFA Delete, which only the root user can turn on, requires an MFA code to delete a version or change versioning',
    notes: '`004_290acbaf18f7d933.txt` - S3 Data Protection',
    sources: [OBJECT_LOCK, MFA_DELETE],
    remark:
      'Not shown here: a locked version cannot be deleted until its retention ends, so the lab could not clean up, and MFA Delete needs the root user',
  },
  {
    fact: 'Replication Time Control (RTC) adds a 15-minute target backed by an SLA (99.99% of objects replicated within 15 minutes) and replication metrics, at an extra charge; without it replication is asynchronous with no time promise',
    notes: 'not in the notes (replication timing)',
    sources: [REPLICATION_TIME],
    remark: 'Not shown here: the lab replicates without RTC (it is billed per GB replicated)',
  },
  {
    fact: 'Lifecycle rules transition objects to cheaper classes (Standard-IA after 30 days at the earliest, Glacier classes) and expire noncurrent versions; Glacier Flexible Retrieval restores take minutes (Expedited) to hours (Standard 3-5 h), Glacier Instant Retrieval serves at once',
    notes:
      '`000_eb71e302648b0e53.txt` - Storage Tiers/Classes; `002_b4197942c38b97e3.txt` - tiered pricing; `004_290acbaf18f7d933.txt` - S3 Lifecycle Management',
    sources: [RETRIEVAL],
    experiments: ['lifecycleRules'],
    templateTests: ['the data bucket: lifecycle transitions and noncurrent version expiry'],
  },
];
