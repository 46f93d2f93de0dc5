import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-06: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-06',
  slug: 'lab-06-s3-data-protection',
  title: 'S3 data protection: versioning, SSE-KMS, policies, replication, events',
  summary:
    'A versioned, SSE-KMS encrypted bucket that refuses plain HTTP, unencrypted puts and public access, with lifecycle rules, replication to a second bucket and upload events to SQS.',
  notes: [
    { file: '000_eb71e302648b0e53.txt', topics: ['S3 basics, consistency, storage classes, replication'] },
    { file: '002_b4197942c38b97e3.txt', topics: ['S3 versioning, consistency model, encryption methods'] },
    { file: '004_290acbaf18f7d933.txt', topics: ['S3 consistency, security, data protection, lifecycle'] },
  ],
  examTasks: ['SAA 1.3', 'SAA 2.2', 'SAA 4.1', 'DVA 2.2', 'SOA 2', 'SOA 4'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).S3DataProtectionStack,
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
      note: 'Every experiment is written to run there; replication may take longer than on an emulator, and the experiments wait up to two minutes.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33 with the s3-bucket-configuration step, and with AUTH=true its bucket policy refuses a put that does not ask for SSE-KMS. It does not report BucketKeyEnabled on objects, so the bucket key is read from the bucket setting.',
    },
    localstack: {
      level: 'none',
      note: 'Tried on LocalStack 4.13.1 as a host process (functions running): 4 of 11 experiments pass (versions and delete markers, restore, SSE-KMS on put, upload events), but destroy leaves the data bucket behind: the community edition runs no custom resources, so the auto-delete resource never empties the versioned bucket. Its CloudFormation also leaves out default encryption, lifecycle and replication, and it accepts the unencrypted put, the public bucket policy and an expired presigned URL.',
    },
  },
};
