import { Match } from 'aws-cdk-lib/assertions';
import {
  BIG_ORDER_FROM,
  EU_REGION_PREFIX,
  MID_SIZE_RANGE,
  NOT_LIVE_STATUSES,
  ORDER_PLACED,
  ORDER_REFUNDED,
  REFUND_RETRY,
  SHOP_SOURCE,
} from '../../labs/lab-10-event-routing/stack';
import { COMPAT_RESOURCE_TYPES } from '../../lambda/kit/emulator-compatibility/resource-types';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, resourcesOfType, stableTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-10');
const ministackTemplate = labTemplate('lab-10', { target: 'ministack' });

type Resource = { Type: string; Properties?: Record<string, any> };
const rules = resourcesOfType(template, 'AWS::Events::Rule') as [string, Resource][];
const ruleNamed = (prefix: string) => {
  const found = rules.find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`no rule ${prefix}`);
  return found;
};
const [[busId]] = resourcesOfType(template, 'AWS::Events::EventBus');
const queueId = (prefix: string) => {
  const found = resourcesOfType(template, 'AWS::SQS::Queue').find(([id]) => id.startsWith(prefix));
  if (!found) throw new Error(`no queue ${prefix}`);
  return found[0];
};

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('one rule per content-filter operator on the custom bus, each scoped to the shop source', () => {
  const patterns = Object.fromEntries(
    ['EuOrders', 'MidSizeOrders', 'CouponOrders', 'LiveOrders'].map((name) => {
      const [, rule] = ruleNamed(`${name}Rule`);
      expect(rule.Properties?.EventBusName).toEqual({ Ref: busId });
      expect(rule.Properties?.EventPattern.source).toEqual([SHOP_SOURCE]);
      expect(rule.Properties?.Targets).toEqual([
        { Arn: { 'Fn::GetAtt': [queueId(`${name}Queue`), 'Arn'] }, Id: 'Target0' },
      ]);
      return [name, rule.Properties?.EventPattern];
    }),
  );
  expect(patterns.EuOrders.detail).toEqual({ region: [{ prefix: EU_REGION_PREFIX }] });
  expect(patterns.MidSizeOrders['detail-type']).toEqual([ORDER_PLACED]);
  expect(patterns.MidSizeOrders.detail).toEqual({
    amount: [{ numeric: ['>=', MID_SIZE_RANGE.from, '<', MID_SIZE_RANGE.below] }],
  });
  expect(patterns.CouponOrders.detail).toEqual({ coupon: [{ exists: true }] });
  expect(patterns.LiveOrders.detail).toEqual({ status: [{ 'anything-but': NOT_LIVE_STATUSES }] });
});

test('the big-order alert is an input transformer over orderId, amount and region', () => {
  const [, rule] = ruleNamed('BigOrderAlertsRule');
  expect(rule.Properties?.EventPattern.detail).toEqual({ amount: [{ numeric: ['>=', BIG_ORDER_FROM] }] });
  const [target] = rule.Properties!.Targets;
  expect(target.InputTransformer.InputPathsMap).toEqual({
    'detail-orderId': '$.detail.orderId',
    'detail-amount': '$.detail.amount',
    'detail-region': '$.detail.region',
  });
  // Unquoted placeholders keep the value's JSON type (the amount stays a number); inside the summary
  // text they are placed as text.
  expect(target.InputTransformer.InputTemplate).toBe(
    '{"alert":"big-order","orderId":<detail-orderId>,"amount":<detail-amount>,"region":<detail-region>,' +
      '"summary":"Order <detail-orderId> of <detail-amount> needs a review"}',
  );
  expect(target.InputTransformer.InputTemplate).toContain('"amount":<detail-amount>');
});

test('the refunds target has a retry policy and a dead-letter queue that admits only that rule', () => {
  const [refundsId, refunds] = ruleNamed('RefundsRule');
  expect(refunds.Properties?.EventPattern).toEqual({
    source: [SHOP_SOURCE],
    'detail-type': [ORDER_REFUNDED],
  });
  const dlq = queueId('RefundTargetDeadLetterQueue');
  expect(refunds.Properties?.Targets).toEqual([
    {
      Id: 'Target0',
      Arn: { 'Fn::GetAtt': [queueId('RefundAuditQueue'), 'Arn'] },
      RetryPolicy: {
        MaximumRetryAttempts: REFUND_RETRY.attempts,
        MaximumEventAgeInSeconds: REFUND_RETRY.maxEventAge.toSeconds(),
      },
      DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
    },
  ]);
  const policies = resourcesOfType(template, 'AWS::SQS::QueuePolicy');
  const statementsFor = (queue: string) =>
    policies
      .filter(([, p]) => JSON.stringify(p.Properties?.Queues) === JSON.stringify([{ Ref: queue }]))
      .flatMap(([, p]) => (p.Properties!.PolicyDocument as { Statement: Record<string, any>[] }).Statement);
  expect(statementsFor(dlq)).toContainEqual(
    expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sqs:SendMessage',
      Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [refundsId, 'Arn'] } } },
    }),
  );
  // The audit queue admits no one: EventBridge's deliveries to it are refused.
  expect(statementsFor(queueId('RefundAuditQueue')).filter((s) => s.Effect === 'Allow')).toEqual([]);
});

test('the archive keeps the shop events of the custom bus for one day', () => {
  template.hasResourceProperties('AWS::Events::Archive', {
    SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
    EventPattern: { source: [SHOP_SOURCE] },
    RetentionDays: 1,
  });
  const [, replayed] = ruleNamed('ReplayedOrdersRule');
  expect(replayed.Properties?.EventPattern).toEqual({
    source: [SHOP_SOURCE],
    'replay-name': [{ exists: true }],
  });
});

test('a scheduled rule on the default bus and a Scheduler schedule in its own group, both every minute', () => {
  const [, tick] = ruleNamed('TickRule');
  expect(tick.Properties?.EventBusName).toBeUndefined();
  expect(tick.Properties?.ScheduleExpression).toBe('rate(1 minute)');
  const ticks = queueId('TicksQueue');
  expect(tick.Properties?.Targets).toEqual([{ Arn: { 'Fn::GetAtt': [ticks, 'Arn'] }, Id: 'Target0' }]);
  const [[, group]] = resourcesOfType(template, 'AWS::Scheduler::ScheduleGroup');
  template.hasResourceProperties('AWS::Scheduler::Schedule', {
    GroupName: group.Properties?.Name,
    ScheduleExpression: 'rate(1 minute)',
    FlexibleTimeWindow: { Mode: 'OFF' },
    Target: {
      Arn: { 'Fn::GetAtt': [ticks, 'Arn'] },
      Input: JSON.stringify({ from: 'scheduler', schedule: 'lab-10 heartbeat' }),
      RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 },
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SchedulerRoleForTarget'), 'Arn'] },
      SqsParameters: {},
    },
  });
});

test('every queue is encrypted (SSE-SQS) and refuses requests without TLS', () => {
  const queues = resourcesOfType(template, 'AWS::SQS::Queue');
  expect(queues).toHaveLength(9);
  for (const [, queue] of queues) expect(queue.Properties?.SqsManagedSseEnabled).toBe(true);
  const denies = resourcesOfType(template, 'AWS::SQS::QueuePolicy').flatMap(([, p]) =>
    (p.Properties!.PolicyDocument as { Statement: Record<string, any>[] }).Statement.filter(
      (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
    ),
  );
  expect(denies).toHaveLength(9);
});

test('nothing is retained: every resource is deleted with the stack', () => {
  for (const resource of Object.values(template.toJSON().Resources as Record<string, any>)) {
    expect(resource.DeletionPolicy ?? 'Delete').toBe('Delete');
  }
});

test('costs about nothing per hour: the DLQ alarm; events, archive, Scheduler and SQS bill by use', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeLessThan(0.001);
  expect(estimate.notPriced).toEqual([]);
  expect(estimate.usagePriced.join('\n')).toMatch(/EventBridge: custom events \$1.00 per million/);
  expect(estimate.usagePriced.join('\n')).toMatch(/EventBridge archive/);
});

test('the diagram shows the bus, its rules and their targets', () => {
  const diagram = renderMermaid(template.toJSON() as CfnTemplate);
  const [euRule] = ruleNamed('EuOrdersRule');
  expect(diagram).toContain(`${busId} -->|"events"| ${euRule}`);
  expect(diagram).toMatch(new RegExp(`${euRule} -->\\|"matching events"\\| ${queueId('EuOrdersQueue')}`));
});

test('on MiniStack the archive is created through the EventBridge API (create-event-archives)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toContain('create-event-archives');
  ministackTemplate.resourceCountIs('AWS::Events::Archive', 0);
  const [[archiveId]] = resourcesOfType(template, 'AWS::Events::Archive');
  const archives = resourcesOfType(ministackTemplate, COMPAT_RESOURCE_TYPES.eventArchive);
  expect(archives.map(([id]) => id)).toEqual([archiveId]);
  expect(archives[0][1].Properties).toEqual(
    expect.objectContaining({
      ArchiveName: `lab-10-${archiveId}`,
      SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
      EventPattern: { source: [SHOP_SOURCE] },
      RetentionDays: 1,
    }),
  );
});
