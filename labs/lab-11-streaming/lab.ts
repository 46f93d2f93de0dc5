import type { LabDefinition } from '../../lib/catalogue';
import { facts } from './facts';

/** lab-11: what the catalogue lists (id, title, notes, exam domains, support per target). */
export const definition: LabDefinition = {
  id: 'lab-11',
  slug: 'lab-11-streaming',
  title: 'Streaming: Kinesis Data Streams and Firehose',
  summary: 'TODO: one line, what the lab builds.',
  notes: [],
  examDomains: [],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).StreamingStack,
  facts,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./verify') as typeof import('./verify')).experiments,
  // Honest until a run proves more: `none` everywhere.
  support: {
    aws: { level: 'none', note: 'the lab is new: nothing is proven on this target yet' },
    ministack: { level: 'partial', note: 'being proven' },
    localstack: { level: 'none', note: 'the lab is new: nothing is proven on this target yet' },
  },
};
