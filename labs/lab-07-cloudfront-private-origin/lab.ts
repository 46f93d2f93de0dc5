import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-07: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-07',
  slug: 'lab-07-cloudfront-private-origin',
  title: 'CloudFront in front of a private S3 origin',
  summary:
    'A private S3 bucket that only one CloudFront distribution may read (OAC + AWS:SourceArn), with a cached static behaviour, an uncached /api/* behaviour, a custom 404 page, HTTP to HTTPS redirect and a CloudFront Function adding HSTS.',
  notes: [
    {
      file: '001_06aa89305e27a1ca.txt',
      topics: ['OAI: keep the bucket private behind CloudFront', 'SNI and TLS'],
    },
    {
      file: '004_290acbaf18f7d933.txt',
      topics: ['CloudFront: behaviours by path, TTLs and invalidation', 'geo restriction'],
    },
    { file: '000_eb71e302648b0e53.txt', topics: ['S3 basics'] },
  ],
  examTasks: ['SAA 1.2', 'SAA 3.4', 'SAA 4.4', 'SOA 5'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).CloudfrontPrivateOriginStack,
  experimentResources,
  facts,
  errata,
  quiz,
  predictions,
  challenges,
  // Loaded when asked for: experiments pull in the AWS SDK clients, which synth does not need.
  experiments: () => (require('./experiments') as typeof import('./experiments')).experiments,
  // Honest until a run proves more: `none` everywhere.
  support: {
    aws: {
      level: 'unproven',
      note: 'CloudFront bills by request and GB out (the always-free tier covers a lab); creating, changing and deleting a distribution takes minutes, and an invalidation about a minute.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack serves the distribution (by Host header, plain HTTP on its port; X-Forwarded-Proto: https counts as HTTPS), applies the bucket policy to OAC fetches, runs the function, the redirect and the error page.',
    },
    localstack: {
      level: 'none',
      note: "LocalStack 4.13.1 (community, the kit's host process) has no CloudFront: its CloudFormation reports the distribution, OAC, cache policy and function created with the id 'unknown', and the CloudFront API answers 501 (a LocalStack Pro feature). Tried: 7 of 8 experiments fail there; only the bucket policy read passes.",
    },
  },
};
