import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const FAN_OUT = 'fanOut';

/**
 * lab-02's break-fix exercises. Each breaks one subscription or queue setting in stack.ts; the
 * fan-out and dead-letter experiments judge the fix.
 */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'eu-dashboard-empty',
    scenario:
      'SNS filter policy matching is exact and case-sensitive: a prefix written in the wrong case matches nothing',
    symptom:
      'The EU analytics team says their queue has received nothing since the last release, although orders from ' +
      'eu-west-1 and eu-central-1 keep coming in. Billing, fulfilment and large orders get theirs as before.',
    break: [{ find: "matchPrefixes: ['eu-']", replace: "matchPrefixes: ['EU-']" }],
    checks: [FAN_OUT],
    hints: [
      'Only one subscriber of the orders topic lost its messages: what decides, per subscription, which messages it gets?',
      "Look at the EU analytics subscription's filter policy (aws sns get-subscription-attributes, or FAN_OUT_SUBSCRIBERS in stack.ts) and compare it with the region attribute of an order.",
      'SNS matches filter policy strings exactly, case included: a prefix rule "EU-" does not match "eu-west-1".',
    ],
    fix: {
      cli: [
        `queue_arn=$(aws sqs get-queue-attributes --queue-url $EuAnalyticsQueueUrl --attribute-names QueueArn --query Attributes.QueueArn --output text)`,
        `subscription=$(aws sns list-subscriptions-by-topic --topic-arn $OrdersTopicArn --query "Subscriptions[?Endpoint=='$queue_arn'].SubscriptionArn" --output text)`,
        `aws sns set-subscription-attributes --subscription-arn "$subscription" --attribute-name FilterPolicy --attribute-value '{"region":[{"prefix":"eu-"}]}'`,
      ].join('\n'),
      stack:
        "In FAN_OUT_SUBSCRIBERS.euAnalytics, make the prefix lower case again (matchPrefixes: ['eu-']), then npx labs deploy lab-02.",
    },
  },
  {
    name: 'billing-parser-rejects-everything',
    scenario:
      'SNS raw message delivery: without it an SQS subscriber gets the SNS JSON envelope, not the message',
    symptom:
      "Since the last release billing's consumer rejects every message from its queue: the body is no longer an " +
      'order it can parse, and the eventType message attribute it routes on is missing. Nothing changed in billing.',
    break: [
      {
        find: 'filterPolicy: FAN_OUT_SUBSCRIBERS.billing, rawMessageDelivery: true',
        replace: 'filterPolicy: FAN_OUT_SUBSCRIBERS.billing, rawMessageDelivery: false',
      },
    ],
    checks: [FAN_OUT],
    hints: [
      'The messages still arrive, only their shape changed: receive one from the billing queue and look at its body.',
      "Look at the billing subscription's attributes (aws sns get-subscription-attributes) or its SqsSubscription options in stack.ts.",
      'With raw message delivery off, SNS wraps each message in a JSON envelope (Type, MessageId, TopicArn, Message, MessageAttributes) and the SQS message has no message attributes of its own.',
    ],
    fix: {
      cli: [
        `queue_arn=$(aws sqs get-queue-attributes --queue-url $BillingQueueUrl --attribute-names QueueArn --query Attributes.QueueArn --output text)`,
        `subscription=$(aws sns list-subscriptions-by-topic --topic-arn $OrdersTopicArn --query "Subscriptions[?Endpoint=='$queue_arn'].SubscriptionArn" --output text)`,
        `aws sns set-subscription-attributes --subscription-arn "$subscription" --attribute-name RawMessageDelivery --attribute-value true`,
      ].join('\n'),
      stack:
        "Set rawMessageDelivery: true again on the billing queue's SqsSubscription, then npx labs deploy lab-02.",
    },
  },
  {
    name: 'poison-keeps-coming-back',
    scenario:
      'SQS redrive policy: maxReceiveCount decides how many receives a poison message gets before the DLQ',
    symptom:
      'A malformed billing message was handed to the billing consumer again and again this morning; the ' +
      "billing dead-letter alarm stayed quiet for far longer than the team's runbook says it should (three attempts).",
    break: [
      {
        find: "new QueueWithDeadLetter(this, 'Billing', { alarmTopic: alerts.topic })",
        replace:
          "new QueueWithDeadLetter(this, 'Billing', { alarmTopic: alerts.topic, maxReceiveCount: 10 })",
      },
    ],
    checks: ['deadLetter'],
    hints: [
      'The message did reach the dead-letter queue in the end, only much later than planned: what counts the attempts?',
      "Look at the billing queue's RedrivePolicy (aws sqs get-queue-attributes --attribute-names RedrivePolicy) or the Billing QueueWithDeadLetter in stack.ts.",
      'SQS moves a message to the dead-letter queue when its receive count exceeds the redrive policy maxReceiveCount; each receive without a delete counts.',
    ],
    fix: {
      cli: [
        `dlq_arn=$(aws sqs get-queue-attributes --queue-url $BillingDeadLetterQueueUrl --attribute-names QueueArn --query Attributes.QueueArn --output text)`,
        `attributes=$(mktemp)`,
        `printf '{"RedrivePolicy": "{\\\\"deadLetterTargetArn\\\\":\\\\"%s\\\\",\\\\"maxReceiveCount\\\\":3}"}' "$dlq_arn" > "$attributes"`,
        `aws sqs set-queue-attributes --queue-url $BillingQueueUrl --attributes "file://$attributes"`,
        `rm -f "$attributes"`,
      ].join('\n'),
      stack:
        'Remove maxReceiveCount from the Billing QueueWithDeadLetter (its default is 3), then npx labs deploy lab-02.',
    },
  },
  {
    name: 'orders-counted-twice',
    scenario:
      "A visibility timeout shorter than the consumer's processing time hands the same message to a second consumer before the first deletes it",
    symptom:
      'The EU analytics workers take about 20 s per order, and since yesterday the EU dashboard counts many orders ' +
      'twice or three times. Each order was published once, and no worker reported an error.',
    break: [
      {
        find: "new QueueWithDeadLetter(this, 'EuAnalytics', { alarmTopic: alerts.topic })",
        replace:
          "new QueueWithDeadLetter(this, 'EuAnalytics', { alarmTopic: alerts.topic, visibilityTimeout: Duration.seconds(5) })",
      },
    ],
    checks: ['visibility'],
    hints: [
      'A worker is still busy with an order when another worker receives the same order: what keeps a received message away from the others, and for how long?',
      "Look at the EU analytics queue's VisibilityTimeout (aws sqs get-queue-attributes --attribute-names VisibilityTimeout) or the EuAnalytics QueueWithDeadLetter in stack.ts.",
      'A received message comes back once its visibility timeout ends unless it was deleted; the timeout must outlast the processing (30 s by default; up to 12 hours).',
    ],
    fix: {
      cli: 'aws sqs set-queue-attributes --queue-url $EuAnalyticsQueueUrl --attributes VisibilityTimeout=30',
      stack:
        'Remove visibilityTimeout from the EuAnalytics QueueWithDeadLetter (SQS then uses its 30 s default), then npx labs deploy lab-02.',
    },
  },
  {
    name: 'large-orders-refused',
    scenario:
      'A queue accepts messages up to its MaximumMessageSize: 1 MiB unless it was lowered (down to 1 KiB)',
    symptom:
      "Since yesterday's deploy, a partner's 300 KB order documents sent straight to the billing queue are refused " +
      'with InvalidParameterValue. Smaller orders still arrive, and the partner changed nothing.',
    break: [
      {
        find: "import { ArnFormat, CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';\n",
        replace:
          "import { ArnFormat, CfnOutput, CfnResource, Duration, RemovalPolicy } from 'aws-cdk-lib';\n",
      },
      {
        find: "    const billing = new QueueWithDeadLetter(this, 'Billing', { alarmTopic: alerts.topic });\n",
        replace:
          "    const billing = new QueueWithDeadLetter(this, 'Billing', { alarmTopic: alerts.topic });\n" +
          "    (billing.queue.node.defaultChild as CfnResource).addPropertyOverride('MaximumMessageSize', 262144);\n",
      },
    ],
    checks: ['messageSize'],
    hints: [
      'Small messages arrive and only large ones are refused: what sets the largest message a queue accepts?',
      "Look at the billing queue's MaximumMessageSize (aws sqs get-queue-attributes --attribute-names MaximumMessageSize) or the Billing queue in stack.ts.",
      'A queue takes messages up to its MaximumMessageSize, 1 MiB (1,048,576 bytes) unless lowered; beyond 1 MiB the Extended Client Library keeps the payload in S3.',
    ],
    fix: {
      cli: 'aws sqs set-queue-attributes --queue-url $BillingQueueUrl --attributes MaximumMessageSize=1048576',
      stack:
        'Remove the MaximumMessageSize override of the billing queue from stack.ts, then npx labs deploy lab-02.',
    },
  },
];
