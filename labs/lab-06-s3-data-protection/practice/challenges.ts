import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

/** The replication configuration the lab deploys, as the AWS CLI writes it (the role is read back). */
const REPLICATION_FIX = [
  "role=$(aws s3api get-bucket-replication --bucket $DataBucketName --query 'ReplicationConfiguration.Role' --output text)",
  'aws s3api put-bucket-replication --bucket $DataBucketName --replication-configuration ' +
    '"{\\"Role\\":\\"$role\\",\\"Rules\\":[{\\"ID\\":\\"replicate-prefix\\",\\"Priority\\":1,\\"Status\\":\\"Enabled\\",' +
    '\\"Filter\\":{\\"Prefix\\":\\"replicated/\\"},\\"DeleteMarkerReplication\\":{\\"Status\\":\\"Disabled\\"},' +
    '\\"SourceSelectionCriteria\\":{\\"SseKmsEncryptedObjects\\":{\\"Status\\":\\"Enabled\\"}},' +
    '\\"Destination\\":{\\"Bucket\\":\\"arn:aws:s3:::$ReplicaBucketName\\",' +
    '\\"EncryptionConfiguration\\":{\\"ReplicaKmsKeyID\\":\\"$DataKeyArn\\"}}}]}"',
].join('\n');

/** lab-06's break-fix exercises: each takes one protection of the data bucket away. */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'data-bucket-exposure',
    scenario:
      'Block Public Access with only the ACL settings on lets a bucket policy make every object public',
    symptom:
      'In a security drill, an engineer tried a change that would let anyone on the internet read the data ' +
      'bucket. Before the last release S3 refused that change; now it was accepted (the drill put things back).',
    break: [
      {
        find: '      bucketName: dataBucketName,\n',
        replace:
          '      bucketName: dataBucketName,\n' +
          '      blockPublicAccess: new s3.BlockPublicAccess({\n' +
          '        blockPublicAcls: true,\n' +
          '        ignorePublicAcls: true,\n' +
          '        blockPublicPolicy: false,\n' +
          '        restrictPublicBuckets: false,\n' +
          '      }),\n',
      },
    ],
    checks: ['refusePublicPolicy'],
    hints: [
      'ACLs are disabled on this bucket, so the change that got through was not an ACL: what else can grant the public access to a bucket?',
      'Look at the bucket’s Block Public Access settings (aws s3api get-public-access-block) or the data bucket’s props in stack.ts.',
      'Block Public Access has four settings: the two ACL ones, BlockPublicPolicy (refuse a public bucket policy) and RestrictPublicBuckets (ignore one). With all four on, no policy or ACL can make the bucket public.',
    ],
    fix: {
      cli: 'aws s3api put-public-access-block --bucket $DataBucketName --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true',
      stack:
        'Remove the blockPublicAccess setting from the data bucket (EmptiedBucket turns all four settings on), then npx labs deploy lab-06.',
    },
  },
  {
    name: 'uploads-not-processed',
    scenario:
      'An S3 event notification for s3:ObjectCreated:Post only fires for browser form uploads, not for PUTs from the SDK or CLI',
    symptom:
      'Since the last release the import service has processed none of the CSV files partners upload under ' +
      'incoming/ with the AWS CLI; its queue stays empty. The files are in the bucket.',
    break: [{ find: "event: 's3:ObjectCreated:*',", replace: "event: 's3:ObjectCreated:Post'," }],
    checks: ['notifyPerPut'],
    hints: [
      'The files arrive, but nothing tells the queue about them: which bucket setting decides what sends a message, and for which kinds of write?',
      'Look at the bucket’s event notification configuration (aws s3api get-bucket-notification-configuration) or notifyQueueOfUploads in stack.ts.',
      'A notification lists event types: s3:ObjectCreated:* covers Put, Post, Copy and CompleteMultipartUpload; s3:ObjectCreated:Post fires only for HTML form uploads.',
    ],
    fix: {
      cli: [
        'queue_arn=$(aws sqs get-queue-attributes --queue-url $UploadsQueueUrl --attribute-names QueueArn --query Attributes.QueueArn --output text)',
        'aws s3api put-bucket-notification-configuration --bucket $DataBucketName --notification-configuration ' +
          '"{\\"QueueConfigurations\\":[{\\"QueueArn\\":\\"$queue_arn\\",\\"Events\\":[\\"s3:ObjectCreated:*\\"],' +
          '\\"Filter\\":{\\"Key\\":{\\"FilterRules\\":[{\\"Name\\":\\"prefix\\",\\"Value\\":\\"incoming/\\"}]}}}]}"',
      ].join('\n'),
      stack:
        "Set the queue configuration's event back to 's3:ObjectCreated:*' in notifyQueueOfUploads, then npx labs deploy lab-06.",
    },
  },
  {
    name: 'deleted-files-gone-from-dr-copy',
    scenario:
      'Delete marker replication copies a mistaken delete to the replica, so the disaster-recovery copy loses the object too',
    symptom:
      'An intern deleted a folder of reports from the data bucket by mistake. The disaster-recovery copy in the ' +
      'replica bucket, which the runbook says keeps such files, does not serve them either.',
    break: [{ find: 'deleteMarkerReplication: false,', replace: 'deleteMarkerReplication: true,' }],
    checks: ['keepReplicaOnDelete'],
    hints: [
      'The delete happened in the data bucket only; how could it reach the replica?',
      'Look at the replication rule of the data bucket (aws s3api get-bucket-replication) or its replicationRules in stack.ts.',
      'A delete without a version id adds a delete marker; replication copies markers only when the rule enables DeleteMarkerReplication (deletes of a specific version are never replicated). Off, the replica keeps serving the object.',
    ],
    fix: {
      cli: REPLICATION_FIX,
      stack: 'Set deleteMarkerReplication: false on the replication rule again, then npx labs deploy lab-06.',
    },
  },
];
