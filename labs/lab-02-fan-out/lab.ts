import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-02: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-02',
  slug: 'lab-02-fan-out',
  title: 'Fan-out: SNS -> SQS with filter policies, DLQs and FIFO',
  summary:
    'One topic fans out to four queues with different filter policies, each with a dead-letter queue and alarm, plus a FIFO topic -> FIFO queue pair.',
  notes: [
    { file: '000_eb71e302648b0e53.txt', topics: ['SQS and SNS basics'] },
    {
      file: '002_b4197942c38b97e3.txt',
      topics: ['SQS DLQ, FIFO, long polling, visibility timeout', 'SNS fan-out'],
    },
    {
      file: '003_4fb32c6148cb8c93.txt',
      topics: ['SQS limits and defaults', 'SNS filter policies and FIFO topics'],
    },
    { file: '004_290acbaf18f7d933.txt', topics: ['SNS/SQS decoupling patterns'] },
  ],
  examTasks: ['SAA 2.1', 'SAA 2.2', 'DVA 1.1', 'SOA 1'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).FanOutStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  support: {
    aws: { level: 'unproven', note: '' },
    ministack: {
      level: 'partial',
      note: "MiniStack does not apply the topics' KMS key (encryption at rest is not emulated).",
    },
    localstack: {
      level: 'partial',
      note: 'Proven on LocalStack 4.13.1 as a host process, its fulfilment consumer running as a host Node.js process: 9 experiments pass.',
    },
  },
};
