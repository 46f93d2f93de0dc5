import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-11: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-11',
  slug: 'lab-11-streaming',
  title: 'Streaming: Kinesis Data Streams and Firehose',
  summary:
    'Sensor readings on a two-shard Kinesis stream: a Lambda consumer applies them in order per key (bisect, retries, on-failure queue), and Firehose archives them to S3.',
  notes: [
    { file: '001_06aa89305e27a1ca.txt', topics: ['Kinesis: partition key keeps order per sensor'] },
    { file: '002_b4197942c38b97e3.txt', topics: ['Kinesis Streams, shards, partition keys, Firehose'] },
    { file: '004_290acbaf18f7d933.txt', topics: ['Kinesis key concepts'] },
    { file: '000_eb71e302648b0e53.txt', topics: ['Kinesis Streams vs Firehose'] },
  ],
  examTasks: ['SAA 2.2', 'SAA 3.5', 'DVA 1.1', 'DVA 1.2'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).StreamingStack,
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
      note: 'Every experiment is written to run there; Firehose flushes its 60-second buffer, so the delivery experiment waits up to 4 minutes, and the poison-record one up to 5.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33 with the kit’s s3-bucket-configuration and late-log-groups steps (nothing lab-specific), and the kit’s patch that encrypts a stream as its template says. Firehose there writes each record as its own object at once, without buffering.',
    },
    localstack: {
      level: 'none',
      note: 'Tried on LocalStack 4.13.1 as a host process: its Kinesis provider installs kinesis-local from npm at first use, and that install failed on the build machine (npm: SELF_SIGNED_CERT_IN_CHAIN), so the stream is never created. Served by moto instead (tried), the stream deploys, but its Firehose reads a Kinesis source with a Java 11 program that it downloads at first use, and the kit runs LocalStack without Java: the delivery stream is never created.',
    },
  },
};
