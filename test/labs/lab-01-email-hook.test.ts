import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { findLab } from '../../lib/catalogue';
import { SERVICE_PORT } from '../../lib/labs/lab-01-email-hook';
import { resourcesOfType, securityGroupRules, stableTemplate, synthLab } from '../support/synth';

const lab = findLab('lab-01');
const { stack, template } = synthLab(lab);

const logicalIdOf = (type: string, description: string) =>
  resourcesOfType(template, type).find(([, r]) => r.Properties?.GroupDescription === description)![0];
const forwarderSg = logicalIdOf(
  'AWS::EC2::SecurityGroup',
  'lab-01 forwarder: may only call the internal service',
);
const serviceSg = logicalIdOf(
  'AWS::EC2::SecurityGroup',
  'lab-01 internal service: admits only the forwarder',
);

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the VPC has no NAT gateway and no internet gateway: nothing in it reaches out or in', () => {
  template.resourceCountIs('AWS::EC2::NatGateway', 0);
  template.resourceCountIs('AWS::EC2::InternetGateway', 0);
});

test('the forwarder is attached to the VPC with its own security group', () => {
  template.hasResourceProperties('AWS::Lambda::Function', {
    Description: Match.stringLikeRegexp('forwarder'),
    VpcConfig: {
      SecurityGroupIds: [{ 'Fn::GetAtt': [forwarderSg, 'GroupId'] }],
      SubnetIds: Match.anyValue(),
    },
    Environment: { Variables: { SERVICE_URL: Match.anyValue(), REQUEST_TIMEOUT_MS: '3000' } },
  });
});

test("the service's group admits only the forwarder's group, on the listener port", () => {
  expect(securityGroupRules(template, 'AWS::EC2::SecurityGroupIngress', serviceSg)).toEqual([
    expect.objectContaining({
      SourceSecurityGroupId: { 'Fn::GetAtt': [forwarderSg, 'GroupId'] },
      FromPort: SERVICE_PORT,
      ToPort: SERVICE_PORT,
      IpProtocol: 'tcp',
    }),
  ]);
  const [, service] = resourcesOfType(template, 'AWS::EC2::SecurityGroup').find(([id]) => id === serviceSg)!;
  expect(service.Properties?.SecurityGroupIngress).toBeUndefined();
});

test('the forwarder may only send to the service, on the listener port', () => {
  expect(securityGroupRules(template, 'AWS::EC2::SecurityGroupEgress', forwarderSg)).toEqual([
    expect.objectContaining({
      DestinationSecurityGroupId: { 'Fn::GetAtt': [serviceSg, 'GroupId'] },
      FromPort: SERVICE_PORT,
    }),
  ]);
});

test('the internal service is an internal ALB whose listener forwards /events to the inbox function', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
    Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/events'] } }],
  });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'lambda' });
});

test('the forwarder is subscribed to the encrypted mail topic and failed events go to a queue', () => {
  template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
  template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
    MaximumRetryAttempts: 2,
    DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
  });
});

test('without emailDomain there is no receipt rule, and synth says why', () => {
  template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
  Annotations.fromStack(stack).hasWarning('/lab-01', Match.stringLikeRegexp('no receiving domain was given'));
});

test('with emailDomain a rule for inbox@<domain> publishes to the topic and a custom resource activates it', () => {
  const withDomain = synthLab(lab, { emailDomain: 'Mail.Example.com' }).template;
  withDomain.hasResourceProperties('AWS::SES::ReceiptRule', {
    Rule: Match.objectLike({
      Recipients: ['inbox@mail.example.com'],
      TlsPolicy: 'Require',
      Actions: [{ SNSAction: Match.objectLike({ Encoding: 'UTF-8' }) }],
    }),
  });
  withDomain.hasResourceProperties('AWS::CloudFormation::CustomResource', { RuleSetName: Match.anyValue() });
});

test('a bad emailDomain fails synth naming the option, the value and what is allowed', () => {
  expect(() => synthLab(lab, { emailDomain: 'user@example.com' })).toThrow(
    /Context option emailDomain="user@example.com" is not a domain name.*-c emailDomain=mail.example.com/,
  );
});
