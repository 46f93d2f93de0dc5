/** The diagram renderer's rules; each lab's own diagram is checked in test/labs/<slug>.test.ts. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';

test('a VPC with NAT gateways says so', () => {
  const app = new App();
  const stack = new Stack(app, 'WithNat');
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 2, maxAzs: 2 });
  new lambda.Function(stack, 'InVpc', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
    vpc,
  });
  const diagram = renderMermaid(app.synth().getStackByName('WithNat').template as CfnTemplate);
  expect(diagram).toMatch(
    /subgraph vpc\["VPC \(2 NAT gateways\)"\]\n\s+subgraph tier0\["Private subnets x2"\]\n\s+InVpc/,
  );
});
