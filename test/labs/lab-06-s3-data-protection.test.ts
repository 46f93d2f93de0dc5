import { Match } from 'aws-cdk-lib/assertions';
import { NOTIFIED_PREFIX, REPLICATED_PREFIX } from '../../labs/lab-06-s3-data-protection/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import type { CfnTemplate } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, stableTemplate } from '../support/synth';

const template = labTemplate('lab-06');

type Resource = { Properties: any; DependsOn?: string[] };
const resources = (type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const dataBucket = () => {
  const found = resources('AWS::S3::Bucket').filter(([, r]) => r.Properties.ReplicationConfiguration);
  expect(found).toHaveLength(1);
  return found[0];
};
const replicaBucket = () => {
  const found = resources('AWS::S3::Bucket').filter(([, r]) => !r.Properties.ReplicationConfiguration);
  expect(found).toHaveLength(1);
  return found[0];
};

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('both buckets are versioned, SSE-KMS with the lab key and a bucket key, ACLs off, fully blocked from the public', () => {
  const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
  for (const [, bucket] of [dataBucket(), replicaBucket()]) {
    expect(bucket.Properties).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] },
            },
          },
        ],
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
  }
});

test('the KMS key rotates and is deleted with the lab (7-day window)', () => {
  template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 7 });
  template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
});

test('the data bucket policy denies plain HTTP and puts that do not ask for SSE-KMS', () => {
  const [dataId] = dataBucket();
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: dataId },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
        Match.objectLike({
          Sid: 'DenyPutsWithoutSseKms',
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:PutObject',
          Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption': 'aws:kms' } },
        }),
      ]),
    },
  });
});

test('the replica bucket policy denies plain HTTP too', () => {
  const [replicaId] = replicaBucket();
  template.hasResourceProperties('AWS::S3::BucketPolicy', {
    Bucket: { Ref: replicaId },
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    },
  });
});

test('the data bucket: lifecycle transitions and noncurrent version expiry', () => {
  const [, data] = dataBucket();
  expect(data.Properties.LifecycleConfiguration.Rules).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        Status: 'Enabled',
        Transitions: [
          { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
          { StorageClass: 'GLACIER', TransitionInDays: 90 },
        ],
      }),
      expect.objectContaining({
        NoncurrentVersionTransitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 30 }],
        NoncurrentVersionExpiration: { NoncurrentDays: 60, NewerNoncurrentVersions: 3 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
      }),
      expect.objectContaining({ ExpiredObjectDeleteMarker: true }),
    ]),
  );
});

test('replication: new SSE-KMS objects under the prefix go to the replica, delete markers do not', () => {
  const [, data] = dataBucket();
  const [replicaId] = replicaBucket();
  const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
  expect(data.Properties.ReplicationConfiguration).toMatchObject({
    Role: { 'Fn::GetAtt': [expect.stringMatching(/ReplicationRole/), 'Arn'] },
    Rules: [
      {
        Status: 'Enabled',
        Priority: 1,
        Filter: { Prefix: REPLICATED_PREFIX },
        DeleteMarkerReplication: { Status: 'Disabled' },
        SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
        Destination: {
          Bucket: { 'Fn::GetAtt': [replicaId, 'Arn'] },
          EncryptionConfiguration: { ReplicaKmsKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
        },
      },
    ],
  });
});

test('the replication role may read the source, write replicas and use the key, nothing more', () => {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { PolicyName: Match.stringLikeRegexp('ReplicationRole') },
  });
  const actions = Object.values(policies as Record<string, Resource>).flatMap((p) =>
    p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => [s.Action].flat()),
  );
  expect(actions).toEqual(
    expect.arrayContaining([
      's3:GetObjectVersionForReplication',
      's3:ReplicateObject',
      'kms:Decrypt',
      'kms:Encrypt',
    ]),
  );
  expect(actions.filter((a: string) => /^s3:(Delete|PutBucket|\*)|^kms:\*/.test(a))).toEqual([]);
});

test('uploads under the prefix notify the queue, which only this bucket may send to', () => {
  const [dataId, data] = dataBucket();
  const [queueId] = resources('AWS::SQS::Queue').find(([id]) => id.startsWith('UploadsQueue')) ?? [];
  expect(data.Properties.NotificationConfiguration).toEqual({
    QueueConfigurations: [
      {
        Event: 's3:ObjectCreated:*',
        Queue: { 'Fn::GetAtt': [queueId, 'Arn'] },
        Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: NOTIFIED_PREFIX }] } },
      },
    ],
  });
  const [policyId] = Object.keys(
    template.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 's3.amazonaws.com' },
              Action: 'sqs:SendMessage',
              Condition: {
                // This bucket's ARN, not any value: another bucket (or `*`) must fail here.
                ArnEquals: { 'aws:SourceArn': { 'Fn::Join': ['', Match.arrayWith([':s3:::lab-06-data-'])] } },
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              },
            }),
          ]),
        },
      },
    }),
  );
  // S3 checks the destination when the configuration is written: the policy must exist first.
  expect(template.findResources('AWS::S3::Bucket')[dataId].DependsOn).toContain(policyId);
  expect(JSON.stringify(data.Properties.BucketName)).toContain('"lab-06-data-"');
});

test('both buckets are emptied on destroy, and the emptying function logs to a group the stack deletes', () => {
  expect(resources('Custom::S3AutoDeleteObjects')).toHaveLength(2);
  for (const [, bucket] of resources('AWS::S3::Bucket'))
    expect(bucket.Properties.Tags).toContainEqual({ Key: 'aws-cdk:auto-delete-objects', Value: 'true' });
  const groups = resources('AWS::Logs::LogGroup').filter(([id]) => id.startsWith('AutoDeleteObjectsLogs'));
  expect(groups).toHaveLength(1);
  template.hasResourceProperties('AWS::Lambda::Function', {
    LoggingConfig: { LogGroup: { Ref: groups[0][0] } },
    Handler: 'index.handler',
  });
});

// Hand-checked from lib/cost/prices.ts: one alarm on the uploads dead-letter queue ($0.10 a month / 730
// hours); the KMS key ($1 a month); buckets, queues and requests are usage-priced.
test('costs what the hand computation says per hour', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeCloseTo((0.1 + 1) / 730, 9);
  expect(estimate.notPriced).toEqual([]);
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual(['s3-bucket-configuration', 'late-log-groups']);
});
