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
  {
    question:
      'A platform team wants one bus that several consumer teams subscribe to themselves, and a new consumer must be able to read the last week of events when it starts. Which design needs no extra storage?',
    choices: [
      {
        text: 'A classic custom bus with an archive for each consumer, replayed when the consumer starts',
        wrong:
          'it works, but every consumer needs its own replay, and rules are still written by the bus owner',
      },
      {
        text: 'The default event bus with a rule per team that copies events to an SQS queue',
        wrong:
          'a queue holds only what arrived after the rule existed, and the bus owner still writes the rules',
      },
      {
        text: 'The newer Custom Event Bus, retention of 7 days, and a subscriber start position',
        right: true,
      },
      {
        text: 'A Kinesis data stream for each consumer team, fed by a rule on a classic custom bus',
        wrong: 'it stores the events again, per team, and needs producers or rules to fill each stream',
      },
    ],
    explanation:
      'The newer Custom Event Bus keeps every event for the retention set on the bus, and each subscriber (created by the consumer) can start from a past position. A classic bus needs an archive and a replay for that; queues and streams store copies.',
    shownBy: { guide: 'facts: two kinds of custom bus' },
    domain: 'resilient',
  },
  {
    question:
      'Security events from 40 member accounts must reach one SQS queue in a central security account in the same Region. What is the simplest EventBridge setup?',
    choices: [
      {
        text: 'A Lambda function in every account that reads the default bus and calls SendMessage',
        wrong: 'a function cannot read a bus; rules deliver events, so this adds code that is not needed',
      },
      {
        text: 'A pipe in each member account, with the account’s default event bus as the pipe’s source',
        wrong: 'an event bus is not a Pipes source; pipes read queues, streams and brokers',
      },
      {
        text: 'An archive on each default bus, replayed every hour into the central account',
        wrong: 'a replay sends events back to the same bus, not to another account',
      },
      {
        text: 'A rule on each default bus that targets the central queue, allowed by its queue policy',
        right: true,
      },
    ],
    explanation:
      'A rule can target an SQS queue, SNS topic, Lambda function, Kinesis stream or API in another account of the same Region directly (with an execution role); the target’s resource policy must admit it. Sending to a central bus works too, across Regions as well.',
    shownBy: { guide: 'facts: cross-account and cross-Region delivery' },
    domain: 'secure',
  },
  {
    question:
      'Orders arrive in an SQS queue. Each must be looked up in a CRM API, then started as a Step Functions workflow, with no code to poll the queue. Which service fits best?',
    choices: [
      {
        text: 'An EventBridge rule on the default bus with a pattern that matches the queue’s messages',
        wrong: 'messages in a queue are not events on a bus; no rule ever sees them',
      },
      {
        text: 'A pipe: the queue as source, the CRM API as enrichment, the state machine as target',
        right: true,
      },
      {
        text: 'An SNS topic subscribed to the queue, with the state machine as its subscriber',
        wrong: 'SNS cannot subscribe to a queue, and Step Functions is not an SNS protocol',
      },
      {
        text: 'EventBridge Scheduler calling ReceiveMessage every minute, then starting the workflow',
        wrong: 'it polls once a minute, adds delay, and still needs code to call the CRM API',
      },
    ],
    explanation:
      'A pipe reads one source (SQS, streams, brokers) and sends to one target, with an optional filter, a synchronous enrichment step (Lambda, Step Functions Express, API Gateway, API destination) and a transformation in between.',
    shownBy: { guide: 'facts: EventBridge Pipes' },
    domain: 'developing',
  },
];
