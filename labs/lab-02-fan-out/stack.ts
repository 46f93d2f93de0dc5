import { ArnFormat, CfnOutput, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { EncryptedTopic } from '../../lib/constructs/encrypted-topic';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { QueueWithDeadLetter } from '../../lib/constructs/queue-with-dead-letter';
import type { Output } from './outputs';

/**
 * The subscriptions of the orders topic and the filter policy of each. Exported so the experiments
 * and tests name the same queues; the experiments compute their expectations on their own.
 */
export const FAN_OUT_SUBSCRIBERS = {
  /** Attribute equality: only the event types billing acts on. Raw delivery: the body is the message itself. */
  billing: {
    eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['order_placed', 'refund_issued'] }),
  },
  /** Prefix match: orders from any EU region. */
  euAnalytics: {
    region: sns.SubscriptionFilter.stringFilter({ matchPrefixes: ['eu-'] }),
  },
  /** Anything-but: every event except cancellations. Consumed by the fulfilment function. */
  fulfilment: {
    eventType: sns.SubscriptionFilter.stringFilter({ denylist: ['order_cancelled'] }),
  },
  /**
   * Numeric range: 100 <= amount <= 1000. `between` renders one condition (`[">=", 100, "<=", 1000]`);
   * `greaterThanOrEqualTo` + `lessThan` would render two conditions, which SNS ORs: everything matches.
   */
  largeOrders: {
    amount: sns.SubscriptionFilter.numericFilter({ between: { start: 100, stop: 1000 } }),
  },
} as const;

/** The fulfilment function's timeout; the queue's visibility timeout is six times this. */
const CONSUMER_TIMEOUT = Duration.seconds(10);

/**
 * lab-02 Fan-out: one SNS publish reaches every subscribed queue whose filter policy matches.
 *
 * Four standard queues with different filter policies, each with a dead-letter queue (3 receives)
 * and a depth alarm on the alerts topic; a consumer function on the fulfilment queue that reports
 * partial batch failures and rejects poison messages; and a FIFO topic -> FIFO queue pair with
 * content-based deduplication.
 */
export class FanOutStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    // One key for the lab's topics; CloudWatch needs it to publish alarms to the alerts topic.
    const topicKey = new kms.Key(this, 'TopicKey', {
      description: 'lab-02: encrypts the SNS topics',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const alerts = new EncryptedTopic(this, 'Alerts', {
      key: topicKey,
      // Only CloudWatch alarms of this account and region may publish (aws:SourceAccount/SourceArn).
      publishingServices: [
        {
          service: 'cloudwatch.amazonaws.com',
          sourceArn: this.formatArn({
            service: 'cloudwatch',
            resource: 'alarm',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      ],
    });
    const orders = new EncryptedTopic(this, 'Orders', { key: topicKey });

    const billing = new QueueWithDeadLetter(this, 'Billing', { alarmTopic: alerts.topic });
    const euAnalytics = new QueueWithDeadLetter(this, 'EuAnalytics', { alarmTopic: alerts.topic });
    const fulfilment = new QueueWithDeadLetter(this, 'Fulfilment', {
      alarmTopic: alerts.topic,
      // AWS guidance for a Lambda consumer: at least six times the function timeout, so a batch
      // that is being retried is not handed to a second poller meanwhile.
      visibilityTimeout: Duration.seconds(CONSUMER_TIMEOUT.toSeconds() * 6),
    });
    const largeOrders = new QueueWithDeadLetter(this, 'LargeOrders', { alarmTopic: alerts.topic });

    orders.topic.addSubscription(
      new subscriptions.SqsSubscription(billing.queue, {
        filterPolicy: FAN_OUT_SUBSCRIBERS.billing,
        rawMessageDelivery: true,
      }),
    );
    orders.topic.addSubscription(
      new subscriptions.SqsSubscription(euAnalytics.queue, { filterPolicy: FAN_OUT_SUBSCRIBERS.euAnalytics }),
    );
    orders.topic.addSubscription(
      new subscriptions.SqsSubscription(fulfilment.queue, { filterPolicy: FAN_OUT_SUBSCRIBERS.fulfilment }),
    );
    orders.topic.addSubscription(
      new subscriptions.SqsSubscription(largeOrders.queue, { filterPolicy: FAN_OUT_SUBSCRIBERS.largeOrders }),
    );

    // The consumer records each (order, event) it handled once, so redeliveries are harmless.
    const fulfilledOrders = new dynamodb.TableV2(this, 'FulfilledOrders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      sortKey: { name: 'eventType', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    const consumer = new LabFunction(this, 'FulfilmentConsumer', {
      handlerFolder: 'lab-02/fulfilment-consumer',
      description: 'lab-02: fulfils orders from the queue, reports poison messages as batch item failures',
      timeout: CONSUMER_TIMEOUT,
      environment: { TABLE_NAME: fulfilledOrders.tableName },
    });
    fulfilledOrders.grant(consumer.function, 'dynamodb:PutItem');
    consumer.function.addEventSource(
      new eventSources.SqsEventSource(fulfilment.queue, {
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        reportBatchItemFailures: true,
      }),
    );

    // FIFO: ordering per message group and a 5-minute deduplication window.
    const ordersFifo = new EncryptedTopic(this, 'OrdersFifo', {
      key: topicKey,
      fifo: true,
      contentBasedDeduplication: true,
    });
    const ledger = new QueueWithDeadLetter(this, 'Ledger', {
      fifo: true,
      contentBasedDeduplication: true,
      alarmTopic: alerts.topic,
    });
    ordersFifo.topic.addSubscription(
      new subscriptions.SqsSubscription(ledger.queue, { rawMessageDelivery: true }),
    );

    const outputs: Record<Output, string> = {
      OrdersTopicArn: orders.topic.topicArn,
      OrdersFifoTopicArn: ordersFifo.topic.topicArn,
      AlertsTopicArn: alerts.topic.topicArn,
      BillingQueueUrl: billing.queue.queueUrl,
      EuAnalyticsQueueUrl: euAnalytics.queue.queueUrl,
      FulfilmentQueueUrl: fulfilment.queue.queueUrl,
      FulfilmentDeadLetterQueueUrl: fulfilment.deadLetter.queue.queueUrl,
      BillingDeadLetterQueueUrl: billing.deadLetter.queue.queueUrl,
      LargeOrdersQueueUrl: largeOrders.queue.queueUrl,
      LedgerQueueUrl: ledger.queue.queueUrl,
      FulfilledOrdersTableName: fulfilledOrders.tableName,
      FulfilmentFunctionName: consumer.function.functionName,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
