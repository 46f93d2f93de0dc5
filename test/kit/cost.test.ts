import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { findLab } from '../../lib/catalogue';
import { estimateHourlyCost, formatCostEstimate } from '../../lib/cost/estimate';
import { synthesizeLabTemplate } from '../../lib/docs/lab-template';

const estimateOf = (labId: string, context: Record<string, unknown> = {}) =>
  estimateHourlyCost(synthesizeLabTemplate(findLab(labId), context));

// Hand-checked from lib/cost/prices.ts: monthly prices / 730 hours.
const ALARM = 0.1 / 730; // 0.000137
const KMS_KEY = 1 / 730; // 0.001370
const ALB = 0.0225;
const IPV4 = 0.005;
const T3_MICRO = 0.0104;
const GP3_8GIB = (8 * 0.08) / 730; // 0.000877

test.each([
  // lab-01: internal ALB (no public address), the mail topic's key, one DLQ-depth alarm.
  ['lab-01', ALB + KMS_KEY + ALARM, 0.024007],
  // lab-02: one key for the three topics, five DLQ-depth alarms; the rest is usage-priced.
  ['lab-02', KMS_KEY + 5 * ALARM, 0.002055],
  // lab-03: internet-facing ALB in 2 AZs (2 public IPv4), 2 x t3.micro, 2 x 8 GiB gp3.
  ['lab-03', ALB + 2 * IPV4 + 2 * T3_MICRO + 2 * GP3_8GIB, 0.055053],
  // lab-04: one alarm on the on-failure queue.
  ['lab-04', ALARM, 0.000137],
])('%s costs what the hand computation says per hour', (labId, formula, rounded) => {
  const estimate = estimateOf(labId);
  expect(estimate.perHour).toBeCloseTo(formula, 9);
  expect(estimate.perHour).toBeCloseTo(rounded, 6);
  expect(estimate.notPriced).toEqual([]);
});

test('lab-03 items: what a person leaves running', () => {
  expect(estimateOf('lab-03').items.map((i) => [i.priceKey, i.quantity])).toEqual([
    ['alb:hour', 1],
    ['public-ipv4:hour', 2],
    ['ec2:t3.micro', 2],
    ['ebs:gp3:gb-month', 2],
  ]);
});

test('a smaller instance type costs less (lab-03 with -c instanceType=t4g.nano)', () => {
  const nano = estimateOf('lab-03', { instanceType: 't4g.nano' });
  expect(nano.perHour).toBeCloseTo(ALB + 2 * IPV4 + 2 * 0.0042 + 2 * GP3_8GIB, 9);
});

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

test('the formatted estimate says the price date and region', () => {
  expect(formatCostEstimate(estimateOf('lab-04'))).toMatch(/us-east-1, as of 2026-11-23/);
});
