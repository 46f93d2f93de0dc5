import type { LabDefinition } from '../../lib/lab/catalogue';
import { errata } from './errata';
import type { ExperimentId } from './experiments';
import { facts } from './facts';
import { challenges } from './practice/challenges';
import { predictions } from './practice/predictions';
import { quiz } from './practice/quiz';
import { experimentResources } from './resources';

/** lab-13: what the catalogue lists (id, title, notes, exam task statements, support per target). */
export const definition: LabDefinition<ExperimentId> = {
  id: 'lab-13',
  slug: 'lab-13-keys-secrets-policies',
  title: 'Keys, secrets and policy evaluation',
  summary:
    'A customer managed KMS key with a grant, envelope encryption by a function, a Parameter Store hierarchy with a SecureString, a Secrets Manager secret rotated by a function, and IAM roles showing explicit deny, a permissions boundary and a policy variable.',
  notes: [
    {
      file: '002_b4197942c38b97e3.txt',
      topics: [
        'KMS and envelope encryption (GenerateDataKey, 4 KB limit)',
        'Parameter Store',
        'IAM policy evaluation and dynamic policies',
      ],
    },
    { file: '001_06aa89305e27a1ca.txt', topics: ['AWS SSM (Parameter Store)'] },
  ],
  examTasks: ['SAA 1.1', 'SAA 1.3', 'DVA 2.1', 'DVA 2.2', 'DVA 2.3', 'SOA 4'],
  // Loaded when a stack is built: aws-cdk-lib and the lab's constructs, which reading the catalogue does not need.
  stack: () => (require('./stack') as typeof import('./stack')).KeysSecretsPoliciesStack,
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
      note: 'Every experiment is written to run there; the KMS grant may take a few seconds to be usable after the deploy (eventual consistency), and the IAM experiments assume the lab’s roles (trusted by the account) and make the calls, which IAM refuses.',
    },
    ministack: {
      level: 'partial',
      note: 'MiniStack 1.5.33 with the rotation-schedule-through-api step, AUTH=true and the kit’s patches (IAM evaluation, the policy simulator, KMS limits, rotation through the function): the IAM experiments ask its policy simulator there. An undecrypted SecureString there is only the base64 of its plaintext.',
    },
    localstack: {
      level: 'none',
      note: "Tried on LocalStack 4.13.1 as a host process, with its functions running: the stack deploys and destroys with nothing left, and 4 of 12 experiments pass (the 4 KB Encrypt limit, envelope encryption through the function, the wrong encryption context, key rotation). The community edition runs no custom resources (GrantId and SecureParameterName 'unknown': no grant, no SecureString), its CloudFormation leaves the rotation schedule out, and its policy simulator answers explicitDeny for every request and has no SimulateCustomPolicy.",
    },
  },
};
