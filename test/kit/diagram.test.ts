import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { findLab } from '../../lib/catalogue';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { synthesizeLabTemplate } from '../../lib/docs/lab-template';

const diagramOf = (labId: string) => renderMermaid(synthesizeLabTemplate(findLab(labId)));
const edgeLines = (diagram: string) => diagram.split('\n').filter((line) => /--|-\.->/.test(line));

test('lab-02: one edge per subscription, naming its filter keys, and a dotted redrive edge per queue', () => {
  const edges = edgeLines(diagramOf('lab-02'));
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

test('lab-03: the internet reaches the ALB in public subnets, and only the ALB reaches the group', () => {
  const diagram = diagramOf('lab-03');
  expect(diagram).toMatch(/subgraph vpc\["VPC \(no NAT gateway\)"\]/);
  expect(diagram).toMatch(/subgraph tier\d\["public subnets x2"\]\n\s+LoadBalancer/);
  expect(diagram).toMatch(/subgraph tier\d\["app subnets x2"\]\n\s+WebServersASG/);
  const edges = edgeLines(diagram);
  expect(edges).toContainEqual(
    expect.stringMatching(/internet -->\|"SG: tcp 80 from 0\.0\.0\.0\/0"\| LoadBalancer/),
  );
  expect(edges).toContainEqual(expect.stringMatching(/LoadBalancer\w* -\.->\|"SG: tcp 80"\| WebServersASG/));
  expect(edges).toContainEqual(expect.stringMatching(/LoadBalancer\w* -->\|"HTTP 80"\| WebServersASG/));
});

test('lab-01: the VPC forwarder reaches the internal service through a security group rule', () => {
  const diagram = diagramOf('lab-01');
  expect(diagram).toMatch(/subgraph tier\d\["isolated subnets x2"\]/);
  const edges = edgeLines(diagram);
  expect(edges).toContainEqual(expect.stringMatching(/MailTopic\w* -->\|"subscription"\| ForwarderFunction/));
  expect(edges).toContainEqual(
    expect.stringMatching(/ForwarderFunction\w* -\.->\|"SG: tcp 80"\| InternalService/),
  );
  expect(edges).toContainEqual(
    expect.stringMatching(/ForwarderFunction\w* -\.->\|"on failure"\| FailedDeliveriesQueue/),
  );
  expect(edges).not.toContainEqual(expect.stringMatching(/internet/));
});

test('lab-04: the stream edge and the read grant the consumer needs', () => {
  const edges = edgeLines(diagramOf('lab-04'));
  expect(edges).toContainEqual(expect.stringMatching(/Orders\w* -->\|"stream"\| AuditWriterFunction/));
  expect(edges).toContainEqual(
    expect.stringMatching(/AuditWriterFunction\w* -->\|"IAM: DescribeStream, GetRecords, \.\.\."\| Orders/),
  );
});

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
