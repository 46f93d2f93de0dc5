import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { EMAIL_DOMAIN_OPTION } from './options';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-01: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-01',
  slug: 'lab-01-email-hook',
  title: 'Email hook: SES -> SNS -> Lambda in a VPC -> internal service',
  summary:
    'Mail received by SES is published to SNS; a VPC-attached Lambda POSTs its metadata with axios to an internal ALB only it can reach.',
  notes: [
    {
      file: '000_eb71e302648b0e53.txt',
      topics: [
        'SES -> SNS -> Lambda story',
        'SNS 150 KB email limit',
        'Lambda VPC access and security groups',
      ],
    },
    { file: '001_06aa89305e27a1ca.txt', topics: ['Security group referencing'] },
    {
      file: '002_b4197942c38b97e3.txt',
      topics: [
        'Lambda async retries and dead-letter queues',
        'Lambda limits and VPC access',
        'External dependencies',
      ],
    },
    { file: '003_4fb32c6148cb8c93.txt', topics: ['Lambda networking'] },
  ],
  examTasks: ['SAA 1.2', 'SAA 2.1', 'DVA 1.2', 'SOA 5'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).EmailHookStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  options: [EMAIL_DOMAIN_OPTION],
  support: {
    aws: {
      level: 'unproven',
      note: 'Receiving real mail needs a domain verified in SES in a receiving region (-c emailDomain=...).',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack has no SES receipt rules, and its SNS calls Lambda subscribers once, synchronously (the retry experiment invokes asynchronously itself, as SNS does on AWS).',
    },
    localstack: {
      level: 'none',
      note: 'The internal service is an ALB and the free image has no ELBv2; it also mocks SES receipt rules.',
    },
  },
};
