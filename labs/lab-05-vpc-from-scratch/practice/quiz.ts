import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-05 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A team plans a subnet for 28 container tasks, each needing one IP address, and wants the smallest subnet that fits. Which prefix do they choose?',
    choices: ['/28', '/27', '/26', '/29'],
    answer: [2],
    explanation:
      'AWS reserves five addresses in every subnet: a /27 (32) leaves 27, one short; a /26 (64) leaves 59. A /28 leaves 11, and /29 is below the smallest subnet AWS allows (/28).',
    shownBy: { experiment: 'fiveReservedAddresses' },
    domain: 'performing',
  },
  {
    question:
      'Instances in private subnets with no NAT gateway must read objects from S3 without any traffic crossing the internet, at the lowest cost. What do you add?',
    choices: [
      'An S3 gateway VPC endpoint attached to the private subnets’ route tables',
      'An S3 interface VPC endpoint in each private subnet',
      'A NAT gateway in each AZ',
      'An internet gateway and public IP addresses on the instances',
    ],
    answer: [0],
    explanation:
      'A gateway endpoint (S3 and DynamoDB only) is free and works by a prefix-list route in the route tables you attach it to. An interface endpoint also works but bills per AZ-hour and per GB; a NAT gateway sends the traffic out to the public S3 endpoint and bills per hour and GB.',
    shownBy: { experiment: 'gatewayEndpointsOnRouteTables' },
    domain: 'cost',
  },
  {
    question:
      'A custom network ACL has inbound rule 100 allowing TCP 443 from 0.0.0.0/0 and outbound rule 100 allowing TCP 443 to 0.0.0.0/0. Clients reach the web server but never get an answer. What fixes it?',
    choices: [
      'An outbound rule allowing TCP 1024-65535 to 0.0.0.0/0',
      'An inbound rule allowing TCP 1024-65535 from 0.0.0.0/0',
      'An outbound rule in the instance’s security group for TCP 443',
      'Renumbering the rules so that outbound comes first',
    ],
    answer: [0],
    explanation:
      'Network ACLs are stateless: the answer leaves for the client’s ephemeral port, not 443, so the outbound side needs the ephemeral range. Security groups are stateful and let the answer out by themselves.',
    shownBy: { experiment: 'dataTierAclRuleOrder' },
    domain: 'secure',
  },
  {
    question:
      'A network ACL has inbound rule 100 ALLOW all traffic from 0.0.0.0/0 and rule 200 DENY all traffic from 203.0.113.7/32. Is traffic from 203.0.113.7 admitted?',
    choices: [
      'Yes: rule 100 matches first and the evaluation stops',
      'No: a deny always wins over an allow',
      'No: the more specific CIDR wins',
      'Only if the security group also admits it, because the ACL denies it',
    ],
    answer: [0],
    explanation:
      'Rules are evaluated lowest number first and the first match decides. To block one address, put the deny below the allow (for example rule 90).',
    shownBy: { experiment: 'dataTierAclDropsHttp' },
    domain: 'secure',
  },
  {
    question:
      'A database must accept connections only from the application servers, which scale in and out and change IP addresses. What is the most maintainable rule?',
    choices: [
      "An inbound rule in the database's security group naming the application servers' security group",
      "An inbound rule for the application subnets' CIDR ranges",
      'A network ACL on the database subnets listing the current application IPs',
      'A NAT gateway between the tiers',
    ],
    answer: [0],
    explanation:
      'A rule that names a security group admits every member of that group whatever its address, and only them; CIDR rules admit anything else in those subnets and must follow changes.',
    shownBy: { challenge: 'database-reachable-from-web' },
    domain: 'secure',
  },
  {
    question:
      'A Lambda function attached to a public subnet (route 0.0.0.0/0 to an internet gateway) times out calling a public API. What makes the call work? (Choose two.)',
    choices: [
      'Attach the function to private subnets whose route tables send 0.0.0.0/0 to a NAT gateway in a public subnet',
      'Keep the public subnet and give the function a public IP address in its configuration',
      'Detach the function from the VPC if it needs nothing inside the VPC',
      'Add an inbound rule for the API’s address to the function’s security group',
    ],
    answer: [0, 2],
    explanation:
      'Lambda gives its network interfaces no public IP, so the internet gateway cannot serve it; a NAT gateway can. A function outside any VPC has internet access by default. Security groups are stateful: answers need no inbound rule.',
    shownBy: { experiment: 'reachFromEachTier' },
    domain: 'resilient',
  },
];
