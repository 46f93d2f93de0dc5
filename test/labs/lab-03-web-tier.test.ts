import { Match } from 'aws-cdk-lib/assertions';
import { ALLOWED_INSTANCE_TYPES } from '../../labs/lab-03-web-tier/options';
import {
  INSTANCE_WARMUP_SECONDS,
  SCALING_COOLDOWN_SECONDS,
  WEB_PORT,
} from '../../labs/lab-03-web-tier/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { PRICES } from '../../lib/cost/prices';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { findLab } from '../../lib/lab/catalogue';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, resourcesOfType, securityGroupRules, stableTemplate, synthLab } from '../support/synth';

const lab = findLab('lab-03');
const template = labTemplate('lab-03');
const groupId = (description: string) =>
  resourcesOfType(template, 'AWS::EC2::SecurityGroup').find(
    ([, r]) => r.Properties?.GroupDescription === description,
  )![0];
const albSg = groupId('lab-03 ALB: HTTP from anywhere, out only to the instances');
const instanceSg = groupId('lab-03 instances: HTTP only from the ALB security group');

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the ALB is internet-facing in two public subnets of two AZs, and there is no NAT gateway', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
    Scheme: 'internet-facing',
    Subnets: [
      { Ref: Match.stringLikeRegexp('publicSubnet1') },
      { Ref: Match.stringLikeRegexp('publicSubnet2') },
    ],
  });
  template.resourceCountIs('AWS::EC2::NatGateway', 0);
});

test('the group keeps 2..4 instances across both AZs, replacing those the ALB health check fails', () => {
  template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
    MinSize: '2',
    DesiredCapacity: '2',
    MaxSize: '4',
    HealthCheckType: 'ELB',
    Cooldown: String(SCALING_COOLDOWN_SECONDS),
    VPCZoneIdentifier: [
      { Ref: Match.stringLikeRegexp('appSubnet1') },
      { Ref: Match.stringLikeRegexp('appSubnet2') },
    ],
  });
});

test("the instances' only ingress is HTTP from the ALB's security group", () => {
  const [, instanceGroup] = resourcesOfType(template, 'AWS::EC2::SecurityGroup').find(
    ([id]) => id === instanceSg,
  )!;
  expect(instanceGroup.Properties?.SecurityGroupIngress).toBeUndefined();
  expect(securityGroupRules(template, 'AWS::EC2::SecurityGroupIngress', instanceSg)).toEqual([
    expect.objectContaining({
      SourceSecurityGroupId: { 'Fn::GetAtt': [albSg, 'GroupId'] },
      FromPort: WEB_PORT,
      ToPort: WEB_PORT,
      IpProtocol: 'tcp',
    }),
  ]);
});

test('the launch template requires IMDSv2, encrypts the root volume and uses AL2023 from SSM', () => {
  template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
    LaunchTemplateData: Match.objectLike({
      InstanceType: 't3.micro',
      MetadataOptions: { HttpTokens: 'required' },
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) },
      ],
      ImageId: { Ref: Match.stringLikeRegexp('SsmParameterValue.*al2023') },
    }),
  });
});

test('the user data reads the instance id and AZ from IMDSv2, records what IMDSv1 answers, and serves them with python3', () => {
  const [, launchTemplate] = resourcesOfType(template, 'AWS::EC2::LaunchTemplate')[0];
  const userData = Buffer.from(
    (launchTemplate.Properties!.LaunchTemplateData as { UserData: { 'Fn::Base64': string } }).UserData[
      'Fn::Base64'
    ],
  ).toString();
  expect(userData).toMatch(/X-aws-ec2-metadata-token-ttl-seconds/);
  expect(userData).toMatch(/meta-data\/\$1/);
  expect(userData).toMatch(/placement\/availability-zone/);
  // A token-less request, so the page can show that IMDS refuses IMDSv1 on these instances.
  expect(userData).toMatch(
    /IMDSV1=\$\(curl -s -o \/dev\/null -w "%\{http_code\}" "\$IMDS\/meta-data\/instance-id"/,
  );
  expect(userData).toMatch(/python3 -m http.server 80/);
});

test('CPU target tracking at 50% with a 120 s instance warmup and no cooldown (it has none), and an HTTP health check on /', () => {
  template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
    PolicyType: 'TargetTrackingScaling',
    EstimatedInstanceWarmup: INSTANCE_WARMUP_SECONDS,
    Cooldown: Match.absent(),
    TargetTrackingConfiguration: {
      PredefinedMetricSpecification: { PredefinedMetricType: 'ASGAverageCPUUtilization' },
      TargetValue: 50,
    },
  });
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
    HealthCheckPath: '/',
    Port: WEB_PORT,
    HealthyThresholdCount: 2,
    UnhealthyThresholdCount: 2,
    Matcher: { HttpCode: '200' },
  });
});

test('the target group drains a leaving target for 30 s, not the default 300 s', () => {
  template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
    TargetGroupAttributes: Match.arrayWith([{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }]),
  });
});

test('outputs the ALB DNS name (an alias target, not an IP) and the group name', () => {
  template.hasOutput('LoadBalancerDnsName', { Value: { 'Fn::GetAtt': [Match.anyValue(), 'DNSName'] } });
  template.hasOutput('AutoScalingGroupName', Match.anyValue());
});

test('instanceType is validated; an ARM type picks the ARM image', () => {
  expect(() => synthLab(lab, { instanceType: 'm5.24xlarge' })).toThrow(
    /Context option instanceType="m5.24xlarge" is not allowed. Use one of: t3.nano, t3.micro/,
  );
  const arm = labTemplate('lab-03', { context: { instanceType: 't4g.nano' } });
  arm.hasResourceProperties('AWS::EC2::LaunchTemplate', {
    LaunchTemplateData: Match.objectLike({ ImageId: { Ref: Match.stringLikeRegexp('arm64') } }),
  });
});

// Hand-checked from lib/cost/prices.ts (monthly prices / 730 hours).
const ALB = 0.0225;
const IPV4 = 0.005;
const GP3_8GIB = (8 * 0.08) / 730;

test('costs what the hand computation says: an internet-facing ALB in 2 AZs (2 public IPv4), 2 x t3.micro, 2 x 8 GiB gp3', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.items.map((i) => [i.priceKey, i.quantity])).toEqual([
    ['alb:hour', 1],
    ['public-ipv4:hour', 2],
    ['ec2:t3.micro', 2],
    ['ebs:gp3:gb-month', 2],
  ]);
  expect(estimate.perHour).toBeCloseTo(ALB + 2 * IPV4 + 2 * 0.0104 + 2 * GP3_8GIB, 9);
  expect(estimate.perHour).toBeCloseTo(0.055053, 6);
  expect(estimate.notPriced).toEqual([]);
});

test('a smaller instance type costs less (-c instanceType=t4g.nano)', () => {
  const nano = estimateHourlyCost(
    synthLab(lab, { instanceType: 't4g.nano' }).template.toJSON() as CfnTemplate,
  );
  expect(nano.perHour).toBeCloseTo(ALB + 2 * IPV4 + 2 * 0.0042 + 2 * GP3_8GIB, 9);
});

test('every instance type the web tier accepts is in the price table', () => {
  expect(ALLOWED_INSTANCE_TYPES.filter((t) => !(`ec2:${t}` in PRICES))).toEqual([]);
});

const edgeLines = (diagram: string) => diagram.split('\n').filter((line) => /--|-\.->/.test(line));

test('the diagram: the internet reaches the ALB in public subnets, and only the ALB reaches the group', () => {
  const diagram = renderMermaid(template.toJSON() as CfnTemplate);
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

// No function of its own: the compatibility function its rules need brings the log group.
test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual([
    'defer-security-group-rules',
    'late-log-groups',
    'served-al2023-ami-parameter',
  ]);
});
