import { Match } from 'aws-cdk-lib/assertions';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, resourcesOfType, stableTemplate } from '../support/synth';

const template = labTemplate('lab-02');
const queues = resourcesOfType(template, 'AWS::SQS::Queue');
const workQueues = queues.filter(([, r]) => r.Properties?.RedrivePolicy);
const deadLetterQueues = queues.filter(([, r]) => !r.Properties?.RedrivePolicy);
const subscriptions = resourcesOfType(template, 'AWS::SNS::Subscription').map(([, r]) => r.Properties ?? {});

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('every work queue has its own dead-letter queue after 3 receives', () => {
  expect(workQueues).toHaveLength(5);
  const targets = workQueues.map(([, r]) => {
    expect(r.Properties?.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
      maxReceiveCount: 3,
    });
    return (r.Properties!.RedrivePolicy as { deadLetterTargetArn: { 'Fn::GetAtt': string[] } })
      .deadLetterTargetArn['Fn::GetAtt'][0];
  });
  expect(new Set(targets).size).toBe(5);
  expect(deadLetterQueues.map(([id]) => id).sort()).toEqual([...targets].sort());
});

test('every queue is encrypted and dead-letter queues keep messages for the 14-day maximum', () => {
  for (const [, queue] of queues) expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
  for (const [, dlq] of deadLetterQueues) expect(dlq.Properties?.MessageRetentionPeriod).toBe(14 * 24 * 3600);
  template.resourcePropertiesCountIs(
    'AWS::SQS::QueuePolicy',
    {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    },
    queues.length,
  );
});

test('work queues long-poll for 20 s and leave retention and visibility to SQS (observed by the experiments); the consumed one hides messages for 6x the function timeout', () => {
  for (const [, queue] of workQueues) {
    expect(queue.Properties?.ReceiveMessageWaitTimeSeconds).toBe(20);
    expect(queue.Properties?.MessageRetentionPeriod).toBeUndefined();
    expect(queue.Properties?.MaximumMessageSize).toBeUndefined();
  }
  expect(workQueues.map(([, q]) => q.Properties?.VisibilityTimeout)).toEqual([
    undefined,
    undefined,
    60,
    undefined,
    undefined,
  ]);
});

test('the four filter policies: equality, prefix, anything-but and a numeric range', () => {
  expect(subscriptions.map((s) => s.FilterPolicy).filter(Boolean)).toEqual(
    expect.arrayContaining([
      { eventType: ['order_placed', 'refund_issued'] },
      { region: [{ prefix: 'eu-' }] },
      { eventType: [{ 'anything-but': ['order_cancelled'] }] },
      { amount: [{ numeric: ['>=', 100, '<=', 1000] }] },
    ]),
  );
});

test('raw delivery on the billing subscription and the FIFO pair only', () => {
  expect(subscriptions.filter((s) => s.RawMessageDelivery === true)).toHaveLength(2);
  expect(subscriptions.find((s) => s.RawMessageDelivery)?.FilterPolicy ?? null).toEqual(
    expect.objectContaining({ eventType: ['order_placed', 'refund_issued'] }),
  );
});

test('the FIFO topic delivers to a FIFO queue with content-based deduplication and a FIFO dead-letter queue', () => {
  template.hasResourceProperties('AWS::SNS::Topic', { FifoTopic: true, ContentBasedDeduplication: true });
  const fifo = queues.filter(([, q]) => q.Properties?.FifoQueue === true);
  expect(fifo).toHaveLength(2);
  expect(fifo.some(([, q]) => q.Properties?.ContentBasedDeduplication === true)).toBe(true);
});

test('the consumer reports partial batch failures', () => {
  template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    BatchSize: 10,
  });
});

test('each dead-letter queue has a depth alarm that notifies the alerts topic', () => {
  const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm');
  expect(alarms).toHaveLength(deadLetterQueues.length);
  for (const [, alarm] of alarms) {
    expect(alarm.Properties).toEqual(
      expect.objectContaining({
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: expect.stringMatching(/^Alerts/) }],
      }),
    );
  }
});

test('CloudWatch may publish to the alerts topic and use its key only for alarms of this account and region', () => {
  const conditions = {
    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    ArnLike: {
      'aws:SourceArn': {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':cloudwatch:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':alarm:*',
          ],
        ],
      },
    },
  };
  template.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: conditions,
        }),
      ]),
    },
  });
  template.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: conditions,
        }),
      ]),
    },
  });
});

// Hand-checked from lib/cost/prices.ts: one key for the three topics and five DLQ-depth alarms
// (monthly prices / 730 hours); the rest is usage-priced.
test('costs what the hand computation says per hour', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeCloseTo(1 / 730 + (5 * 0.1) / 730, 9);
  expect(estimate.perHour).toBeCloseTo(0.002055, 6);
  expect(estimate.notPriced).toEqual([]);
});

const edgeLines = (diagram: string) => diagram.split('\n').filter((line) => /--|-\.->/.test(line));

test('the diagram: one edge per subscription, naming its filter keys, and a dotted redrive edge per queue', () => {
  const edges = edgeLines(renderMermaid(template.toJSON() as CfnTemplate));
  for (const [queue, label] of [
    ['BillingQueue', 'filter: eventType, raw'],
    ['EuAnalyticsQueue', 'filter: region'],
    ['FulfilmentQueue', 'filter: eventType'],
    ['LargeOrdersQueue', 'filter: amount'],
  ]) {
    expect(edges).toContainEqual(
      expect.stringMatching(new RegExp(`OrdersTopic\\w* -->\\|"${label}"\\| ${queue}\\w*$`)),
    );
    expect(edges).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `${queue}\\w* -\\.->\\|"after 3 receives"\\| ${queue.replace('Queue', '')}DeadLetterQueue`,
        ),
      ),
    );
  }
  expect(edges).toContainEqual(
    expect.stringMatching(/FulfilmentQueue\w* -->\|"polls"\| FulfilmentConsumerFunction/),
  );
  expect(edges).toContainEqual(expect.stringMatching(/alarms_\w+ -->\|"ALARM"\| AlertsTopic/));
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual(['fifo-topic-attributes', 'late-log-groups']);
});
