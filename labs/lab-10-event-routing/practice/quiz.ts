import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-10 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An application publishes order events to a custom EventBridge bus. Orders between 100 and 999.99 must go to one queue, and orders of 1000 or more to another, without code. What should be configured?',
    choices: [
      {
        text: 'One rule that targets a Lambda function, which reads each amount and forwards the order to the right queue',
        wrong: 'it works, but it is code to write, run and pay for, which the design was to avoid',
      },
      {
        text: 'One rule with both queues as targets, each target with its own numeric filter on the amount',
        wrong: 'targets have no filters: every target of a rule gets every event the rule matches',
      },
      {
        text: 'Two rules with prefix patterns on the amount: "1" to "9" for one queue, the rest for the other',
        wrong: 'prefix compares strings, so 1500 and 150 share a prefix; ranges need numeric matching',
      },
      {
        text: 'Two rules with numeric event patterns: [">=", 100, "<", 1000] and [">=", 1000], each targeting its queue',
        right: true,
      },
    ],
    explanation:
      'EventBridge event patterns compare numbers with numeric ranges (the amount must be a JSON number), so each rule admits its range and sends it to its target.',
    shownBy: { experiment: 'rulesRouteByContent' },
    domain: 'performing',
  },
  {
    question:
      'A downstream system needs only the order id and amount of each matching event, in its own JSON shape. What is the simplest way to provide that with EventBridge?',
    choices: [
      {
        text: 'A second event bus that the rule forwards the matching events to, in the new shape',
        wrong: 'a bus forwards events as they are; it reshapes nothing',
      },
      { text: 'An input transformer on the rule target (InputPathsMap and InputTemplate)', right: true },
      {
        text: 'An archive with an event pattern that keeps only the order id and amount',
        wrong: 'an archive stores whole events for replay; it delivers nothing to a system',
      },
      {
        text: 'A Lambda function as the rule target, which builds the new document and calls the system',
        wrong: 'it works, but it is code to write and run where a target setting does it',
      },
    ],
    explanation:
      'An input transformer extracts fields with JSON paths and places them into a template: the target receives the new document instead of the event. No code runs.',
    shownBy: { experiment: 'inputTransformerReshapes' },
    domain: 'developing',
  },
  {
    question:
      'Events to an SQS target are lost when the queue policy is changed by mistake. The team wants to keep such events for inspection and reprocessing. What should they do?',
    choices: [
      {
        text: "Raise the target's retry policy to the maximum of 185 attempts over 24 hours",
        wrong: 'permission errors are not retried, so more attempts change nothing',
      },
      {
        text: 'Turn on an archive on the default event bus of the account',
        wrong: 'the events travel on the bus of the rule, and an archive keeps events, not failed deliveries',
      },
      { text: 'Configure a dead-letter queue (a standard SQS queue) on the rule target', right: true },
      {
        text: 'Make the target queue a FIFO queue with content-based deduplication',
        wrong: 'a FIFO queue refuses a sender without permission just the same',
      },
    ],
    explanation:
      'Permission errors are not retried: EventBridge sends the event straight to the target dead-letter queue, with RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE attributes; without one the event is dropped.',
    shownBy: { experiment: 'undeliverableToDeadLetter' },
    domain: 'resilient',
  },
  {
    question:
      'After fixing a bug in a consumer, a team needs the events of the last six hours processed again. The events came through a custom event bus. Which two steps are needed?',
    choices: [
      {
        text: 'A dead-letter queue on every target',
        wrong: 'a DLQ keeps only failed deliveries, and these events were delivered',
      },
      { text: 'An archive on the bus, created before the events arrived', right: true },
      {
        text: 'A Scheduler one-time schedule that calls PutEvents',
        wrong: 'it needs the content of the old events, which only an archive keeps',
      },
      {
        text: 'Increasing the retention of the target queues',
        wrong: 'the consumer already deleted the messages it processed; retention keeps only undeleted ones',
      },
      { text: 'A replay from the archive for the six-hour window', right: true },
    ],
    explanation:
      'Only archived events can be replayed, so the archive must exist before the events arrive; a replay sends the events of a time window to the bus again, marked with replay-name so rules can tell them from live ones.',
    shownBy: { experiment: 'archiveAndReplay' },
    domain: 'resilient',
  },
  {
    question:
      'A company must run a job at 09:00 Europe/Paris time every weekday, across daylight saving changes, and also run one-off jobs at given dates. Which service fits best?',
    choices: [
      { text: 'Amazon EventBridge Scheduler', right: true },
      {
        text: 'An EventBridge scheduled rule with a cron expression',
        wrong: 'scheduled rules run in UTC only and have no one-time schedules',
      },
      {
        text: 'A CloudWatch alarm that fires at 09:00 on weekdays',
        wrong: 'alarms react to metrics; they have no schedule',
      },
      {
        text: 'An SQS delay queue that holds each job until its time',
        wrong: 'SQS delays a message by at most 15 minutes',
      },
    ],
    explanation:
      'Scheduler evaluates cron in a time zone you name (daylight saving included), supports one-time at() schedules, flexible time windows, retries and a DLQ. Scheduled rules are a legacy feature.',
    shownBy: { experiment: 'scheduledRuleAndScheduler' },
    domain: 'performing',
  },
  {
    question:
      'A rule meant only for replayed events receives live events as well. What should its event pattern contain?',
    choices: [
      { text: '"source": ["aws.events"]', wrong: 'replayed events keep the source they had when first put' },
      { text: '"detail-type": ["Replay"]', wrong: 'replayed events keep their detail-type too' },
      {
        text: '"account": [{"anything-but": "self"}]',
        wrong: 'replayed events keep their account, and "self" is no keyword of event patterns',
      },
      { text: '"replay-name": [{"exists": true}]', right: true },
    ],
    explanation:
      'EventBridge adds a replay-name field to every replayed event and to no live one, so exists: true admits replays only and exists: false live traffic only.',
    shownBy: { challenge: 'replays-every-day' },
    domain: 'developing',
  },
];
