import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const SQS_QUOTAS =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html';
const SNS_LARGE_PAYLOADS = 'https://docs.aws.amazon.com/sns/latest/dg/large-message-payloads.html';
const SQS_LONG_POLLING =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/best-practices-setting-up-long-polling.html';
const LAMBDA_SQS = 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html';
const SQS_VISIBILITY =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-visibility-timeout.html';
const SNS_FIFO_EXAMPLES = 'https://docs.aws.amazon.com/sns/latest/dg/fifo-topic-code-examples.html';
const SNS_FIFO_GROUPING = 'https://docs.aws.amazon.com/sns/latest/dg/fifo-message-grouping.html';
const SNS_NUMERIC_MATCHING = 'https://docs.aws.amazon.com/sns/latest/dg/numeric-value-matching.html';

const SQS_DELAY_QUEUES =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-delay-queues.html';
const SQS_MESSAGE_TIMERS =
  'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-timers.html';

/** The exam facts lab-02 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'Fan-out: SNS pushes one publish to every subscribed queue at once. A filter policy decides per subscription; a message without the filtered attribute matches nothing',
    notes: '`002_b4197942c38b97e3.txt` - SNS fan-out; `003_4fb32c6148cb8c93.txt` - SNS filter policies',
    experiments: ['fanOut'],
  },
  {
    fact: 'A numeric filter condition compares Number attributes: the digits `"500"` sent as a String attribute do not match `100 <= amount <= 1000`',
    notes: '`003_4fb32c6148cb8c93.txt` - SNS filter policies (the data type is not in the notes)',
    sources: [SNS_NUMERIC_MATCHING],
    experiments: ['numericFilterType'],
    remark: "AWS's examples of numeric matching all use Number attributes",
  },
  {
    fact: 'Raw delivery hands the queue the message body itself; without it the queue gets the SNS JSON envelope',
    notes: 'not in the notes (SNS subscription setting)',
    experiments: ['fanOut'],
    remark: 'billing is raw, the others enveloped',
  },
  {
    fact: 'SQS is pull-based: consumers poll. A consumer that does not delete a message gets it again; after `maxReceiveCount` receives (3 here; the console suggests 10) it moves to the dead-letter queue',
    notes: '`002_b4197942c38b97e3.txt` - SQS DLQ; `003_4fb32c6148cb8c93.txt` - SQS limits and defaults',
    experiments: ['deadLetter'],
  },
  {
    fact: "Put an alarm on every dead-letter queue's depth",
    notes: '`003_4fb32c6148cb8c93.txt` - SQS DLQ',
    templateTests: ['each dead-letter queue has a depth alarm that notifies the alerts topic'],
  },
  {
    fact: 'A received message is hidden for the visibility timeout (30 s unless the queue or the receive sets one; up to 12 h), then comes back',
    notes: '`000_eb71e302648b0e53.txt` - SQS; `002_b4197942c38b97e3.txt` - visibility timeout',
    sources: [SQS_VISIBILITY],
    experiments: ['visibility'],
  },
  {
    fact: "A queue read by Lambda needs a visibility timeout of at least the function's timeout: Lambda refuses the event source mapping otherwise. AWS recommends six times the function timeout (60 s against 10 s here)",
    notes: '`002_b4197942c38b97e3.txt` - visibility timeout (neither rule is in the notes)',
    sources: [LAMBDA_SQS],
    experiments: ['lambdaQueueTimeout'],
  },
  {
    fact: "Long polling waits up to 20 s (1-20) for a message instead of answering empty at once, and saves empty receives. A queue's default `ReceiveMessageWaitTimeSeconds` is 0 (short polling); the kit sets 20",
    notes: '`002_b4197942c38b97e3.txt` - long polling; `003_4fb32c6148cb8c93.txt` - short vs long polling',
    sources: [SQS_LONG_POLLING],
    experiments: ['longPolling'],
  },
  {
    fact: "FIFO names end in `.fifo`; a duplicate inside the 5-minute window is dropped (content-based: a hash of the body); a FIFO queue's DLQ is FIFO too",
    notes: '`002_b4197942c38b97e3.txt` - SQS FIFO; `003_4fb32c6148cb8c93.txt` - FIFO topics',
    experiments: ['fifoDedup'],
  },
  {
    fact: 'A FIFO topic delivers to FIFO queues and to standard queues too; a standard queue gets no ordering and no deduplication guarantee',
    notes:
      '`003_4fb32c6148cb8c93.txt` - FIFO topics (the notes say only FIFO queues can subscribe: outdated)',
    sources: [SNS_FIFO_EXAMPLES, SNS_FIFO_GROUPING],
    remark:
      'the lab subscribes only a FIFO queue to its FIFO topic, so nothing here proves the standard-queue case',
  },
  {
    fact: 'FIFO keeps order within a message group, not across groups',
    notes: '`002_b4197942c38b97e3.txt` - SQS FIFO; `003_4fb32c6148cb8c93.txt` - FIFO SQS',
    experiments: ['fifoOrder'],
  },
  {
    fact: 'Retention defaults to 4 days (1 minute to 14 days); the DLQs here keep 14',
    notes: '`002_b4197942c38b97e3.txt` - SQS; `003_4fb32c6148cb8c93.txt` - SQS limits',
    sources: [SQS_QUOTAS],
    experiments: ['retention'],
  },
  {
    fact: 'An SQS message can be up to 1 MiB (1,048,576 bytes). An SNS message, attributes included, up to 256 KiB by default; a topic whose MaximumMessageSize is raised takes up to 1 MiB, and then delivers only to SQS, Lambda and Firehose subscriptions (at most 100)',
    notes:
      '`002_b4197942c38b97e3.txt` - SQS; `003_4fb32c6148cb8c93.txt` - SQS and SNS limits (both say 256 KB for SQS: outdated)',
    sources: [SQS_QUOTAS, SNS_LARGE_PAYLOADS],
    experiments: ['messageSize'],
  },
  {
    fact: 'A Lambda consumer reports only the failed messages of a batch (partial batch response); the rest are deleted',
    notes: 'not in the notes',
    templateTests: ['the consumer reports partial batch failures'],
    remark: 'and `test/handlers/lab-02/fulfilment-consumer.test.ts`',
  },
  {
    fact: 'Queues are encrypted at rest with SSE-SQS; topics with a KMS key',
    notes: '`003_4fb32c6148cb8c93.txt` - SQS and SNS encryption',
    templateTests: ['every queue is encrypted and dead-letter queues keep messages for the 14-day maximum'],
  },
  {
    fact: 'A delay queue (DelaySeconds, 0 to 15 minutes) hides each new message before its first receive; a message timer does it for one message, on standard queues only (a FIFO queue takes a delay per queue). The visibility timeout, by contrast, hides a message after a receive',
    notes: 'not in the notes',
    sources: [SQS_DELAY_QUEUES, SQS_MESSAGE_TIMERS],
    remark:
      'not by an experiment: no queue here is a delay queue; the visibility experiment shows the hiding that follows a receive',
  },
];
