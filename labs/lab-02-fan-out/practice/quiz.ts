import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-02 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An order service must notify billing, analytics and fulfilment. Each consumer can be down for hours and must not miss an order, and each processes at its own pace. Which design fits best?',
    choices: [
      'One SQS queue that all three consumers poll',
      'An SNS topic with one SQS queue per consumer subscribed to it',
      'An SNS topic with the three services subscribed over HTTPS',
      'A Kinesis data stream with one shard',
    ],
    answer: [1],
    explanation:
      'Fan-out: SNS copies each publish to every subscribed queue, and each queue holds its copy until its own consumer deletes it (4 days by default). A shared queue gives each message to one consumer only; HTTPS subscribers that are down lose messages once SNS retries run out.',
    shownBy: { experiment: 'fanOut' },
    domain: 'resilient',
  },
  {
    question:
      'A subscription has the filter policy {"eventType": [{"anything-but": ["order_cancelled"]}]}. A message is published without any eventType attribute. What happens to it on that subscription?',
    choices: [
      'It is delivered, because its eventType is not order_cancelled',
      'It is not delivered: a filter key only matches messages that carry the attribute',
      'It goes to the subscription dead-letter queue',
      'The publish call fails',
    ],
    answer: [1],
    explanation:
      'A filter policy key needs the attribute to be present (only "exists": false matches its absence), so anything-but does not match a missing eventType. The fan-out experiment publishes such orders and checks that the fulfilment queue gets none of them.',
    shownBy: { experiment: 'fanOut' },
    domain: 'developing',
  },
  {
    question:
      'A consumer keeps crashing on one malformed message, which returns to the queue again and again while others pile up behind it. Which setting moves it aside after a few attempts?',
    choices: [
      'A longer message retention period',
      'A redrive policy to a dead-letter queue with a maxReceiveCount',
      'Long polling with a 20 second wait',
      'A delivery delay of 15 minutes',
    ],
    answer: [1],
    explanation:
      'After maxReceiveCount receives without a delete, SQS moves the message to the dead-letter queue named in the redrive policy. An alarm on that queue depth tells someone to look.',
    shownBy: { challenge: 'poison-keeps-coming-back' },
    domain: 'resilient',
  },
  {
    question:
      'A Lambda function with a 60 second timeout reads an SQS queue through an event source mapping. Which queue visibility timeout follows AWS guidance?',
    choices: ['30 seconds (the SQS default)', '60 seconds', '360 seconds', '0 seconds'],
    answer: [2],
    explanation:
      'Lambda refuses a mapping whose queue visibility timeout is shorter than the function timeout, and AWS recommends six times the function timeout so that retries of a batch do not hand the same messages to a second invocation. 60 s is the minimum that works; 360 s is the recommendation.',
    shownBy: { experiment: 'lambdaQueueTimeout' },
    domain: 'developing',
  },
  {
    question:
      'Orders of about 600 KB each must flow from a producer to consumers through AWS messaging. Which two statements are true? (Choose two.)',
    choices: [
      'SQS accepts a 600 KB message directly: its limit is 1 MiB',
      'SQS needs the Extended Client Library for anything over 256 KB',
      'Publishing 600 KB to an SNS topic with default settings is refused: its default limit is 256 KiB',
      'SQS FIFO queues accept at most 64 KB per message',
    ],
    answer: [0, 2],
    explanation:
      "SQS raised its maximum message size to 1 MiB; the Extended Client (payload in S3) is for larger ones. SNS topics default to 256 KiB including attributes (a topic's MaximumMessageSize can be raised). Older question banks still say 256 KB for SQS.",
    shownBy: { experiment: 'messageSize' },
    domain: 'performing',
  },
  {
    question:
      'Payments must be processed in order per customer, and a retried publish within a few minutes must not be processed twice. Several consumers share the work. Which design fits?',
    choices: [
      'An SQS standard queue with long polling',
      'An SNS FIFO topic and an SQS FIFO queue, with the customer id as message group id and deduplication',
      'An SNS standard topic with a filter policy per customer',
      'An SQS standard queue with a visibility timeout of 12 hours',
    ],
    answer: [1],
    explanation:
      'FIFO keeps order within a message group and drops duplicates inside the 5-minute deduplication window; different groups (customers) can be processed in parallel. Standard queues and topics give at-least-once delivery with no ordering.',
    shownBy: { experiment: 'fifoOrder' },
    domain: 'resilient',
  },
];
