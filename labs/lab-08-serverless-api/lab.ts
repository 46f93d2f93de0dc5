import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { API_CACHE_OPTION } from './options';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-08: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-08',
  slug: 'lab-08-serverless-api',
  title: 'Serverless API: stages, versions and aliases',
  summary:
    'A REST API whose prod and beta stages call the Lambda alias their stage variable names; the live alias sends 10 % of its calls to release 2 (a canary), API keys with two usage plans, method throttling on beta, a function with reserved concurrency 1, and an opt-in stage cache.',
  notes: [
    {
      file: '002_b4197942c38b97e3.txt',
      topics: [
        'Lambda versions and aliases, weighted aliases',
        'Lambda concurrency',
        'API Gateway stages, stage variables, API keys, throttling, cache',
      ],
    },
    {
      file: '003_4fb32c6148cb8c93.txt',
      topics: ['API Gateway REST API: API keys, per-client throttles, Lambda proxy integration'],
    },
  ],
  examTasks: ['SAA 2.1', 'SAA 3.2', 'DVA 1.2', 'DVA 3.4'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).ServerlessApiStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  options: [API_CACHE_OPTION],
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  support: {
    aws: {
      level: 'unproven',
      note: 'REST API requests and Lambda bill by use (free-tier offers, or the Free Plan credits of accounts opened since 15 July 2025, cover a lab); the cache, opt-in, bills by the hour. Reserved concurrency needs an account whose concurrency quota leaves 100 unreserved (new accounts may have 10).',
    },
    ministack: {
      level: 'partial',
      note: 'Run on MiniStack 1.5.33: API keys (403), usage plan throttling (429), versions and aliases, and reserved concurrency (put by a compatibility step) work.',
    },
    localstack: {
      level: 'none',
      note: 'Tried on LocalStack 4.13.1 as a host process (functions running): its CloudFormation fails the live alias (it passes the RoutingConfig weights as a list where its Lambda API takes a map) and rolls the stack back. With the weights left out the stack deploys, but none of 8 experiments passes: the stage URLs come back as https://<id>.execute-api.127.0.0.1:<port>/..., which is not a valid URL, the reserved concurrency is not set, and UpdateFunctionConfiguration on a published version is accepted.',
    },
  },
};
