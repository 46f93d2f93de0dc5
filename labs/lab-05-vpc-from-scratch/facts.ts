import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const SUBNET_SIZING = 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html';
const SUBNET_TYPES = 'https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html';
const NACLS = 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html';
const NACL_RULES = 'https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html';
const SECURITY_GROUPS = 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html';
const GATEWAY_ENDPOINTS = 'https://docs.aws.amazon.com/vpc/latest/privatelink/gateway-endpoints.html';
const INTERFACE_ENDPOINTS =
  'https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html';
const PRIVATELINK_PRICING = 'https://aws.amazon.com/privatelink/pricing/';
const FLOW_LOGS = 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html';
const LAMBDA_VPC = 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc-internet.html';
const NAT = 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html';
const REGIONAL_NAT = 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html';

/** The exam facts lab-05 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'AWS reserves five IPv4 addresses in every subnet: the network address, .1 (VPC router), .2 (DNS), .3 (future use) and the last (broadcast, which a VPC does not support); a /28, the smallest subnet, leaves 11',
    notes: '`004_290acbaf18f7d933.txt` - Reserved IP Addresses: 5 IPs are reserved in every VPC subnet',
    sources: [SUBNET_SIZING],
    experiments: ['fiveReservedAddresses'],
    templateTests: ['three tiers over two AZs: public /28, private /26, isolated /27'],
  },
  {
    fact: 'A subnet is public only because its route table sends 0.0.0.0/0 to an internet gateway; a private subnet reaches the internet through a NAT gateway (a zonal one sits in a public subnet of one AZ, so high availability means one per AZ; a regional NAT gateway, since 2025, needs no public subnet and spans the AZs by itself); an isolated subnet has no route out at all',
    notes:
      '`001_06aa89305e27a1ca.txt` - IGW: after creating it, update the route tables; NAT: use a NAT gateway in your public subnet',
    sources: [SUBNET_TYPES, NAT, REGIONAL_NAT],
    experiments: ['defaultRoutePerTier', 'reachFromEachTier'],
    templateTests: ['only the public route tables have a default route, to the internet gateway'],
  },
  {
    fact: 'A Lambda function attached to a public subnet gets no public IP address: it cannot reach the internet; a function that needs the internet goes in a private subnet with a NAT gateway route',
    notes: '`002_b4197942c38b97e3.txt` - Lambda can run within a VPC with security groups, subnets',
    sources: [LAMBDA_VPC],
    experiments: ['reachFromEachTier'],
  },
  {
    fact: 'Gateway endpoints exist for S3 and DynamoDB only, cost nothing, and work by a prefix-list route in the route tables you choose, so only that VPC can use them (not on-premises networks, peered VPCs or traffic through a transit gateway); every other service, and S3 and DynamoDB too when those must reach them, uses interface endpoints',
    notes:
      '`001_06aa89305e27a1ca.txt` - VPC Endpoint: the two services that use a gateway endpoint are S3 and DynamoDB; `002_b4197942c38b97e3.txt` - DynamoDB without internet',
    sources: [GATEWAY_ENDPOINTS],
    experiments: ['gatewayEndpointsOnRouteTables', 'gatewayEndpointPrefixListRoutes', 'reachFromEachTier'],
    templateTests: [
      'S3 and DynamoDB gateway endpoints on the private and isolated route tables, none on public',
    ],
  },
  {
    fact: 'An interface endpoint is a network interface with a private IP in each subnet (AZ) you choose, billed per AZ-hour and per GB processed',
    notes: '`001_06aa89305e27a1ca.txt` - the rest are VPC endpoint interfaces',
    sources: [INTERFACE_ENDPOINTS, PRIVATELINK_PRICING],
    experiments: ['interfaceEndpointPerAz'],
    templateTests: ['the interface endpoint and the NAT gateway appear only when opted in, and are priced'],
    remark: 'opt-in: -c interfaceEndpoint=true',
  },
  {
    fact: "A VPC's default network ACL allows all traffic in and out; a network ACL you create denies everything until you add rules",
    notes:
      '`001_06aa89305e27a1ca.txt` - Default NACL allows everything; newly created NACL will deny everything',
    sources: [NACLS],
    experiments: ['defaultAclAllowsAll'],
  },
  {
    fact: 'Network ACL rules are evaluated in order, lowest number first, and the first match decides: a deny at 90 wins over an allow at 100',
    notes: '`001_06aa89305e27a1ca.txt` - Rules have a number (1-32766), lower number has precedence',
    sources: [NACL_RULES],
    experiments: ['dataTierAclRuleOrder', 'dataTierAclDropsHttp'],
    templateTests: [
      'the data tier ACL: out 90 deny tcp/80 before 100 allow tcp, in 100 ephemeral 1024-65535',
    ],
  },
  {
    fact: 'Network ACLs are stateless (return traffic needs its own rule, to the client’s ephemeral ports: 1024-65535 covers Lambda, NAT gateways and ELB); security groups are stateful (answers come back with no inbound rule)',
    notes:
      '`004_290acbaf18f7d933.txt` - Ephemeral ports, NACL and security group implications; `001_06aa89305e27a1ca.txt` - NACL is stateless',
    sources: [NACLS, SECURITY_GROUPS],
    experiments: ['securityGroupsStateful', 'dataTierAclRuleOrder'],
  },
  {
    fact: 'Security group rules only allow: there is no deny rule, and traffic that no rule admits is dropped. To block one address while allowing the rest, use a deny entry in a network ACL (numbered below the allow)',
    notes: '`001_06aa89305e27a1ca.txt` - NACL rules and defaults',
    sources: [SECURITY_GROUPS, NACL_RULES],
    remark:
      'Not shown here: the EC2 API has no deny action for a security group rule, so there is nothing to try; the data tier ACL shows a numbered deny (rule 90)',
  },
  {
    fact: 'A security group rule can name another security group instead of a CIDR: only members of that group are admitted, whatever their addresses',
    notes: '`002_b4197942c38b97e3.txt` - allow inbound traffic from the EC2 security group in the RDS group',
    sources: [SECURITY_GROUPS],
    experiments: ['securityGroupsChainTiers'],
    templateTests: ['web -> app -> db security groups reference each other, not CIDRs'],
  },
  {
    fact: 'VPC flow logs capture metadata of accepted and rejected flows (not packet contents) for a VPC, subnet or interface, to CloudWatch Logs, S3 or Firehose',
    notes: '(flow logs are not in the notes)',
    sources: [FLOW_LOGS],
    experiments: ['flowLogsToLogGroup'],
    templateTests: ['flow logs of all traffic go to a one-day log group the stack creates and deletes'],
  },
];
