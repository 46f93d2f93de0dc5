import type { NoteErratum } from '../../lib/docs/errata';

const NACLS = 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html';

/** Outdated or wrong statements in the notes that lab-05 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '000_eb71e302648b0e53.txt',
    says: 'Network ACL: each subnet is associated with one, "but default it\'s blocking all in/out bound traffic"',
    now: 'The default network ACL of a VPC allows all inbound and outbound traffic. Only a network ACL you create denies everything until you add rules (note 001 has it right).',
    sources: [NACLS],
    examTrap:
      'a new subnet is associated with the default ACL and so allows everything; a custom ACL blocks everything.',
  },
  {
    note: '000_eb71e302648b0e53.txt',
    says: 'NAT gateways: "no need to ... assign ip (automatic)"',
    now: 'A public zonal NAT gateway needs an Elastic IP address allocated to it at creation (CDK allocates one for you); the Elastic IP is billed as a public IPv4 address. A private NAT gateway has none, and a regional NAT gateway (2025) in automatic mode allocates and manages its Elastic IPs itself, which is what the note describes.',
    sources: [
      'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html',
      'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateways-regional.html',
    ],
  },
  {
    note: '004_290acbaf18f7d933.txt',
    says: 'Ephemeral ports: "Linux kernels generally use 32568 to 61000"',
    now: 'AWS names 32768-61000 for many Linux kernels, 49152-65535 for Windows Server 2008 and later, and 1024-65535 for NAT gateways, Elastic Load Balancing and Lambda: a network ACL rule for return traffic to those clients needs 1024-65535.',
    sources: ['https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html'],
    examTrap:
      'an answer opening only 32768-61000 breaks return traffic to a NAT gateway or a Lambda function.',
  },
  {
    note: '000_eb71e302648b0e53.txt',
    says: 'NACL: "opening port 80 for incoming will not allow outbound response on port 80 ... you\'d have to define rule both for inbound and outbound"',
    now: "The answer does not leave on port 80: it goes to the client's ephemeral port. With inbound 80 allowed, the outbound rule must allow the ephemeral range (1024-65535), not port 80.",
    sources: [NACLS],
  },
  {
    note: '001_06aa89305e27a1ca.txt',
    says: '"Internet Gateways must be deployed in a public subnet"',
    now: 'An internet gateway attaches to the VPC, not to a subnet. A subnet is public because its route table sends 0.0.0.0/0 to the internet gateway; the NAT gateway is what sits in a public subnet.',
    sources: ['https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Internet_Gateway.html'],
  },
];
