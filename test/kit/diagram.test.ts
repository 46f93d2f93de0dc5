/** The diagram renderer's rules; each lab's own diagram is checked in test/labs/<slug>.test.ts. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
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

const synthOf = (stack: Stack) =>
  renderMermaid((stack.node.root as App).synth().getStackByName(stack.stackName).template as CfnTemplate);

test('a KMS key is drawn with what it encrypts, and a role people assume with its boundary and grants', () => {
  const app = new App();
  const stack = new Stack(app, 'Keys');
  const key = new kms.Key(stack, 'Key');
  new sns.Topic(stack, 'Topic', { masterKey: key });
  const boundary = new iam.ManagedPolicy(stack, 'Boundary', {
    statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] })],
  });
  const role = new iam.Role(stack, 'Analyst', {
    assumedBy: new iam.AccountRootPrincipal(),
    permissionsBoundary: boundary,
  });
  key.grantDecrypt(role);
  role.addToPolicy(
    new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['kms:Encrypt'], resources: [key.keyArn] }),
  );
  const diagram = synthOf(stack);
  expect(diagram).toMatch(/Key[0-9A-F]{8}\["Key<br\/><i>KMS key<\/i>"\]/);
  expect(diagram).toMatch(/Topic[0-9A-F]{8} -\.->\|"encrypted with"\| Key[0-9A-F]{8}/);
  expect(diagram).toMatch(/Analyst[0-9A-F]{8} -\.->\|"permissions boundary"\| Boundary[0-9A-F]{8}/);
  expect(diagram).toMatch(/Analyst[0-9A-F]{8} -->\|"IAM: Decrypt"\| Key[0-9A-F]{8}/);
  expect(diagram).toMatch(/Analyst[0-9A-F]{8} -\.->\|"IAM deny: Encrypt"\| Key[0-9A-F]{8}/);
});

test('a role only a drawn node runs with stays hidden; a state machine is drawn invoking its functions', () => {
  const app = new App();
  const stack = new Stack(app, 'Flow');
  const fn = new lambda.Function(stack, 'Step', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {};'),
  });
  new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(
      new tasks.LambdaInvoke(stack, 'Invoke', { lambdaFunction: fn }),
    ),
  });
  const diagram = synthOf(stack);
  expect(diagram).not.toMatch(/IAM role/);
  expect(diagram).toMatch(/Machine[0-9A-F]{8} -->\|"IAM: InvokeFunction"\| Step[0-9A-F]{8}/);
});
