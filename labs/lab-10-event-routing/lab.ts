import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-10: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-10',
  slug: 'lab-10-event-routing',
  title: 'Event routing: EventBridge',
  summary:
    'A custom event bus with content-filtered rules (prefix, numeric range, exists, anything-but) into SQS queues, an input transformer, an archive with replay, a target with a retry policy and a dead-letter queue, and a scheduled rule next to an EventBridge Scheduler schedule.',
  notes: [
    {
      file: '003_4fb32c6148cb8c93.txt',
      topics: ['Amazon EventBridge: events, rules, buses, pattern and scheduled triggers, DLQ'],
    },
    { file: '002_b4197942c38b97e3.txt', topics: ['CloudWatch Events: schedules and event patterns'] },
    { file: '004_290acbaf18f7d933.txt', topics: ['Amazon EventBridge'] },
  ],
  examTasks: ['SAA 2.1', 'SAA 2.2', 'DVA 1.1'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).EventRoutingStack,
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
      note: 'Every experiment is written to run there; the archive takes events in after some minutes, so the replay experiment waits up to 15 minutes for it, and the clocks experiment up to 150 s for a tick.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33 with the create-event-archives step (its CloudFormation has no AWS::Events::Archive): 5 of 6 experiments pass, the 520-event routing with every operator included.',
    },
    localstack: {
      level: 'none',
      note: "Tried on LocalStack 4.13.1 (community, the kit's host process): the stack deploys and the prefix, numeric, exists and anything-but rules deliver exactly what they admit, but 1 of 6 experiments passes (the retry policy read): the input transformer's queue receives nothing, the archive is reported created with the name 'unknown' and does not exist in the EventBridge API, the Scheduler schedule never fires (the scheduled rule does), and the refused delivery reaches the audit queue instead of the dead-letter queue.",
    },
  },
};
