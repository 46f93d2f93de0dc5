import { Match } from 'aws-cdk-lib/assertions';
import { SCALING_COOLDOWN_SECONDS, WEB_PORT } from '../../labs/lab-03-web-tier/stack';
import { findLab } from '../../lib/catalogue';
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

test('the user data reads the instance id and AZ from IMDSv2 and serves them with python3', () => {
  const [, launchTemplate] = resourcesOfType(template, 'AWS::EC2::LaunchTemplate')[0];
  const userData = Buffer.from(
    (launchTemplate.Properties!.LaunchTemplateData as { UserData: { 'Fn::Base64': string } }).UserData[
      'Fn::Base64'
    ],
  ).toString();
  expect(userData).toMatch(/X-aws-ec2-metadata-token-ttl-seconds/);
  expect(userData).toMatch(/meta-data\/\$1/);
  expect(userData).toMatch(/placement\/availability-zone/);
  expect(userData).toMatch(/python3 -m http.server 80/);
});

test('CPU target tracking at 50% with the cooldown stated, and an HTTP health check on /', () => {
  template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
    PolicyType: 'TargetTrackingScaling',
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
