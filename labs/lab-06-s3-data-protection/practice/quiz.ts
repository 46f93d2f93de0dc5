import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-06 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'Users sometimes delete or overwrite important files in an S3 bucket by mistake. The company must be able to recover any earlier state of a file. What is the simplest solution?',
    choices: [
      'Enable versioning on the bucket',
      'Enable cross-region replication',
      'Take daily AWS Backup snapshots of the bucket',
      'Turn on S3 server access logging',
    ],
    answer: [0],
    explanation:
      'With versioning a delete only adds a delete marker and an overwrite adds a version: every earlier version stays readable by id and can be restored. Replication alone copies deletes of the current state when delete marker replication is on, and logs restore nothing.',
    shownBy: { experiment: 'deleteMarkerKeepsVersions' },
    domain: 'resilient',
  },
  {
    question:
      'A security policy requires every object in a bucket to be encrypted with a customer managed KMS key, and uploads that do not request it must fail. What do you configure? (Choose two.)',
    choices: [
      'Default bucket encryption with SSE-KMS and the customer managed key',
      'A bucket policy that denies s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms',
      'An IAM policy that allows kms:Encrypt for every user',
      'S3 Object Lock in compliance mode',
    ],
    answer: [0, 1],
    explanation:
      'Default encryption encrypts puts that name nothing; the Deny with StringNotEquals (true when the header is missing) refuses every put that does not ask for SSE-KMS. Object Lock is about retention, not encryption.',
    shownBy: { experiment: 'refuseUnencryptedPut' },
    domain: 'secure',
  },
  {
    question:
      'A bucket encrypted with SSE-KMS receives millions of small objects per day and the KMS request bill is high. What lowers it without changing the key?',
    choices: [
      'Enable an S3 Bucket Key on the bucket',
      'Switch to client-side encryption',
      'Move the objects to S3 Standard-IA',
      'Request a higher KMS request quota',
    ],
    answer: [0],
    explanation:
      'A bucket key lets S3 use a short-lived bucket-level data key from KMS instead of calling KMS for every object, cutting KMS requests (and cost) by up to 99 %.',
    shownBy: { experiment: 'defaultEncryption' },
    domain: 'cost',
  },
  {
    question:
      'A company enables replication from an existing bucket to a bucket in another Region. Which objects are copied without further action?',
    choices: [
      'Only objects created or updated after the replication configuration was added',
      'Every object in the bucket, in the background',
      'Only objects smaller than 5 GB',
      'Only objects encrypted with SSE-S3 and written after the rule exists',
    ],
    answer: [0],
    explanation:
      'Live replication copies new writes only (SSE-KMS ones too when the rule opts in with a replica key); existing objects need S3 Batch Replication. Both buckets must be versioned.',
    shownBy: { experiment: 'replicateNewObjects' },
    domain: 'resilient',
  },
  {
    question:
      'A disaster-recovery copy of a bucket is kept by replication. A user deletes files in the source bucket by mistake. How does the default replication configuration protect the copies?',
    choices: [
      'Delete markers are not replicated unless delete marker replication is enabled, so the replica still serves the files',
      'Deletes are replicated after a 24-hour delay',
      'The replica bucket rejects deletes because it is read-only',
      'Replication moves deleted objects to Glacier in the replica',
    ],
    answer: [0],
    explanation:
      'Without DeleteMarkerReplication the marker stays in the source only; deletes of a specific version are never replicated. Turning delete marker replication on makes the replica hide the objects too.',
    shownBy: { challenge: 'deleted-files-gone-from-dr-copy' },
    domain: 'resilient',
  },
  {
    question:
      'A mobile app must let users download a private object for the next 10 minutes without AWS credentials. What should the backend hand out?',
    choices: [
      'A presigned GET URL that expires in 10 minutes',
      'The object ARN and a public bucket policy for 10 minutes',
      'Temporary credentials of the backend IAM role',
      'A CloudFront URL without signing',
    ],
    answer: [0],
    explanation:
      'A presigned URL carries the signer’s permission and an expiry: anyone holding it can GET the object until then, and S3 refuses it afterwards (403). A public policy exposes every object, and Block Public Access would refuse it anyway.',
    shownBy: { experiment: 'presignedUrl' },
    domain: 'developing',
  },
  {
    question:
      'An application must process every CSV file uploaded under incoming/ in a bucket, decoupled from the upload and with retries. Which design fits?',
    choices: [
      'An S3 event notification for s3:ObjectCreated:* with prefix incoming/ to an SQS queue, read by a consumer',
      'A scheduled job that lists the bucket every minute',
      'S3 replication to a processing bucket',
      'An S3 lifecycle rule that moves new files to the processor',
    ],
    answer: [0],
    explanation:
      'S3 sends one event per new object matching the filter (at least once); the queue buffers them, and its policy must let s3.amazonaws.com send for this bucket. Listing misses nothing only at great cost; replication and lifecycle do not run code.',
    shownBy: { experiment: 'notifyPerPut' },
    domain: 'developing',
  },
  {
    question:
      'Noncurrent object versions make a versioned bucket grow without bound. Old versions must be kept 60 days and rarely read, but at once when needed. Which lifecycle rule fits? ',
    choices: [
      'Transition noncurrent versions to Glacier Instant Retrieval after 30 days and expire them after 60',
      'Expire current objects after 60 days',
      'Transition noncurrent versions to Glacier Deep Archive after 1 day',
      'Suspend versioning after 60 days',
    ],
    answer: [0],
    explanation:
      'Noncurrent version actions act on old versions only; Glacier Instant Retrieval serves in milliseconds (Deep Archive takes hours), and expiry removes them after 60 days. Expiring current objects would delete live data.',
    shownBy: { experiment: 'lifecycleRules' },
    domain: 'cost',
  },
];
