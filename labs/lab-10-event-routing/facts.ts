import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const PATTERNS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern-operators.html';
const TRANSFORMER = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html';
const DLQ = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html';
const RETRY = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-retry-policy.html';
const ARCHIVE = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-archive.html';
const SCHEDULED_RULES =
  'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-rule-schedule.html';
const SCHEDULER = 'https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html';
const NEW_BUS = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-what-is.html';
const NEW_BUS_RETRY = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-retry.html';
const CROSS_REGION = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-region.html';
const CROSS_ACCOUNT_TARGETS =
  'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-cross-account.html';
const PIPES = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes.html';
const PIPES_ENRICHMENT = 'https://docs.aws.amazon.com/eventbridge/latest/userguide/pipes-enrichment.html';
const SQS_TARGET_POLICY =
  'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html';

/** The exam facts lab-10 teaches: each with its notes, the AWS docs it was checked against, and its proof. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'A rule on an event bus matches events by content and sends each match to its targets: prefix (case-sensitive), numeric ranges (JSON numbers only, not "250"), exists (the field is there, whatever its value) and anything-but (the field must be present) filter on fields of the event',
    notes:
      '`003_4fb32c6148cb8c93.txt` - Amazon EventBridge: rules match events by pattern and send them to targets',
    sources: [PATTERNS, 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-create-pattern.html'],
    experiments: ['rulesRouteByContent'],
    templateTests: ['one rule per content-filter operator on the custom bus, each scoped to the shop source'],
  },
  {
    fact: 'A custom event bus receives only the events put on it (PutEvents, other buses, partners); AWS service events go to the default bus',
    notes:
      '`003_4fb32c6148cb8c93.txt` - event bus: one default per account, custom ones possible (the notes say the custom one "can only filter": see errata)',
    sources: ['https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus.html'],
    experiments: ['rulesRouteByContent'],
    templateTests: ['one rule per content-filter operator on the custom bus, each scoped to the shop source'],
  },
  {
    fact: 'An input transformer sends the target a document built from event fields (InputPathsMap + InputTemplate) instead of the event; numbers stay numbers',
    notes: '`003_4fb32c6148cb8c93.txt` - select targets (you can pick/transform target input)',
    sources: [TRANSFORMER],
    experiments: ['inputTransformerReshapes'],
    templateTests: ['the big-order alert is an input transformer over orderId, amount and region'],
  },
  {
    fact: 'A target that refuses delivery (no permission, or gone) is not retried: the event goes straight to the target dead-letter queue (a standard SQS queue), with RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE attributes; without a DLQ it is dropped',
    notes: '`003_4fb32c6148cb8c93.txt` - DLQ for unprocessed events; pass unprocessed events to an SQS queue',
    sources: [DLQ, SQS_TARGET_POLICY],
    experiments: ['undeliverableToDeadLetter'],
    templateTests: [
      'the refunds target has a retry policy and a dead-letter queue that admits only that rule',
    ],
  },
  {
    fact: 'Each target of a rule on a classic bus (the kind this lab builds) has a retry policy for retriable errors: by default 185 attempts within 24 hours (exponential backoff with jitter), configurable down to 0 attempts and 60 seconds. A subscriber on the new Custom Event Bus defaults to 5 attempts or 300 seconds instead',
    notes: '`003_4fb32c6148cb8c93.txt` - DLQ for unprocessed events (retries are not in the notes)',
    sources: [RETRY, NEW_BUS_RETRY],
    experiments: ['targetRetryPolicy'],
    templateTests: [
      'the refunds target has a retry policy and a dead-letter queue that admits only that rule',
    ],
  },
  {
    fact: "An archive keeps a bus's events (all, or those matching its pattern) for a retention you choose; a replay sends them to the same bus again, each with a replay-name field that rules can match or exclude",
    notes: '`003_4fb32c6148cb8c93.txt` - Amazon EventBridge (archive and replay are not in the notes)',
    sources: [ARCHIVE],
    experiments: ['archiveAndReplay'],
    templateTests: ['the archive keeps the shop events of the custom bus for one day'],
    remark: 'on MiniStack through the create-event-archives step',
  },
  {
    fact: 'Scheduled rules (rate or cron) run only on the default bus and are legacy; EventBridge Scheduler is the recommended service: one-time at() schedules, time zones, flexible time windows, its own retries and DLQ, and far more schedules per account',
    notes:
      '`003_4fb32c6148cb8c93.txt` - rule triggers: scheduled, rate-based or cron-based; `002_b4197942c38b97e3.txt` - CloudWatch Events: cron jobs',
    sources: [SCHEDULED_RULES, SCHEDULER],
    experiments: ['scheduledRuleAndScheduler'],
    templateTests: [
      'a scheduled rule on the default bus and a Scheduler schedule in its own group, both every minute',
    ],
  },
  {
    fact: 'EventBridge can send to an SQS queue encrypted with SSE-SQS; the queue policy must admit events.amazonaws.com for the rule (aws:SourceArn)',
    notes: '`003_4fb32c6148cb8c93.txt` - Amazon EventBridge targets (encryption is not in the notes)',
    sources: [SQS_TARGET_POLICY],
    templateTests: ['every queue is encrypted (SSE-SQS) and refuses requests without TLS'],
  },
  {
    fact: 'EventBridge has two kinds of custom bus. This lab builds the classic one (Custom Event Bus - Classic): rules with up to five targets, archives for replay. The newer Custom Event Bus routes to subscribers (one target each), keeps every event for 1 to 365 days, can deliver in order per event group (FIFO), lets a subscriber start from a past position, and is shared with other accounts through AWS RAM',
    notes:
      '`003_4fb32c6148cb8c93.txt` - event bus: one default per account, custom ones possible (the newer bus is not in the notes)',
    sources: [NEW_BUS, 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-custom-bus-migrate.html'],
    remark:
      'not shown here: the lab builds the classic bus only; its archive and replay experiment shows what retention on the new bus replaces',
  },
  {
    fact: 'A rule can send events to an event bus in another account or another Region (the receiving bus policy must admit the sender, and the rule needs an IAM role for it), and straight to an SQS queue, SNS topic, Lambda function, Kinesis stream or API Gateway API of another account in the same Region',
    notes: 'not in the notes (cross-account and cross-Region delivery)',
    sources: [CROSS_REGION, CROSS_ACCOUNT_TARGETS],
    remark: 'not shown here: it needs a second account or Region, and the lab stays in one of each',
  },
  {
    fact: 'EventBridge Pipes connects one source (an SQS queue, a Kinesis or DynamoDB stream, Amazon MQ, Kafka) to one target, point to point, with an optional filter, an enrichment step called synchronously (Lambda, Step Functions Express, API Gateway, an API destination) and an input transformation; a bus instead fans one event out to many rules',
    notes: 'not in the notes (EventBridge Pipes)',
    sources: [PIPES, PIPES_ENRICHMENT],
    remark: 'not shown here: the lab routes with a bus and rules, not with a pipe',
  },
];
