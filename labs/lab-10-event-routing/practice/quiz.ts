import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-10 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An application publishes order events to a custom EventBridge bus. Orders between 100 and 999.99 must go to one queue, and orders of 1000 or more to another, without code. What should be configured?',
    choices: [
      'Two rules with numeric event patterns: [">=", 100, "<", 1000] and [">=", 1000], each targeting its queue',
      'One rule targeting a Lambda function that forwards each order to the right queue',
      'An SNS topic with a filter policy on the message body for each queue',
      'Two rules with prefix patterns on the amount',
    ],
    answer: [0],
    explanation:
      'EventBridge event patterns compare numbers with numeric ranges, so each rule admits its range and sends it to its target. A Lambda router works but is code to run and pay for; prefix compares strings, and numeric filters need JSON numbers.',
    shownBy: { experiment: 'rulesRouteByContent' },
    domain: 'performing',
  },
  {
    question:
      'A downstream system needs only the order id and amount of each matching event, in its own JSON shape. What is the simplest way to provide that with EventBridge?',
    choices: [
      'An input transformer on the rule target (InputPathsMap and InputTemplate)',
      'A second event bus',
      'An archive with an event pattern',
      'A Lambda function subscribed to the bus',
    ],
    answer: [0],
    explanation:
      'An input transformer extracts fields with JSON paths and places them into a template: the target receives the new document instead of the event. No code runs.',
    shownBy: { experiment: 'inputTransformerReshapes' },
    domain: 'developing',
  },
  {
    question:
      'Events to an SQS target are lost when the queue policy is changed by mistake. The team wants to keep such events for inspection and reprocessing. What should they do?',
    choices: [
      'Configure a dead-letter queue (a standard SQS queue) on the rule target',
      'Increase the retry policy to 185 attempts',
      'Turn on the archive of the default bus',
      'Make the target queue a FIFO queue',
    ],
    answer: [0],
    explanation:
      'Permission errors are not retried: EventBridge sends the event straight to the target dead-letter queue, with RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE attributes; without one the event is dropped. More retries do not help a non-retriable error.',
    shownBy: { experiment: 'undeliverableToDeadLetter' },
    domain: 'resilient',
  },
  {
    question:
      'After fixing a bug in a consumer, a team needs the events of the last six hours processed again. The events came through a custom event bus. Which TWO steps are needed?',
    choices: [
      'An archive on the bus, created before the events arrived',
      'A replay from the archive for the six-hour window',
      'A DLQ on every target',
      'A Scheduler one-time schedule that calls PutEvents',
      'Increasing the retention of the target queues',
    ],
    answer: [0, 1],
    explanation:
      'Only archived events can be replayed, so the archive must exist before the events arrive; a replay sends the events of a time window to the bus again, marked with replay-name so rules can tell them from live ones.',
    shownBy: { experiment: 'archiveAndReplay' },
    domain: 'resilient',
  },
  {
    question:
      'A company must run a job at 09:00 Europe/Paris time every weekday, across daylight saving changes, and also run one-off jobs at given dates. Which service fits best?',
    choices: [
      'Amazon EventBridge Scheduler',
      'An EventBridge scheduled rule with a cron expression',
      'A CloudWatch alarm',
      'An SQS delay queue',
    ],
    answer: [0],
    explanation:
      'Scheduler evaluates cron in a time zone you name (daylight saving included), supports one-time at() schedules, flexible time windows, retries and a DLQ, and scales to far more schedules. Scheduled rules are a legacy feature that runs in UTC only, on the default bus.',
    shownBy: { experiment: 'scheduledRuleAndScheduler' },
    domain: 'performing',
  },
  {
    question:
      'A rule meant only for replayed events receives live events as well. What should its event pattern contain?',
    choices: [
      '"replay-name": [{"exists": true}]',
      '"source": ["aws.events"]',
      '"detail-type": ["Replay"]',
      '"account": [{"anything-but": "self"}]',
    ],
    answer: [0],
    explanation:
      'EventBridge adds a replay-name field to every replayed event and to no live one, so exists: true admits replays only and exists: false live traffic only.',
    shownBy: { challenge: 'replays-every-day' },
    domain: 'developing',
  },
];
