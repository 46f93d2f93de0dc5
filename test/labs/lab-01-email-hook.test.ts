import { Match } from 'aws-cdk-lib/assertions';
import { SERVICE_PORT } from '../../labs/lab-01-email-hook/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { findLab } from '../../lib/lab/catalogue';
import { stepsFor } from '../../lib/targets/compatibility';
import { cachedLab } from '../support/lab-cache';
import { labTemplate, resourcesOfType, securityGroupRules, stableTemplate, synthLab } from '../support/synth';

const lab = findLab('lab-01');
const template = labTemplate('lab-01');

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
  // What the key and the destination point at, not merely that something is there.
  const resources = template.toJSON().Resources as Record<string, { Type: string }>;
  const typeReferencedBy = (value: unknown) => {
    const { Ref, 'Fn::GetAtt': getAtt } = (value ?? {}) as { Ref?: string; 'Fn::GetAtt'?: string[] };
    return resources[Ref ?? getAtt?.[0] ?? '']?.Type;
  };
  const topics = resourcesOfType(template, 'AWS::SNS::Topic');
  expect(topics.map(([, topic]) => typeReferencedBy(topic.Properties?.KmsMasterKeyId))).toEqual([
    'AWS::KMS::Key',
  ]);
  const configs = resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig').map(([, c]) => c.Properties);
  expect(configs).toEqual([expect.objectContaining({ MaximumRetryAttempts: 2 })]);
  const destination = (configs[0]?.DestinationConfig as { OnFailure?: { Destination?: unknown } })?.OnFailure;
  expect(typeReferencedBy(destination?.Destination)).toBe('AWS::SQS::Queue');
});

test('without emailDomain there is no receipt rule, and synth says why', () => {
  template.resourceCountIs('AWS::SES::ReceiptRuleSet', 0);
  expect(cachedLab('lab-01').warnings).toContainEqual(
    expect.stringMatching(/^lab-01: .*no receiving domain was given/),
  );
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

/** `arn:<partition>:<service>:<region>:<account>:<resource>` as CDK renders it (Fn::Join). */
const arnIn = (service: string, resource: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      `:${service}:`,
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      resource,
    ],
  ],
});

test('ELB may invoke the inbox function only for the lab-01-inbox target group (SourceArn)', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
    Name: 'lab-01-inbox',
    TargetType: 'lambda',
  });
  const permissions = resourcesOfType(template, 'AWS::Lambda::Permission')
    .map(([, r]) => r.Properties ?? {})
    .filter((p) => p.Principal === 'elasticloadbalancing.amazonaws.com');
  expect(permissions).toEqual([
    expect.objectContaining({
      Action: 'lambda:InvokeFunction',
      SourceArn: arnIn('elasticloadbalancing', ':targetgroup/lab-01-inbox/*'),
    }),
  ]);
  // The target group registers the function only after the permission exists.
  const [, group] = resourcesOfType(template, 'AWS::ElasticLoadBalancingV2::TargetGroup')[0];
  const [permissionId] = resourcesOfType(template, 'AWS::Lambda::Permission').find(
    ([, r]) => r.Properties?.Principal === 'elasticloadbalancing.amazonaws.com',
  )!;
  expect(group.DependsOn).toContain(permissionId);
});

test('without emailDomain, SES gets nothing: no topic or key statement names it', () => {
  expect(JSON.stringify(template.toJSON())).not.toContain('ses.amazonaws.com');
});

test('with emailDomain, SES may publish and use the key only for this rule set, in this account', () => {
  const withDomain = labTemplate('lab-01', { context: { emailDomain: 'mail.example.com' } });
  const [ruleSetId] = resourcesOfType(withDomain, 'AWS::SES::ReceiptRuleSet')[0];
  const conditions = {
    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
    ArnLike: {
      'aws:SourceArn': {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':ses:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':receipt-rule-set/',
            { Ref: ruleSetId },
            ':receipt-rule/*',
          ],
        ],
      },
    },
  };
  withDomain.hasResourceProperties('AWS::SNS::TopicPolicy', {
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Allow',
          Principal: { Service: 'ses.amazonaws.com' },
          Action: 'sns:Publish',
          Condition: conditions,
        }),
      ]),
    },
  });
  withDomain.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Principal: { Service: 'ses.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Condition: conditions,
        }),
      ]),
    },
  });
});

test("the forwarder's network-interface permissions are scoped where EC2 allows it", () => {
  const statements = resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([id]) => id.startsWith('ForwarderRoleDefaultPolicy'))
    .flatMap(
      ([, r]) =>
        (r.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] } | undefined)?.Statement ??
        [],
    )
    .filter((s) => [s.Action].flat().some((a) => String(a).startsWith('ec2:')));
  const networkInterfaces = arnIn('ec2', ':network-interface/*');
  expect(statements).toEqual([
    {
      Action: 'ec2:CreateNetworkInterface',
      Effect: 'Allow',
      // The interfaces of this account and region, the forwarder's group and its two subnets.
      Resource: [networkInterfaces, expect.anything(), expect.anything(), expect.anything()],
    },
    {
      Action: [
        'ec2:AssignPrivateIpAddresses',
        'ec2:DeleteNetworkInterface',
        'ec2:UnassignPrivateIpAddresses',
      ],
      Effect: 'Allow',
      Resource: networkInterfaces,
    },
    { Action: ['ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets'], Effect: 'Allow', Resource: '*' },
  ]);
  const createResources = JSON.stringify(statements[0].Resource);
  expect(createResources).toContain(':network-interface/*');
  expect(createResources).toContain(`{"Fn::GetAtt":["${forwarderSg}","GroupId"]}`);
  expect(createResources.match(/:subnet\//g)).toHaveLength(2);
  expect(createResources).not.toContain(':subnet/*');
});

// Hand-checked from lib/cost/prices.ts: an internal ALB (no public address), the mail topic's key
// and one DLQ-depth alarm (monthly prices / 730 hours).
test('costs what the hand computation says per hour', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeCloseTo(0.0225 + 1 / 730 + 0.1 / 730, 9);
  expect(estimate.perHour).toBeCloseTo(0.024007, 6);
  expect(estimate.notPriced).toEqual([]);
});

const edgeLines = (diagram: string) => diagram.split('\n').filter((line) => /--|-\.->/.test(line));

test('the diagram: the VPC forwarder reaches the internal service through a security group rule', () => {
  const diagram = renderMermaid(template.toJSON() as CfnTemplate);
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

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual([
    'defer-security-group-rules',
    'register-target-group-targets',
    'route-load-balancer-urls',
    'late-log-groups',
  ]);
});
