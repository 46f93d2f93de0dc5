/** The cost estimator's rules; each lab's own hourly cost is checked in test/labs/<slug>.test.ts. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { estimateHourlyCost, formatCostEstimate } from '../../lib/cost/estimate';
import { PRICE_DATE, PRICES } from '../../lib/cost/prices';

test('a NAT gateway shows its hourly cost and its public address', () => {
  const app = new App();
  const stack = new Stack(app, 'WithNat');
  new ec2.Vpc(stack, 'Vpc', { natGateways: 1, maxAzs: 2 });
  const estimate = estimateHourlyCost(app.synth().getStackByName('WithNat').template);
  expect(estimate.items.map((i) => [i.priceKey, i.quantity])).toEqual([
    ['public-ipv4:hour', 1],
    ['nat:hour', 1],
  ]);
  expect(estimate.perHour).toBeCloseTo(0.045 + 0.005, 9);
  expect(formatCostEstimate(estimate)).toMatch(
    /\| NAT gateway VpcPublicSubnet1NATGateway \| 1 \| \$0\.0450 \| \$0\.0450 \|/,
  );
});

test('an unknown billable type is reported as not priced, never as zero', () => {
  const estimate = estimateHourlyCost({
    Resources: {
      Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro' } },
      Key: { Type: 'AWS::KMS::Key' },
    },
  });
  expect(estimate.notPriced).toEqual(['AWS::RDS::DBInstance']);
  expect(formatCostEstimate(estimate)).toMatch(/Not priced by the kit .*: AWS::RDS::DBInstance\./);
});

test('the formatted estimate says when prices were checked, for which region, and which are unconfirmed', () => {
  const estimate = estimateHourlyCost({ Resources: { Key: { Type: 'AWS::KMS::Key' } } });
  const text = formatCostEstimate(estimate);
  expect(text).toContain(`us-east-1, checked on ${PRICE_DATE}`);
  expect(text).toMatch(/Not confirmed by any source reachable on that date .*: kms:key-month\./);
});

test('every price says what it was checked against', () => {
  expect(
    Object.entries(PRICES).filter(([, p]) => !['price-list', 'secondary', 'unconfirmed'].includes(p.checked)),
  ).toEqual([]);
});

test('usage lines follow the resource: FIFO queues and topics, point-in-time recovery, NLB capacity units', () => {
  const usageOf = (Type: string, Properties: Record<string, unknown>) =>
    estimateHourlyCost({ Resources: { R: { Type, Properties } } }).usagePriced;
  expect(usageOf('AWS::SQS::Queue', {})).toEqual([
    expect.stringMatching(/^SQS standard: \$0\.40 per million/),
  ]);
  expect(usageOf('AWS::SQS::Queue', { FifoQueue: true })).toEqual([
    expect.stringMatching(/^SQS FIFO: \$0\.50 per million/),
  ]);
  expect(usageOf('AWS::SNS::Topic', { FifoTopic: true })).toEqual([expect.stringMatching(/^SNS FIFO: /)]);
  expect(usageOf('AWS::SNS::Topic', {})).toEqual([
    expect.stringMatching(/^SNS standard: \$0\.50 per million/),
  ]);
  expect(
    usageOf('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    }),
  ).toEqual([expect.stringMatching(/point-in-time recovery \$0\.20 per GB-month/)]);
  expect(usageOf('AWS::DynamoDB::Table', {})).toEqual([expect.not.stringMatching(/point-in-time/)]);
  expect(
    usageOf('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Scheme: 'internal' }),
  ).toEqual([expect.stringMatching(/\$0\.006 per NLCU-hour/)]);
  expect(usageOf('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' })).toEqual([
    expect.stringMatching(/\$0\.008 per LCU-hour/),
  ]);
});

test('a budget without actions is free', () => {
  const estimate = estimateHourlyCost({ Resources: { B: { Type: 'AWS::Budgets::Budget', Properties: {} } } });
  expect([estimate.perHour, estimate.usagePriced, estimate.notPriced]).toEqual([0, [], []]);
});
