import { Match } from 'aws-cdk-lib/assertions';
import { DATA_TIER_ACL, PORTS, SUBNET_MASKS, VPC_CIDR } from '../../labs/lab-05-vpc-from-scratch/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import type { CfnTemplate } from '../../lib/docs/diagram';
import { findLab } from '../../lib/lab/catalogue';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, resourcesOfType, stableTemplate } from '../support/synth';

/** A resource's properties, loosely typed for reading a template. */
const props = (r: { Properties?: Record<string, unknown> }) => (r.Properties ?? {}) as Record<string, any>;

const lab = findLab('lab-05');
const template = labTemplate('lab-05');
const withNat = labTemplate('lab-05', { context: { natGateway: 'true' } });
const withEndpoint = labTemplate('lab-05', { context: { interfaceEndpoint: 'true' } });
const ministackTemplate = labTemplate('lab-05', { target: 'ministack' });

const resources = template.toJSON().Resources as Record<
  string,
  { Type: string; Properties: Record<string, any> }
>;
const subnets = resourcesOfType(template, 'AWS::EC2::Subnet');
const tierOf = (p: Record<string, any>) =>
  (p.Tags as { Key: string; Value: string }[]).find((t) => t.Key === 'aws-cdk:subnet-name')?.Value;
const subnetIdsOf = (tier: string) => subnets.filter(([, s]) => tierOf(props(s)) === tier).map(([id]) => id);
/** The route table of a subnet, by its association. */
const routeTableOf = (subnetId: string): string => {
  const association = resourcesOfType(template, 'AWS::EC2::SubnetRouteTableAssociation').find(
    ([, a]) => props(a).SubnetId?.Ref === subnetId,
  );
  return association ? String(props(association[1]).RouteTableId.Ref) : 'none';
};
const groupId = (name: string) =>
  resourcesOfType(template, 'AWS::EC2::SecurityGroup').find(([id]) => id.startsWith(name))?.[0];

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('three tiers over two AZs: public /28, private /26, isolated /27', () => {
  template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: VPC_CIDR });
  expect(subnets).toHaveLength(6);
  for (const [tier, mask] of Object.entries(SUBNET_MASKS)) {
    const ofTier = subnets.filter(([, s]) => tierOf(props(s)) === tier);
    expect(ofTier).toHaveLength(2);
    for (const [, s] of ofTier) expect(props(s).CidrBlock).toMatch(new RegExp(`/${mask}$`));
    const zones = ofTier.map(([, s]) => JSON.stringify(props(s).AvailabilityZone));
    expect(new Set(zones).size).toBe(2);
  }
});

test('only the public route tables have a default route, to the internet gateway', () => {
  const defaults = resourcesOfType(template, 'AWS::EC2::Route').filter(
    ([, r]) => props(r).DestinationCidrBlock === '0.0.0.0/0',
  );
  const publicTables = subnetIdsOf('public').map(routeTableOf);
  expect(defaults.map(([, r]) => props(r).RouteTableId.Ref).sort()).toEqual([...publicTables].sort());
  for (const [, r] of defaults) expect(props(r).GatewayId).toEqual({ Ref: expect.stringMatching(/IGW/) });
  template.resourceCountIs('AWS::EC2::InternetGateway', 1);
});

test('no NAT gateway, no Elastic IP and no interface endpoint by default: nothing billed per hour', () => {
  template.resourceCountIs('AWS::EC2::NatGateway', 0);
  template.resourceCountIs('AWS::EC2::EIP', 0);
  expect(resourcesOfType(template, 'AWS::EC2::VPCEndpoint').map(([, e]) => props(e).VpcEndpointType)).toEqual(
    ['Gateway', 'Gateway'],
  );
  expect(estimateHourlyCost(template.toJSON() as CfnTemplate).perHour).toBe(0);
});

test('the interface endpoint and the NAT gateway appear only when opted in, and are priced', () => {
  withNat.resourceCountIs('AWS::EC2::NatGateway', 1);
  withNat.resourceCountIs('AWS::EC2::EIP', 1);
  withNat.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
  withEndpoint.resourceCountIs('AWS::EC2::NatGateway', 0);
  withEndpoint.hasResourceProperties('AWS::EC2::VPCEndpoint', {
    VpcEndpointType: 'Interface',
    PrivateDnsEnabled: true,
    SubnetIds: [Match.anyValue(), Match.anyValue()],
  });
  const natCost = estimateHourlyCost(withNat.toJSON() as CfnTemplate);
  expect(natCost.items.map((l) => l.what).join('\n')).toMatch(/NAT gateway/);
  expect(natCost.perHour).toBeCloseTo(0.05, 3);
  const endpointCost = estimateHourlyCost(withEndpoint.toJSON() as CfnTemplate);
  expect(endpointCost.items.map((l) => l.what).join('\n')).toMatch(/interface endpoint .*\(per AZ\)/);
  expect(endpointCost.perHour).toBeCloseTo(0.02, 3);
  expect(lab.allowsNatGateway).toBe(true);
});

test('S3 and DynamoDB gateway endpoints on the private and isolated route tables, none on public', () => {
  const wanted = [...subnetIdsOf('private'), ...subnetIdsOf('isolated')].map(routeTableOf).sort();
  const endpoints = resourcesOfType(template, 'AWS::EC2::VPCEndpoint');
  expect(endpoints).toHaveLength(2);
  for (const [, e] of endpoints) {
    expect(props(e).VpcEndpointType).toBe('Gateway');
    expect(
      props(e)
        .RouteTableIds.map((r: { Ref: string }) => r.Ref)
        .sort(),
    ).toEqual(wanted);
  }
  const services = endpoints.map(([, e]) => JSON.stringify(props(e).ServiceName));
  expect(services.some((s) => s.includes('.s3'))).toBe(true);
  expect(services.some((s) => s.includes('.dynamodb'))).toBe(true);
});

test('the data tier ACL: out 90 deny tcp/80 before 100 allow tcp, in 100 ephemeral 1024-65535', () => {
  const [[aclId]] = resourcesOfType(template, 'AWS::EC2::NetworkAcl');
  const entries = resourcesOfType(template, 'AWS::EC2::NetworkAclEntry').map(([, e]) => props(e));
  expect(entries).toHaveLength(4);
  for (const e of entries) expect(e.NetworkAclId).toEqual({ Ref: aclId });
  expect(entries).toContainEqual(
    expect.objectContaining({
      RuleNumber: DATA_TIER_ACL.denyHttpOut.ruleNumber,
      RuleAction: 'deny',
      Egress: true,
      Protocol: 6,
      PortRange: { From: 80, To: 80 },
      CidrBlock: '0.0.0.0/0',
    }),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({
      RuleNumber: 100,
      RuleAction: 'allow',
      Egress: true,
      PortRange: { From: 0, To: 65535 },
    }),
  );
  expect(entries).toContainEqual(
    expect.objectContaining({
      RuleNumber: 100,
      RuleAction: 'allow',
      Egress: false,
      PortRange: { From: 1024, To: 65535 },
    }),
  );
  const associated = resourcesOfType(template, 'AWS::EC2::SubnetNetworkAclAssociation').map(
    ([, a]) => props(a).SubnetId.Ref,
  );
  expect(associated.sort()).toEqual(subnetIdsOf('isolated').sort());
});

test('web -> app -> db security groups reference each other, not CIDRs', () => {
  const [web, app, db] = ['WebTier', 'AppTier', 'DbTier'].map(groupId);
  const ingress = resourcesOfType(template, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => props(r));
  expect(ingress).toContainEqual(
    expect.objectContaining({
      GroupId: { 'Fn::GetAtt': [app, 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [web, 'GroupId'] },
      FromPort: PORTS.app,
    }),
  );
  expect(ingress).toContainEqual(
    expect.objectContaining({
      GroupId: { 'Fn::GetAtt': [db, 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [app, 'GroupId'] },
      FromPort: PORTS.db,
    }),
  );
  expect(resources[db!].Properties.SecurityGroupIngress).toBeUndefined();
  template.hasResourceProperties('AWS::EC2::SecurityGroup', {
    GroupDescription: Match.stringLikeRegexp('probes'),
    SecurityGroupIngress: Match.absent(),
  });
});

test('flow logs of all traffic go to a one-day log group the stack creates and deletes', () => {
  const [[groupIdOfLogs]] = resourcesOfType(template, 'AWS::Logs::LogGroup').filter(([id]) =>
    id.startsWith('FlowLogs'),
  );
  template.hasResource('AWS::Logs::LogGroup', {
    Properties: { RetentionInDays: 1 },
    DeletionPolicy: 'Delete',
  });
  template.hasResourceProperties('AWS::EC2::FlowLog', {
    ResourceType: 'VPC',
    TrafficType: 'ALL',
    LogDestinationType: 'cloud-watch-logs',
    LogGroupName: { Ref: groupIdOfLogs },
    MaxAggregationInterval: 60,
  });
});

test('one probe function per tier, each in one subnet only', () => {
  const functions = resourcesOfType(template, 'AWS::Lambda::Function');
  expect(functions).toHaveLength(3);
  for (const [, f] of functions) expect(props(f).VpcConfig.SubnetIds).toHaveLength(1);
});

test('on MiniStack the ACL and flow log are left out by a named step; everything else stays', () => {
  expect(stepsFor(template.toJSON(), 'ministack').map((s) => s.name)).toEqual(
    expect.arrayContaining(['defer-security-group-rules', 'leave-out-network-acls-and-flow-logs']),
  );
  for (const type of [
    'AWS::EC2::NetworkAcl',
    'AWS::EC2::NetworkAclEntry',
    'AWS::EC2::SubnetNetworkAclAssociation',
    'AWS::EC2::FlowLog',
  ])
    ministackTemplate.resourceCountIs(type, 0);
  ministackTemplate.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
  ministackTemplate.resourceCountIs('AWS::EC2::Subnet', 6);
});
