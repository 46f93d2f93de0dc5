import { CfnOutput, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { CostAwareVpc } from '../../lib/constructs/cost-aware-vpc';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { INTERFACE_ENDPOINT_OPTION, NAT_GATEWAY_OPTION, readFlag } from './options';
import type { Output } from './outputs';

/** The VPC's range. */
export const VPC_CIDR = '10.50.0.0/16';
/**
 * Prefix length of each tier's subnets: three sizes, so that "five reserved addresses per subnet"
 * is seen on 16, 32 and 64 addresses (11, 27 and 59 usable). /28 is the smallest subnet AWS allows.
 */
export const SUBNET_MASKS = { public: 28, private: 26, isolated: 27 } as const;
/** Ports of the three security group tiers. */
export const PORTS = { web: 443, app: 8080, db: 5432 } as const;
/** The data tier's network ACL rules (numbers are evaluated lowest first; the first match decides). */
export const DATA_TIER_ACL = {
  /** Outbound: plain HTTP is denied before the allow below is reached. */
  denyHttpOut: { ruleNumber: 90, port: 80 },
  /** Outbound: every TCP port, to anywhere (the tier has no internet route; this reaches the endpoints). */
  allowTcpOut: { ruleNumber: 100 },
  /** Inbound: the return traffic of the tier's own connections, to its ephemeral ports. */
  allowEphemeralIn: { ruleNumber: 100, from: 1024, to: 65535 },
  /** Inbound: anything from inside the VPC. */
  allowVpcIn: { ruleNumber: 110 },
} as const;

/**
 * lab-05 VPC from scratch.
 *
 * A VPC over two AZs with three subnet tiers: public (route to an internet gateway), private (a
 * route out through a NAT gateway only with `-c natGateway=true`; without it, no internet route at
 * all) and isolated (never an internet route). The private and isolated route tables get gateway
 * endpoints for S3 and DynamoDB (free; a prefix-list route each). The isolated tier has its own
 * network ACL: a numbered deny rule for outbound HTTP before a broader allow, and the inbound
 * ephemeral-port rule a stateless filter needs for return traffic. Three security groups reference
 * each other (web -> app -> db). Flow logs of the whole VPC go to a log group created here. One
 * small probe function sits in one subnet of each tier, so that reachability can be tried on AWS.
 * `-c interfaceEndpoint=true` adds an STS interface endpoint in both private subnets (billed per AZ-hour).
 */
export class VpcFromScratchStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const natGateway = readFlag(this.node, NAT_GATEWAY_OPTION);
    const interfaceEndpoint = readFlag(this.node, INTERFACE_ENDPOINT_OPTION);

    const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
      retention: logs.RetentionDays.ONE_DAY,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const { vpc } = new CostAwareVpc(this, 'Network', {
      cidr: VPC_CIDR,
      maxAzs: 2,
      natGateways: natGateway ? 1 : 0,
      flowLogGroup: flowLogs,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: SUBNET_MASKS.public },
        {
          name: 'private',
          // Without a NAT gateway CDK has no "private with egress" to offer: the tier is isolated in
          // all but name (the guide says so), until -c natGateway=true adds its default route.
          subnetType: natGateway ? ec2.SubnetType.PRIVATE_WITH_EGRESS : ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: SUBNET_MASKS.private,
        },
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: SUBNET_MASKS.isolated },
      ],
    });
    const tier = (name: 'public' | 'private' | 'isolated') => vpc.selectSubnets({ subnetGroupName: name });
    const endpointTiers = [{ subnetGroupName: 'private' }, { subnetGroupName: 'isolated' }];

    // Gateway endpoints: free, a route to the service's prefix list in each chosen route table.
    const s3Endpoint = vpc.addGatewayEndpoint('S3Endpoint', {
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: endpointTiers,
    });
    const dynamoDbEndpoint = vpc.addGatewayEndpoint('DynamoDbEndpoint', {
      service: ec2.GatewayVpcEndpointAwsService.DYNAMODB,
      subnets: endpointTiers,
    });

    // The data tier's network ACL: stateless, so return traffic needs a rule of its own.
    const dataTierAcl = new ec2.NetworkAcl(this, 'DataTierAcl', {
      vpc,
      subnetSelection: { subnetGroupName: 'isolated' },
    });
    Validations.of(dataTierAcl).acknowledge({
      id: 'AwsSolutions-VPC3',
      reason:
        'The lab is about network ACLs: this one shows rule order and the ephemeral-port rule a stateless filter needs, next to the security groups.',
    });
    dataTierAcl.addEntry('DenyHttpOut', {
      ruleNumber: DATA_TIER_ACL.denyHttpOut.ruleNumber,
      cidr: ec2.AclCidr.anyIpv4(),
      traffic: ec2.AclTraffic.tcpPort(DATA_TIER_ACL.denyHttpOut.port),
      direction: ec2.TrafficDirection.EGRESS,
      ruleAction: ec2.Action.DENY,
    });
    dataTierAcl.addEntry('AllowTcpOut', {
      ruleNumber: DATA_TIER_ACL.allowTcpOut.ruleNumber,
      cidr: ec2.AclCidr.anyIpv4(),
      traffic: ec2.AclTraffic.tcpPortRange(0, 65535),
      direction: ec2.TrafficDirection.EGRESS,
      ruleAction: ec2.Action.ALLOW,
    });
    dataTierAcl.addEntry('AllowEphemeralIn', {
      ruleNumber: DATA_TIER_ACL.allowEphemeralIn.ruleNumber,
      cidr: ec2.AclCidr.anyIpv4(),
      traffic: ec2.AclTraffic.tcpPortRange(
        DATA_TIER_ACL.allowEphemeralIn.from,
        DATA_TIER_ACL.allowEphemeralIn.to,
      ),
      direction: ec2.TrafficDirection.INGRESS,
      ruleAction: ec2.Action.ALLOW,
    });
    dataTierAcl.addEntry('AllowVpcIn', {
      ruleNumber: DATA_TIER_ACL.allowVpcIn.ruleNumber,
      cidr: ec2.AclCidr.ipv4(VPC_CIDR),
      traffic: ec2.AclTraffic.allTraffic(),
      direction: ec2.TrafficDirection.INGRESS,
      ruleAction: ec2.Action.ALLOW,
    });

    // Three tiers of security groups, each admitting only the tier in front of it (by group, not CIDR).
    const web = new ec2.SecurityGroup(this, 'WebTier', {
      vpc,
      description: 'lab-05 web tier: HTTPS from anywhere',
      allowAllOutbound: false,
    });
    const app = new ec2.SecurityGroup(this, 'AppTier', {
      vpc,
      description: 'lab-05 app tier: only the web tier',
      allowAllOutbound: false,
    });
    const db = new ec2.SecurityGroup(this, 'DbTier', {
      vpc,
      description: 'lab-05 database tier: only the app tier',
      allowAllOutbound: false,
    });
    web.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(PORTS.web), 'HTTPS from the internet');
    Validations.of(web).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'The web tier is the internet-facing tier, open on HTTPS only; nothing in the lab is attached to this group, which shows how the tiers behind it reference it.',
    });
    app.addIngressRule(web, ec2.Port.tcp(PORTS.app), 'from the web tier only');
    db.addIngressRule(app, ec2.Port.tcp(PORTS.db), 'from the app tier only');
    web.addEgressRule(app, ec2.Port.tcp(PORTS.app), 'to the app tier');
    app.addEgressRule(db, ec2.Port.tcp(PORTS.db), 'to the database tier');

    // The probes' group admits nothing inbound: answers to their own connections come back anyway.
    const probes = new ec2.SecurityGroup(this, 'Probes', {
      vpc,
      description: 'lab-05 probes: no inbound rule, all outbound',
      allowAllOutbound: true,
    });
    const probe = (name: 'public' | 'private' | 'isolated') =>
      new LabFunction(this, `${name[0].toUpperCase()}${name.slice(1)}Probe`, {
        handlerFolder: 'lab-05/probe',
        description: `lab-05: tries connections from one ${name} subnet`,
        timeout: Duration.seconds(30),
        memorySize: 128,
        vpc,
        // One subnet per tier, not two: every subnet a function uses holds a network interface.
        vpcSubnets: { subnets: [tier(name).subnets[0]] },
        securityGroups: [probes],
        allowPublicSubnet: name === 'public',
      }).function;
    const probeFunctions = {
      public: probe('public'),
      private: probe('private'),
      isolated: probe('isolated'),
    };

    // The interface endpoint (and its output) exists only with the option that adds it.
    const outputs: Record<Exclude<Output, 'InterfaceEndpointId'>, string> & Partial<Record<Output, string>> =
      {
        VpcId: vpc.vpcId,
        VpcCidr: VPC_CIDR,
        PublicSubnetIds: Fn.join(',', tier('public').subnetIds),
        PrivateSubnetIds: Fn.join(',', tier('private').subnetIds),
        IsolatedSubnetIds: Fn.join(',', tier('isolated').subnetIds),
        S3EndpointId: s3Endpoint.vpcEndpointId,
        DynamoDbEndpointId: dynamoDbEndpoint.vpcEndpointId,
        WebSecurityGroupId: web.securityGroupId,
        AppSecurityGroupId: app.securityGroupId,
        DbSecurityGroupId: db.securityGroupId,
        ProbeSecurityGroupId: probes.securityGroupId,
        FlowLogGroupName: flowLogs.logGroupName,
        PublicProbeName: probeFunctions.public.functionName,
        PrivateProbeName: probeFunctions.private.functionName,
        IsolatedProbeName: probeFunctions.isolated.functionName,
        NatGateway: natGateway ? 'true' : 'false',
      };

    if (interfaceEndpoint) {
      const endpointGroup = new ec2.SecurityGroup(this, 'InterfaceEndpointGroup', {
        vpc,
        description: 'lab-05 STS interface endpoint: HTTPS from the VPC',
        allowAllOutbound: false,
      });
      endpointGroup.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(443), 'HTTPS from the VPC');
      const sts = vpc.addInterfaceEndpoint('StsEndpoint', {
        service: ec2.InterfaceVpcEndpointAwsService.STS,
        subnets: { subnetGroupName: 'private' },
        privateDnsEnabled: true,
        securityGroups: [endpointGroup],
        open: false,
      });
      outputs.InterfaceEndpointId = sts.vpcEndpointId;
    }
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
