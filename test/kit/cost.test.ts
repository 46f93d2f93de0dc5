/** The cost estimator's rules; each lab's own hourly cost is checked in test/labs/<slug>.test.ts. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { estimateHourlyCost, formatCostEstimate } from '../../lib/cost/estimate';

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
  const estimate = estimateHourlyCost({ Resources: { Key: { Type: 'AWS::KMS::Key' } } });
  expect(formatCostEstimate(estimate)).toMatch(/us-east-1, as of \d{4}-\d\d-\d\d/);
});
