import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-09: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-09',
  slug: 'lab-09-workflows',
  title: 'Workflows: Step Functions, Standard and Express',
  summary:
    'An order workflow (Standard) with Choice, Wait, Parallel, Map, retries with backoff, a compensating Catch, direct DynamoDB calls and an approval callback through SQS; and a quote workflow (Express) answered synchronously.',
  notes: [
    {
      file: '002_b4197942c38b97e3.txt',
      topics: ['Step Functions: human approval, error handling, timeouts'],
    },
    { file: '003_4fb32c6148cb8c93.txt', topics: ['Step Functions: states, Standard and Express workflows'] },
    { file: '004_290acbaf18f7d933.txt', topics: ['Step Functions and SWF'] },
  ],
  examTasks: ['SAA 2.1', 'SAA 2.2', 'SAA 4.2', 'DVA 1.1'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).WorkflowsStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  support: {
    aws: {
      level: 'unproven',
      note: 'Every experiment is written to run there; Express logs can take up to a minute to arrive, and that experiment waits up to 90 s.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33 (the kit’s late-log-groups step at destroy only): Choice and Wait timing, DynamoDB integration, retry backoff on States.Timeout and (with the kit’s patch for error names) on a named error, compensation, Map MaxConcurrency, callback through SQS and StartSyncExecution run there.',
    },
    localstack: {
      level: 'partial',
      note: 'Proven on LocalStack 4.13.1 as a host process, its functions running as host Node.js processes: 6 experiments pass.',
    },
  },
};
