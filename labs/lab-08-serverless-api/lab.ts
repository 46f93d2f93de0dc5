import type { LabDefinition } from '../../lib/catalogue';
import { facts } from './facts';
import { API_CACHE_OPTION } from './options';

/** lab-08: what the catalogue lists (id, title, notes, exam domains, support per target). */
export const definition: LabDefinition = {
  id: 'lab-08',
  slug: 'lab-08-serverless-api',
  title: 'Serverless API: stages, versions and aliases',
  summary: 'TODO: one line, what the lab builds.',
  notes: [],
  examDomains: [],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).ServerlessApiStack,
  facts,
  options: [API_CACHE_OPTION],
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./verify') as typeof import('./verify')).experiments,
  // Honest until a run proves more: `none` everywhere.
  support: {
    aws: { level: 'none', note: 'the lab is new: nothing is proven on this target yet' },
    ministack: { level: 'partial', note: 'being tried' },
    localstack: { level: 'none', note: 'the lab is new: nothing is proven on this target yet' },
  },
};
