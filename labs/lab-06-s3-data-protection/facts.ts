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
    fact: 'SSE-KMS encrypts each object under a KMS key you control (key policy, CloudTrail audit); readers need kms:Decrypt too. A bucket key caches a bucket-level data key and cuts the KMS requests',
    notes: '`002_b4197942c38b97e3.txt` - Encryption for S3 Objects',
    sources: [REQUIRE_SSE_KMS, BUCKET_KEYS],
    experiments: ['encryptWithLabKey', 'defaultEncryption'],
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
    fact: 'Lifecycle rules transition objects to cheaper classes (Standard-IA after 30 days at the earliest, Glacier classes) and expire noncurrent versions; Glacier Flexible Retrieval restores take minutes (Expedited) to hours (Standard 3-5 h), Glacier Instant Retrieval serves at once',
    notes:
      '`000_eb71e302648b0e53.txt` - Storage Tiers/Classes; `002_b4197942c38b97e3.txt` - tiered pricing; `004_290acbaf18f7d933.txt` - S3 Lifecycle Management',
    sources: [RETRIEVAL],
    experiments: ['lifecycleRules'],
    templateTests: ['the data bucket: lifecycle transitions and noncurrent version expiry'],
  },
];
