import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { INSTANCE_TYPE_OPTION } from './options';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-03: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-03',
  slug: 'lab-03-web-tier',
  title: 'Web tier: ALB + Auto Scaling group across two AZs',
  summary:
    'An internet-facing ALB in two public subnets in front of an Auto Scaling group (min 2) whose instances admit HTTP only from the ALB.',
  notes: [
    {
      file: '001_06aa89305e27a1ca.txt',
      topics: ['ALB -> ASG security group referencing', 'ASG launch and termination'],
    },
    {
      file: '002_b4197942c38b97e3.txt',
      topics: ['EC2 user data and instance metadata', 'ELB target groups'],
    },
    { file: '004_290acbaf18f7d933.txt', topics: ['Auto scaling policy types and cooldown'] },
  ],
  examTasks: ['SAA 1.2', 'SAA 2.2', 'SAA 3.2', 'SOA 2'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).WebTierStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  options: [INSTANCE_TYPE_OPTION],
  support: {
    aws: {
      level: 'unproven',
      note: 'Runs two t3.micro instances and an internet-facing ALB, billed per hour: destroy it when done.',
    },
    ministack: {
      level: 'partial',
      note: 'The control plane is checked there: the group, its launch template, the listener and the target group settings.',
    },
    localstack: { level: 'none', note: 'The free image has no ELBv2 and no Auto Scaling.' },
  },
};
