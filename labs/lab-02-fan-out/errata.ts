import type { NoteErratum } from '../../lib/docs/errata';

const SQS_QUOTAS =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html';
const SQS_1MIB_TRAP =
  'question banks written before 2025 say 256 KB for SQS; SNS topics still default to 256 KiB.';

/** Outdated statements in the notes that lab-02 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '000_eb71e302648b0e53.txt',
    says: 'SQS: "Up to 256 Kb messages"',
    now: 'An SQS message can be up to 1 MiB (1,048,576 bytes).',
    sources: [SQS_QUOTAS],
    examTrap: SQS_1MIB_TRAP,
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: 'SQS: "Limit of 256KB per msg"; the Extended Client for "larger than 256KB"',
    now: 'An SQS message can be up to 1 MiB; the Extended Client (payload in S3) is for larger ones.',
    sources: [SQS_QUOTAS],
    examTrap: SQS_1MIB_TRAP,
  },
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: 'SQS: "message size 256 KB by default"',
    now: 'An SQS message can be up to 1 MiB, and a new queue accepts 1 MiB unless its MaximumMessageSize is lowered.',
    sources: [SQS_QUOTAS],
    examTrap: SQS_1MIB_TRAP,
  },
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: 'SNS: "you can have FIFO topics, but only FIFO SQS can subscribe"',
    now: 'A FIFO topic delivers to standard SQS queues too; those get neither ordering nor deduplication.',
    sources: [
      'https://docs.aws.amazon.com/sns/latest/dg/fifo-topic-code-examples.html',
      'https://docs.aws.amazon.com/sns/latest/dg/fifo-message-grouping.html',
    ],
    examTrap:
      'many practice questions still say a FIFO topic needs FIFO queues; for strict order end to end it does.',
  },
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: 'SQS encryption at rest (SSE-SQS): "it is not enabled by default"',
    now: 'New queues are encrypted at rest with SSE-SQS by default; SSE-KMS is the choice when you need your own key.',
    sources: [
      'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html',
    ],
  },
  {
    note: '003_4fb32c6148cb8c93.txt',
    says: 'SNS: "message size <= 256 KB"',
    now: 'A topic accepts 256 KiB (message and attributes) by default and up to 1 MiB when its MaximumMessageSize is raised; such topics deliver only to SQS, Lambda and Firehose.',
    sources: ['https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html'],
  },
];
