import { Match } from 'aws-cdk-lib/assertions';
import {
  BATCH_SIZE,
  BUFFER_MIB,
  BUFFER_SECONDS,
  DATA_PREFIX,
  RETRY_ATTEMPTS,
  SHARD_COUNT,
} from '../../labs/lab-11-streaming/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, stableTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-11');

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the stream: provisioned, two shards, 24 h retention, encrypted with the AWS managed key', () => {
  template.hasResourceProperties('AWS::Kinesis::Stream', {
    ShardCount: SHARD_COUNT,
    StreamModeDetails: { StreamMode: 'PROVISIONED' },
    RetentionPeriodHours: 24,
    StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
  });
  expect(SHARD_COUNT).toBe(2);
});

test('the mapping reads from TRIM_HORIZON in batches, bisects, retries twice and sends failures to SQS', () => {
  template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Readings'), 'Arn'] },
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: BATCH_SIZE,
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: RETRY_ATTEMPTS,
    MaximumRecordAgeInSeconds: 3600,
    DestinationConfig: {
      OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('FailedBatches'), 'Arn'] } },
    },
  });
  template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    Enabled: true,
    FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { key: [{ exists: true }] } }) }] },
  });
});

test('the on-failure queue is encrypted', () => {
  template.hasResourceProperties('AWS::SQS::Queue', {
    QueueName: Match.absent(),
    SqsManagedSseEnabled: true,
  });
});

test('the consumer may read the stream and update results, nothing more on the table', () => {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { PolicyName: Match.stringLikeRegexp('ReadingConsumer') },
  });
  const actions = Object.values(policies).flatMap((p: any) =>
    p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()),
  );
  expect(actions).toEqual(
    expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator', 'dynamodb:UpdateItem']),
  );
  expect(actions.filter((a: string) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:UpdateItem']);
  expect(
    actions.filter((a: string) => a.startsWith('kinesis:') && /Put|Delete|Update|Create/.test(a)),
  ).toEqual([]);
});

test('Firehose reads the stream and delivers to the archive bucket, buffering 60 s or 1 MiB', () => {
  template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
    DeliveryStreamType: 'KinesisStreamAsSource',
    KinesisStreamSourceConfiguration: {
      KinesisStreamARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('Readings'), 'Arn'] },
    },
    ExtendedS3DestinationConfiguration: Match.objectLike({
      BucketARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('ArchiveBucket'), 'Arn'] },
      BufferingHints: { IntervalInSeconds: BUFFER_SECONDS, SizeInMBs: BUFFER_MIB },
      Prefix: `${DATA_PREFIX}!{timestamp:yyyy/MM/dd/HH}/`,
      ErrorOutputPrefix: Match.stringLikeRegexp('^errors/'),
      CloudWatchLoggingOptions: Match.objectLike({ Enabled: true }),
    }),
  });
});

test("only this account's Firehose may assume the delivery role", () => {
  template.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: {
      Statement: [
        Match.objectLike({
          Principal: { Service: 'firehose.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ],
    },
  });
});

test('the delivery stream is deleted before the archive bucket is emptied', () => {
  const [stream] = Object.values(template.findResources('AWS::KinesisFirehose::DeliveryStream'));
  expect([stream.DependsOn].flat()).toContainEqual(
    expect.stringMatching(/^ArchiveBucketAutoDeleteObjectsCustomResource/),
  );
});

test('the results table keeps one item per sensor and run, on demand', () => {
  template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
    KeySchema: [{ AttributeName: 'resultKey', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
});

// Hand-checked from lib/cost/prices.ts: two shards at $0.015 per shard-hour, one alarm ($0.10 a month / 730 hours).
test('costs what the hand computation says per hour', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeCloseTo(2 * 0.015 + 0.1 / 730, 9);
  expect(estimate.notPriced).toEqual([]);
});

test('the diagram: stream to consumer and Firehose, Firehose to the bucket', () => {
  const edges = renderMermaid(template.toJSON() as CfnTemplate)
    .split('\n')
    .filter((line) => /--|-\.->/.test(line));
  expect(edges).toContainEqual(expect.stringMatching(/Readings\w* -->\|"polls"\| ReadingConsumerFunction/));
  expect(edges).toContainEqual(expect.stringMatching(/Readings\w* -->\|"reads"\| Delivery/));
  expect(edges).toContainEqual(
    expect.stringMatching(/Delivery\w* -->\|"delivers every 60 s"\| ArchiveBucket/),
  );
  expect(edges).toContainEqual(
    expect.stringMatching(/ReadingConsumerFunction\w* -\.->\|"on failure"\| FailedBatches/),
  );
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual(['s3-bucket-configuration', 'late-log-groups']);
});
