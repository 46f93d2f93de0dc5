import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-05 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A team plans a subnet for 28 container tasks, each needing one IP address, and wants the smallest subnet that fits. Which prefix do they choose?',
    choices: [
      { text: '/28 (16 addresses)', wrong: 'after the five addresses AWS reserves, 11 are left' },
      { text: '/27 (32 addresses)', wrong: 'after the five reserved addresses, 27 are left: one short' },
      { text: '/26 (64 addresses)', right: true },
      { text: '/24 (256 addresses)', wrong: 'it fits, but it is four times the smallest subnet that does' },
    ],
    explanation:
      'AWS reserves five addresses in every subnet (network, router, DNS, future use, broadcast): a /26 leaves 59.',
    shownBy: { experiment: 'fiveReservedAddresses' },
    domain: 'performing',
  },
  {
    question:
      'Instances in private subnets with no NAT gateway must read objects from S3 without any traffic crossing the internet, at the lowest cost. What do you add?',
    choices: [
      {
        text: 'An S3 interface VPC endpoint (AWS PrivateLink) with a network interface in each AZ',
        wrong: 'it works, but bills per AZ-hour and per GB where a gateway endpoint is free',
      },
      {
        text: 'A NAT gateway in each AZ, with the S3 traffic routed through it',
        wrong: 'it sends the traffic to the public S3 endpoint and bills per hour and per GB',
      },
      {
        text: 'An internet gateway, and public IP addresses on the instances',
        wrong: 'the instances would reach S3 over their public addresses and become reachable themselves',
      },
      { text: 'An S3 gateway VPC endpoint attached to the private subnets’ route tables', right: true },
    ],
    explanation:
      'A gateway endpoint (S3 and DynamoDB only) is free and works by a prefix-list route in the route tables you attach it to.',
    shownBy: { experiment: 'gatewayEndpointsOnRouteTables' },
    domain: 'cost',
  },
  {
    question:
      'A custom network ACL has inbound rule 100 allowing TCP 443 from 0.0.0.0/0 and outbound rule 100 allowing TCP 443 to 0.0.0.0/0. Clients reach the web server but never get an answer. What fixes it?',
    choices: [
      {
        text: 'An inbound rule allowing TCP 1024-65535 from 0.0.0.0/0',
        wrong: 'the answer leaves the subnet, so it needs an outbound rule, not an inbound one',
      },
      { text: 'An outbound rule allowing TCP 1024-65535 to 0.0.0.0/0', right: true },
      {
        text: 'An outbound rule in the instance’s security group for TCP 443 to 0.0.0.0/0',
        wrong: 'security groups are stateful and already let the answer out; the ACL drops it',
      },
      {
        text: 'Renumbering the rules so that the outbound rule is evaluated first',
        wrong:
          'inbound and outbound rules are evaluated separately; their order across directions does not matter',
      },
    ],
    explanation:
      'Network ACLs are stateless: the answer leaves for the client’s ephemeral port, not 443, so the outbound side needs the ephemeral range.',
    shownBy: { experiment: 'dataTierAclRuleOrder' },
    domain: 'secure',
  },
  {
    question:
      'A network ACL has inbound rule 100 ALLOW all traffic from 0.0.0.0/0 and rule 200 DENY all traffic from 203.0.113.7/32. Is traffic from 203.0.113.7 admitted?',
    choices: [
      { text: 'Yes: rule 100 matches first and the evaluation stops', right: true },
      {
        text: 'No: a deny rule always wins over an allow rule in a network ACL',
        wrong: 'that is how IAM policies combine; a network ACL takes the first rule that matches',
      },
      {
        text: 'No: the rule with the more specific CIDR (/32) wins over the /0',
        wrong: 'the longest prefix wins in route tables, not in network ACLs',
      },
      {
        text: "Only if the instance's security group admits it, since rule 200 denies it",
        wrong: 'rule 200 is never reached: rule 100 admits the traffic first',
      },
    ],
    explanation:
      'Rules are evaluated lowest number first and the first match decides. To block one address, put the deny below the allow (for example rule 90).',
    shownBy: { experiment: 'dataTierAclDropsHttp' },
    domain: 'secure',
  },
  {
    question:
      'A database must accept connections only from the application servers, which scale in and out and change IP addresses. What is the most maintainable rule?',
    choices: [
      {
        text: "An inbound rule in the database's security group for the CIDR ranges of all application subnets",
        wrong: 'it also admits anything else in those subnets, and must follow subnet changes',
      },
      {
        text: 'A network ACL on the database subnets listing the current application server addresses',
        wrong: 'the list goes stale at every scale-out or replacement',
      },
      {
        text: "An inbound rule in the database's security group naming the application servers' security group",
        right: true,
      },
      {
        text: 'A NAT gateway between the application tier and the database tier',
        wrong: 'traffic inside a VPC is routed locally; a NAT gateway neither sits between tiers nor filters',
      },
    ],
    explanation:
      'A rule that names a security group admits every member of that group whatever its address, and only them.',
    shownBy: { challenge: 'database-reachable-from-web' },
    domain: 'secure',
  },
  {
    question:
      'A Lambda function attached to a public subnet (route 0.0.0.0/0 to an internet gateway) times out calling a public API. Which two changes each make the call work?',
    choices: [
      {
        text: 'Keep the public subnet and give the function a public IP address in its configuration',
        wrong: 'Lambda cannot give its network interfaces a public IP address',
      },
      {
        text: 'Attach the function to private subnets whose route tables send 0.0.0.0/0 to a NAT gateway in a public subnet',
        right: true,
      },
      {
        text: 'Add an inbound rule for the API’s address to the function’s security group',
        wrong: 'security groups are stateful: answers to the function need no inbound rule',
      },
      { text: 'Detach the function from the VPC if it needs nothing inside the VPC', right: true },
    ],
    explanation:
      'Lambda gives its network interfaces no public IP, so the internet gateway cannot serve it; a NAT gateway can. A function outside any VPC has internet access by default.',
    shownBy: { experiment: 'reachFromEachTier' },
    domain: 'resilient',
  },
  {
    question:
      'Logs show one external IP address flooding a public web tier with requests. The team must block that address and keep serving everyone else. What do they change?',
    choices: [
      {
        text: 'Add a deny entry for the address to the subnet network ACL, numbered below its allow',
        right: true,
      },
      {
        text: 'Add a deny rule for the address to the web servers’ security group',
        wrong: 'security group rules can only allow: there is no deny rule to add',
      },
      {
        text: 'Remove the 0.0.0.0/0 rule from the security group and list the good client addresses',
        wrong: 'the legitimate clients are unknown and many: it blocks everyone else too',
      },
      {
        text: 'Send the route for that address to a blackhole in the public route table',
        wrong: 'routes decide where traffic leaves to, not which sources may come in',
      },
    ],
    explanation:
      'A network ACL can deny, and its lowest-numbered matching entry decides, so a deny below the allow stops one address. Security groups have allow rules only; an allow-list would shut out unknown clients; a route does not filter who connects.',
    shownBy: { guide: 'Exam facts (security groups only allow)' },
    domain: 'secure',
  },
  {
    question:
      'Servers in a data centre, connected to a VPC over Direct Connect, must reach S3 privately. The VPC already has an S3 gateway endpoint. What do they use?',
    choices: [
      {
        text: 'The existing gateway endpoint, by routing the data centre traffic into the VPC',
        wrong: 'a gateway endpoint serves only traffic from inside its own VPC',
      },
      {
        text: 'An S3 interface endpoint in the VPC, addressed through its private IPs',
        right: true,
      },
      {
        text: 'A second gateway endpoint, attached to the Direct Connect gateway',
        wrong: 'gateway endpoints attach to VPC route tables only, nothing outside',
      },
      {
        text: 'A NAT gateway in the VPC, with the data centre routing S3 traffic to it',
        wrong: 'it sends the traffic to S3’s public endpoints over the internet',
      },
    ],
    explanation:
      'Gateway endpoints cannot be used from on-premises networks, peered VPCs or a transit gateway; an interface endpoint has private IPs that those networks can reach. A NAT gateway would use the public path.',
    shownBy: { experiment: 'gatewayEndpointsOnRouteTables' },
    domain: 'secure',
  },
  {
    question:
      'Private subnets in three AZs share one zonal NAT gateway in AZ a. The design must survive the loss of any one AZ. What do they build?',
    choices: [
      {
        text: 'A second NAT gateway in AZ a, with the route tables split between the two',
        wrong: 'both gateways still fail together when AZ a goes down',
      },
      {
        text: 'A larger NAT gateway size, so AZ a can carry the load of every AZ',
        wrong: 'NAT gateways have no size to pick, and a bigger one still lives in one AZ',
      },
      {
        text: 'A zonal NAT gateway in each AZ, each AZ routing to its own, or one regional NAT gateway',
        right: true,
      },
      {
        text: 'An internet gateway in each AZ, with the private subnets of each AZ routing to their own',
        wrong: 'a VPC has one internet gateway, and it needs public IPs on the instances',
      },
    ],
    explanation:
      'A zonal NAT gateway lives in one AZ, so high availability means one per AZ with each AZ routing to its own; a regional NAT gateway spans the AZs by itself. Two in one AZ fail together, there is no size to choose, and an internet gateway does not serve private addresses.',
    shownBy: { experiment: 'defaultRoutePerTier' },
    domain: 'resilient',
  },
];
