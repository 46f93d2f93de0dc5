import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { INTERFACE_ENDPOINT_OPTION, NAT_GATEWAY_OPTION } from './options';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-05: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-05',
  slug: 'lab-05-vpc-from-scratch',
  title: 'VPC from scratch',
  summary:
    'A VPC over two AZs with public, private and isolated subnets, an internet gateway, S3 and DynamoDB gateway endpoints, a network ACL with a numbered deny rule, security groups that reference each other and flow logs; a NAT gateway and an interface endpoint are opt-in.',
  notes: [
    {
      file: '001_06aa89305e27a1ca.txt',
      topics: ['VPC endpoints (gateway vs interface)', 'NACL rules and defaults', 'IGW and NAT'],
    },
    { file: '004_290acbaf18f7d933.txt', topics: ['Reserved IP addresses', 'Ephemeral ports'] },
    { file: '000_eb71e302648b0e53.txt', topics: ['NAT gateways', 'Network ACL'] },
    { file: '002_b4197942c38b97e3.txt', topics: ['Security groups referencing groups', 'Lambda in a VPC'] },
  ],
  examTasks: ['SAA 1.2', 'SAA 2.2', 'SAA 3.4', 'SAA 4.4', 'SOA 5'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).VpcFromScratchStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  options: [NAT_GATEWAY_OPTION, INTERFACE_ENDPOINT_OPTION],
  allowsNatGateway: true,
  support: {
    aws: {
      level: 'unproven',
      note: 'Every experiment is written to run there; the three probe functions hold network interfaces, so deleting the stack can take 20-40 minutes while Lambda releases them.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33, with the steps defer-security-group-rules and leave-out-network-acls-and-flow-logs: the routes per tier, gateway endpoint attachments, the default network ACL, security groups referencing each other and (with the kit’s patch) the subnets’ free addresses run there; the interface endpoint too with -c interfaceEndpoint=true. No NAT gateway there (no NatGateway/EIP type).',
    },
    localstack: {
      level: 'none',
      note: "Tried on LocalStack 4.13.1 (the kit's host process) with plain cdk deploy/destroy: the stack deploys and destroys, and 4 experiments pass (reserved addresses: it reports 11/59/27; prefix-list routes; endpoint attachments; the default ACL), but its CloudFormation reports the security group rules, the ACL entries and the flow log CREATE_COMPLETE with the physical id 'unknown' without creating them, and writes the public default route without its internet gateway: 4 experiments fail, and the lab would mislead there.",
    },
  },
};
