import { Match } from 'aws-cdk-lib/assertions';
import { STREAM_RETRY_ATTEMPTS, TTL_ATTRIBUTE } from '../../labs/lab-04-change-data-capture/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, stableTemplate } from '../support/synth';

const template = labTemplate('lab-04');

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the orders table: partition + sort key, on demand, TTL, a GSI and a NEW_AND_OLD_IMAGES stream', () => {
  template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
    KeySchema: [
      { AttributeName: 'customerId', KeyType: 'HASH' },
      { AttributeName: 'orderId', KeyType: 'RANGE' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byStatus' })],
  });
});

test('the mapping retries a bounded number of times, bisects, and sends failures to SQS', () => {
  template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    StartingPosition: 'TRIM_HORIZON',
    MaximumRetryAttempts: STREAM_RETRY_ATTEMPTS,
    BisectBatchOnFunctionError: true,
    MaximumRecordAgeInSeconds: 3600,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    DestinationConfig: {
      OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('FailedRecords'), 'Arn'] } },
    },
  });
});

test('the consumer may read the stream and put audit items, nothing more on the tables', () => {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { PolicyName: Match.stringLikeRegexp('AuditWriter') },
  });
  const actions = Object.values(policies).flatMap((p: any) =>
    p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()),
  );
  expect(actions).toEqual(
    expect.arrayContaining(['dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:PutItem']),
  );
  expect(
    actions.filter((a: string) => a.startsWith('dynamodb:') && /Delete|Update|Scan|BatchWrite/.test(a)),
  ).toEqual([]);
});

test('the audit table keys records by item and stream sequence number', () => {
  template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
    KeySchema: [
      { AttributeName: 'itemKey', KeyType: 'HASH' },
      { AttributeName: 'sequenceNumber', KeyType: 'RANGE' },
    ],
  });
});

// Hand-checked from lib/cost/prices.ts: one alarm on the on-failure queue ($0.10 a month / 730 hours).
test('costs what the hand computation says per hour', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeCloseTo(0.1 / 730, 9);
  expect(estimate.notPriced).toEqual([]);
});

test('the diagram: the stream edge and the read grant the consumer needs', () => {
  const edges = renderMermaid(template.toJSON() as CfnTemplate)
    .split('\n')
    .filter((line) => /--|-\.->/.test(line));
  expect(edges).toContainEqual(expect.stringMatching(/Orders\w* -->\|"stream"\| AuditWriterFunction/));
  expect(edges).toContainEqual(
    expect.stringMatching(/AuditWriterFunction\w* -->\|"IAM: DescribeStream, GetRecords, \.\.\."\| Orders/),
  );
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual(['late-log-groups']);
});
