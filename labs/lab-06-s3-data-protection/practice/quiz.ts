import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-06 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'Users sometimes delete or overwrite important files in an S3 bucket by mistake. The company must be able to recover any earlier state of a file. What is the simplest solution?',
    choices: [
      {
        text: 'Enable cross-region replication to a second bucket',
        wrong: 'replication needs versioning anyway, and it copies each overwrite to the replica too',
      },
      {
        text: 'Take daily AWS Backup snapshots of the bucket',
        wrong: 'it restores only the daily states, so a file changed twice in a day loses a state',
      },
      {
        text: 'Turn on S3 server access logging for the bucket',
        wrong: 'access logs record the requests; they restore nothing',
      },
      { text: 'Enable versioning on the bucket', right: true },
    ],
    explanation:
      'With versioning a delete only adds a delete marker and an overwrite adds a version: every earlier version stays readable by id and can be restored.',
    shownBy: { experiment: 'deleteMarkerKeepsVersions' },
    domain: 'resilient',
  },
  {
    question:
      'A security policy requires every object in a bucket to be encrypted with a customer managed KMS key, and uploads that do not request it must fail. Which two do you configure?',
    choices: [
      { text: 'Default bucket encryption with SSE-KMS and the customer managed key', right: true },
      {
        text: 'An IAM policy that allows kms:Encrypt for every user of the bucket',
        wrong: 'it grants a permission; it neither encrypts anything nor makes an upload fail',
      },
      {
        text: 'A bucket policy that denies s3:PutObject when s3:x-amz-server-side-encryption is not aws:kms',
        right: true,
      },
      {
        text: 'S3 Object Lock in compliance mode on the bucket',
        wrong: 'Object Lock is about retention (no delete, no overwrite), not encryption',
      },
    ],
    explanation:
      'Default encryption encrypts puts that name nothing; the Deny with StringNotEquals (true when the header is missing) refuses every put that does not ask for SSE-KMS.',
    shownBy: { experiment: 'refuseUnencryptedPut' },
    domain: 'secure',
  },
  {
    question:
      'A bucket encrypted with SSE-KMS receives millions of small objects per day and the KMS request bill is high. What lowers it without changing the key?',
    choices: [
      {
        text: 'Switch to client-side encryption with the same KMS key',
        wrong: 'each object still needs its own data key from KMS: one request per object',
      },
      { text: 'Enable an S3 Bucket Key on the bucket', right: true },
      {
        text: 'Move the objects to S3 Standard-IA with a lifecycle rule',
        wrong: 'the storage class does not change how often S3 calls KMS',
      },
      {
        text: 'Request a higher KMS request quota for the account',
        wrong: 'a quota raises the rate allowed, not the number of requests billed',
      },
    ],
    explanation:
      'A bucket key lets S3 use a short-lived bucket-level data key from KMS instead of calling KMS for every object, cutting KMS requests (and cost) by up to 99 %.',
    shownBy: { experiment: 'defaultEncryption' },
    domain: 'cost',
  },
  {
    question:
      'A company enables replication from an existing bucket to a bucket in another Region. Which objects are copied without further action?',
    choices: [
      {
        text: 'Every object already in the bucket, then new writes, copied in the background',
        wrong: 'objects that existed before the rule need S3 Batch Replication',
      },
      {
        text: 'Only objects smaller than 5 GB, since larger ones need a multipart copy',
        wrong: 'size is no criterion: replication copies large objects too',
      },
      { text: 'Only objects created or updated after the replication configuration was added', right: true },
      {
        text: 'Only new objects encrypted with SSE-S3; objects under SSE-KMS are never replicated by S3',
        wrong: 'SSE-KMS objects are replicated when the rule opts in and names a replica key',
      },
    ],
    explanation:
      'Live replication copies new writes only; existing objects need S3 Batch Replication. Both buckets must be versioned.',
    shownBy: { experiment: 'replicateNewObjects' },
    domain: 'resilient',
  },
  {
    question:
      'A disaster-recovery copy of a bucket is kept by replication. A user deletes files in the source bucket by mistake. How does the default replication configuration protect the copies?',
    choices: [
      {
        text: 'Delete markers are not replicated unless delete marker replication is enabled, so the replica still serves the files',
        right: true,
      },
      {
        text: 'Deletes reach the replica after a fixed 24-hour delay, which leaves time to restore the files from the replica bucket',
        wrong:
          'replication has no delay setting; with delete marker replication on, markers go like any write',
      },
      {
        text: 'The replica bucket is read-only to all but the replication role, so it rejects the deletes',
        wrong: 'a replica is an ordinary bucket; the protection is that the marker is not sent at all',
      },
      {
        text: 'Replication moves objects deleted in the source to S3 Glacier Flexible Retrieval in the replica',
        wrong: 'replication never changes the storage class of replicas when something is deleted',
      },
    ],
    explanation:
      'Without DeleteMarkerReplication the marker stays in the source only; deletes of a specific version are never replicated. Turning delete marker replication on makes the replica hide the objects too.',
    shownBy: { challenge: 'deleted-files-gone-from-dr-copy' },
    domain: 'resilient',
  },
  {
    question:
      'A mobile app must let users download a private object for the next 10 minutes without AWS credentials. What should the backend hand out?',
    choices: [
      {
        text: 'The object ARN and a public-read bucket policy removed after 10 minutes',
        wrong: 'it exposes every object, and Block Public Access refuses a public policy anyway',
      },
      {
        text: "Temporary credentials of the backend's IAM role, valid for 10 minutes",
        wrong: 'STS sessions last at least 15 minutes and carry every permission of the role',
      },
      {
        text: 'A CloudFront URL for the object, unsigned, with a 10-minute TTL',
        wrong: 'a TTL is how long the edge caches; anyone with the URL can fetch it for ever',
      },
      { text: 'A presigned GET URL that expires in 10 minutes', right: true },
    ],
    explanation:
      'A presigned URL carries the signer’s permission and an expiry: anyone holding it can GET the object until then, and S3 refuses it afterwards (403).',
    shownBy: { experiment: 'presignedUrl' },
    domain: 'developing',
  },
  {
    question:
      'An application must process every CSV file uploaded under incoming/ in a bucket, decoupled from the upload and with retries. Which design fits?',
    choices: [
      {
        text: 'A scheduled job that lists incoming/ every minute and processes the keys it has not seen',
        wrong: 'it pays for listing forever and must keep its own state, where S3 sends one event per object',
      },
      {
        text: 'An S3 event notification for s3:ObjectCreated:* with prefix incoming/ to an SQS queue, read by a consumer',
        right: true,
      },
      {
        text: 'S3 Same-Region Replication of incoming/ to a processing bucket that the application watches',
        wrong: 'replication copies objects; it runs no code, and the copy needs a trigger of its own',
      },
      {
        text: "An S3 Lifecycle rule that transitions new files under incoming/ to the processor's storage class",
        wrong: 'lifecycle rules change storage classes and expire objects; they never run code',
      },
    ],
    explanation:
      'S3 sends one event per new object matching the filter (at least once); the queue buffers them, and its policy must let s3.amazonaws.com send for this bucket.',
    shownBy: { experiment: 'notifyPerPut' },
    domain: 'developing',
  },
  {
    question:
      'Noncurrent object versions make a versioned bucket grow without bound. Old versions must be kept 60 days and rarely read, but at once when needed. Which lifecycle rule fits?',
    choices: [
      {
        text: 'Expire current objects after 60 days and keep noncurrent versions in S3 Standard',
        wrong: 'it deletes live data, and the old versions still grow without bound',
      },
      {
        text: 'Suspend versioning after 60 days, so that S3 removes the noncurrent versions by itself',
        wrong: 'suspending versioning keeps every existing version; nothing is removed',
      },
      {
        text: 'Transition noncurrent versions to Glacier Instant Retrieval after 30 days and expire them after 60',
        right: true,
      },
      {
        text: 'Transition noncurrent versions to S3 Glacier Deep Archive after 1 day and expire them after 60',
        wrong: 'Deep Archive takes hours to restore, not at once',
      },
    ],
    explanation:
      'Noncurrent version actions act on old versions only; Glacier Instant Retrieval serves in milliseconds, and expiry removes them after 60 days.',
    shownBy: { experiment: 'lifecycleRules' },
    domain: 'cost',
  },
  {
    question:
      'A regulator requires that trade records stay undeletable for seven years, by anyone, the root user included. Which S3 feature meets it?',
    choices: [
      {
        text: 'Versioning with MFA Delete turned on by the root user',
        wrong: 'the root user with an MFA device can still delete versions',
      },
      {
        text: 'Object Lock in governance mode with a seven-year retention',
        wrong: 'a user with s3:BypassGovernanceRetention can still delete',
      },
      {
        text: 'Object Lock in compliance mode with a seven-year retention',
        right: true,
      },
      {
        text: 'A bucket policy that denies s3:DeleteObject to every principal',
        wrong: 'the account can change or delete the policy, then delete',
      },
    ],
    explanation:
      'Compliance mode keeps a version from deletion until its retention ends, whoever asks. Governance mode lets permitted users bypass it, MFA Delete only asks the root user for a code, and a policy can be edited away.',
    shownBy: { guide: 'Exam facts (Object Lock)' },
    domain: 'secure',
  },
  {
    question:
      'A company replicates a bucket to a second Region and must show auditors that new objects reach it within 15 minutes. What do they add?',
    choices: [
      {
        text: 'S3 Batch Replication, scheduled to run every 15 minutes',
        wrong: 'Batch Replication copies existing objects on demand, with no time promise',
      },
      {
        text: 'S3 Replication Time Control on the replication rule',
        right: true,
      },
      {
        text: 'S3 Transfer Acceleration on both of the buckets',
        wrong: 'it speeds client uploads over the edge, not replication',
      },
      {
        text: 'Event notifications that copy each object with a function',
        wrong: 'a home-made copy comes with no SLA and no replication metrics',
      },
    ],
    explanation:
      'Replication Time Control gives the 15-minute target with an SLA and metrics to prove it. Batch Replication is for objects written before the rule, Transfer Acceleration is for uploads, and a custom copier promises nothing.',
    shownBy: { guide: 'Exam facts (Replication Time Control)' },
    domain: 'resilient',
  },
  {
    question:
      'A presigned URL generated with a 6-hour expiry by a Lambda function starts returning 403 well before 6 hours have passed. What is the likely cause?',
    choices: [
      {
        text: 'S3 caps presigned URLs at one hour unless the bucket allows more',
        wrong: 'SigV4 allows up to 7 days; there is no bucket setting for it',
      },
      {
        text: "The function's role session ended, and the URL died with it",
        right: true,
      },
      {
        text: 'The object was read too often and the URL was throttled',
        wrong: 'throttling answers 503 Slow Down, and a URL has no read quota',
      },
      {
        text: 'Block Public Access refuses URLs used from outside the account',
        wrong: 'a presigned request is signed, so it is not public access',
      },
    ],
    explanation:
      'A URL signed with temporary credentials stops working when they expire, whatever expiry it names. SigV4 URLs may last up to 7 days, 503 is throttling, and Block Public Access does not apply to signed requests.',
    shownBy: { guide: 'Exam facts (presigned URLs)' },
    domain: 'developing',
  },
];
