import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-04: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-04',
  slug: 'lab-04-change-data-capture',
  title: 'Change data capture: DynamoDB Streams -> Lambda',
  summary:
    'Every insert, update and delete on a DynamoDB table streams to a Lambda that writes an ordered audit trail; failures go to an SQS destination.',
  notes: [
    { file: '001_06aa89305e27a1ca.txt', topics: ['DynamoDB Streams -> Lambda'] },
    { file: '002_b4197942c38b97e3.txt', topics: ['DynamoDB keys, GSI/LSI, TTL, streams, RCU/WCU'] },
    { file: '004_290acbaf18f7d933.txt', topics: ['DynamoDB indexes and scaling'] },
  ],
  examTasks: ['SAA 2.1', 'SAA 3.3', 'DVA 1.2', 'DVA 1.3'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).ChangeDataCaptureStack,
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
      note: '',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33: the function side of a poison record is proven there by a direct invoke.',
    },
    localstack: {
      level: 'partial',
      note: 'Proven on LocalStack 4.13.1 as a host process, its audit writer running as a host Node.js process: 4 experiments pass.',
    },
  },
};
