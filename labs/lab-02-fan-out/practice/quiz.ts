import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-02 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An order service must notify billing, analytics and fulfilment. Each consumer can be down for hours and must not miss an order, and each processes at its own pace. Which design fits best?',
    choices: [
      {
        text: 'One SQS queue that all three consumers poll, each deleting what it has handled',
        wrong: 'a queue gives each message to one consumer only, so each order reaches one of the three',
      },
      {
        text: 'An SNS topic with the three services subscribed directly over HTTPS endpoints',
        wrong: 'a subscriber that is down for hours loses messages once the SNS delivery retries run out',
      },
      {
        text: 'One SQS FIFO queue, with each consumer reading its own message group',
        wrong:
          'each message belongs to one group, so the producer would have to send every order three times',
      },
      { text: 'An SNS topic with one SQS queue per consumer subscribed to it', right: true },
    ],
    explanation:
      'Fan-out: SNS copies each publish to every subscribed queue, and each queue holds its copy until its own consumer deletes it (4 days by default).',
    shownBy: { experiment: 'fanOut' },
    domain: 'resilient',
  },
  {
    question:
      'A subscription has the filter policy {"eventType": [{"anything-but": ["order_cancelled"]}]}. A message is published without any eventType attribute. What happens to it on that subscription?',
    choices: [
      {
        text: 'It is not delivered: a filter key only matches messages that carry the attribute',
        right: true,
      },
      {
        text: 'It is delivered, because a missing eventType is not equal to order_cancelled',
        wrong: 'anything-but, like every operator but "exists": false, needs the attribute to be present',
      },
      {
        text: "It goes to the subscription's dead-letter queue as a message that matched nothing",
        wrong: 'a subscription dead-letter queue holds messages SNS failed to deliver, not filtered-out ones',
      },
      {
        text: 'The publish call fails, because a subscription of the topic filters on that key',
        wrong: 'filter policies belong to subscriptions and never make a publish fail',
      },
    ],
    explanation:
      'A filter policy key needs the attribute to be present (only "exists": false matches its absence). The fan-out experiment publishes such orders and checks that the fulfilment queue gets none of them.',
    shownBy: { experiment: 'fanOut' },
    domain: 'developing',
  },
  {
    question:
      'A consumer keeps crashing on one malformed message, which returns to the queue again and again while others pile up behind it. Which setting moves it aside after a few attempts?',
    choices: [
      {
        text: 'A message retention period of 14 days on the source queue',
        wrong: 'a longer retention keeps the message longer; it never moves it anywhere',
      },
      {
        text: 'Long polling, with a ReceiveMessageWaitTimeSeconds of 20 seconds',
        wrong: 'long polling cuts empty receives; the bad message still comes back',
      },
      { text: 'A redrive policy to a dead-letter queue with a maxReceiveCount', right: true },
      {
        text: 'A delivery delay of 15 minutes set on the source queue',
        wrong: 'a delivery delay holds a message back once, when it is sent, not after failed receives',
      },
    ],
    explanation:
      'After maxReceiveCount receives without a delete, SQS moves the message to the dead-letter queue named in the redrive policy. An alarm on that queue depth tells someone to look.',
    shownBy: { challenge: 'poison-keeps-coming-back' },
    domain: 'resilient',
  },
  {
    question:
      'A Lambda function with a 60 second timeout reads an SQS queue through an event source mapping. Which queue visibility timeout follows AWS guidance?',
    choices: [
      {
        text: '30 seconds (the SQS default)',
        wrong: 'shorter than the function timeout: Lambda refuses to create the mapping',
      },
      { text: '360 seconds', right: true },
      {
        text: '60 seconds, equal to the function timeout',
        wrong: 'the minimum that is accepted, but a retried batch can reach a second invocation',
      },
      {
        text: '0 seconds, so that failed messages return at once',
        wrong: 'shorter than the function timeout, so refused, and messages would show to others at once',
      },
    ],
    explanation:
      'Lambda refuses a mapping whose queue visibility timeout is shorter than the function timeout, and AWS recommends six times the function timeout so that retries of a batch do not hand the same messages to a second invocation.',
    shownBy: { experiment: 'lambdaQueueTimeout' },
    domain: 'developing',
  },
  {
    question:
      'Orders of about 600 KB each must flow from a producer to consumers through AWS messaging. Which two statements are true?',
    choices: [
      {
        text: 'SQS needs the Extended Client Library for anything over 256 KB',
        wrong: 'that was the old limit; the Extended Client (payload in S3) is now for messages over 1 MiB',
      },
      { text: 'SQS accepts a 600 KB message directly: its limit is 1 MiB', right: true },
      {
        text: 'SQS FIFO queues accept at most 64 KB per message',
        wrong: 'FIFO queues have the same size limit as standard ones; 64 KB is the billing chunk',
      },
      {
        text: 'Publishing 600 KB to an SNS topic with default settings is refused: its default limit is 256 KiB',
        right: true,
      },
    ],
    explanation:
      "SQS raised its maximum message size to 1 MiB. SNS topics default to 256 KiB including attributes (a topic's MaximumMessageSize can be raised). Older question banks still say 256 KB for SQS.",
    shownBy: { experiment: 'messageSize' },
    domain: 'performing',
  },
  {
    question:
      'Payments must be processed in order per customer, and a retried publish within a few minutes must not be processed twice. Several consumers share the work. Which design fits?',
    choices: [
      {
        text: 'An SNS FIFO topic and an SQS FIFO queue, message group id = customer id, with deduplication',
        right: true,
      },
      {
        text: 'An SQS standard queue with long polling, and consumers that sort each batch by timestamp',
        wrong: 'standard queues deliver at least once and out of order; sorting one batch cannot fix either',
      },
      {
        text: 'An SNS standard topic with one filter policy and one queue per customer subscription',
        wrong: 'standard topics and queues give at-least-once delivery with no ordering and no deduplication',
      },
      {
        text: 'An SQS FIFO queue with one message group id for all customers and content-based deduplication',
        wrong: 'one group orders everything, so only one consumer can work at a time, not one per customer',
      },
    ],
    explanation:
      'FIFO keeps order within a message group and drops duplicates inside the 5-minute deduplication window; different groups (customers) can be processed in parallel.',
    shownBy: { experiment: 'fifoOrder' },
    domain: 'resilient',
  },
  {
    question:
      'Orders go to a standard SQS queue, and the shipping service must not see an order until 5 minutes after it was placed, so that customers can still cancel. Which change does it with the least effort?',
    choices: [
      {
        text: 'Set the visibility timeout of the queue to 300 seconds',
        wrong: 'the visibility timeout hides a message after a consumer received it, not when it arrives',
      },
      {
        text: 'Set the retention period of the queue to 300 seconds',
        wrong: 'retention deletes messages once that time is up; it never holds them back',
      },
      {
        text: 'Set DelaySeconds of the queue to 300, a delay queue',
        right: true,
      },
      {
        text: 'Set the receive wait time of the queue to 300 seconds',
        wrong: 'long polling waits at most 20 s for messages to arrive; it does not hold any back',
      },
    ],
    explanation:
      'A delay queue keeps each new message invisible for DelaySeconds (at most 15 minutes) before any consumer can receive it. A per-message timer does the same for one message on a standard queue.',
    shownBy: { guide: 'Exam facts' },
    domain: 'resilient',
  },
];
