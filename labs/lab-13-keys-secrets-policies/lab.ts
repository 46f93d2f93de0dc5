import type { LabDefinition } from '../../lib/catalogue';
import { facts } from './facts';

/** lab-13: what the catalogue lists (id, title, notes, exam domains, support per target). */
export const definition: LabDefinition = {
  id: 'lab-13',
  slug: 'lab-13-keys-secrets-policies',
  title: 'Keys, secrets and policy evaluation',
  summary: 'TODO: one line, what the lab builds.',
  notes: [],
  examDomains: [],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).KeysSecretsPoliciesStack,
  facts,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./verify') as typeof import('./verify')).experiments,
  // Honest until a run proves more: `none` everywhere.
  support: {
    aws: { level: 'none', note: 'the lab is new: nothing is proven on this target yet' },
    ministack: { level: 'partial', note: 'in progress' },
    localstack: { level: 'none', note: 'the lab is new: nothing is proven on this target yet' },
  },
};
