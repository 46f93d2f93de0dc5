import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { DeadLetterQueue } from '../../lib/constructs/queue-with-dead-letter';
import { type Output, ROUTES, type RouteName } from './outputs';

/** The `source` of the shop's events; every rule of the bus is scoped to it. */
export const SHOP_SOURCE = 'lab10.shop';
export const ORDER_PLACED = 'Order Placed';
export const ORDER_REFUNDED = 'Order Refunded';
/** EU orders: `detail.region` starts with this (case-sensitive). */
export const EU_REGION_PREFIX = 'eu-';
/** Mid-size orders: 100 <= `detail.amount` < 1000 (numbers only). */
export const MID_SIZE_RANGE = { from: 100, below: 1000 } as const;
/** Big orders (the transformed alerts): `detail.amount` >= 1000. */
export const BIG_ORDER_FROM = 1000;
/** Live orders: `detail.status` is anything but these. */
export const NOT_LIVE_STATUSES = ['test', 'cancelled'];
/** How often the scheduled rule and the Scheduler schedule fire (both land in the ticks queue). */
export const TICK_RATE = Duration.minutes(1);
/** The target retry policy of the refunds rule. */
export const REFUND_RETRY = { attempts: 4, maxEventAge: Duration.hours(1) } as const;
/** How long the archive keeps events. */
export const ARCHIVE_RETENTION = Duration.days(1);

/**
 * An encrypted queue an experiment reads: what a rule's target received. Nothing consumes it but
 * the experiments, which delete what they read; messages expire after an hour.
 */
class ObservedQueue extends Construct {
  public readonly queue: sqs.Queue;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      // SSE-SQS: EventBridge can send to it without a key policy (SSE-KMS needs a customer managed key).
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.hours(1),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'An observation queue: only the experiments read it, and they delete every message they read, so a redrive dead-letter queue would never receive anything.',
    });
  }
}

/**
 * lab-10 Event routing with EventBridge.
 *
 * A custom event bus for a shop's order events, with one rule per content-filter operator, each
 * sending to its own queue: prefix (EU regions), numeric range (mid-size amounts), exists (orders with
 * a coupon), anything-but (live orders, not test or cancelled); an input transformer that turns big
 * orders into a small alert; an archive of the bus's shop events and a rule that admits only replayed
 * events; a refunds rule whose target queue does not admit EventBridge, with a retry policy and a
 * dead-letter queue; and two clocks, a scheduled rule on the default bus and an EventBridge Scheduler
 * schedule in its own group, both ticking into one queue.
 */
export class EventRoutingStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const bus = new events.EventBus(this, 'OrdersBus', {
      description: 'lab-10: order events of the shop',
    });
    const archive = bus.archive('OrdersArchive', {
      description: 'lab-10: every shop event of the bus, kept one day for replays',
      eventPattern: { source: [SHOP_SOURCE] },
      retention: ARCHIVE_RETENTION,
    });

    const routed: Partial<Record<RouteName, { rule: events.Rule; queue: sqs.Queue }>> = {};
    const route = (name: RouteName, description: string, eventPattern: events.EventPattern) => {
      const queue = new ObservedQueue(this, `${name}Queue`).queue;
      const rule = new events.Rule(this, `${name}Rule`, { eventBus: bus, description, eventPattern });
      routed[name] = { rule, queue };
      return { rule, queue };
    };

    const eu = route('EuOrders', 'lab-10: orders from EU regions (prefix)', {
      source: [SHOP_SOURCE],
      detail: { region: events.Match.prefix(EU_REGION_PREFIX) },
    });
    eu.rule.addTarget(new targets.SqsQueue(eu.queue));

    const midSize = route('MidSizeOrders', 'lab-10: placed orders of 100 to 999.99 (numeric range)', {
      source: [SHOP_SOURCE],
      detailType: [ORDER_PLACED],
      detail: {
        amount: events.Match.allOf(
          events.Match.greaterThanOrEqual(MID_SIZE_RANGE.from),
          events.Match.lessThan(MID_SIZE_RANGE.below),
        ),
      },
    });
    midSize.rule.addTarget(new targets.SqsQueue(midSize.queue));

    const coupons = route('CouponOrders', 'lab-10: orders that carry a coupon field (exists)', {
      source: [SHOP_SOURCE],
      detail: { coupon: events.Match.exists() },
    });
    coupons.rule.addTarget(new targets.SqsQueue(coupons.queue));

    const live = route('LiveOrders', 'lab-10: placed orders that are not test or cancelled (anything-but)', {
      source: [SHOP_SOURCE],
      detailType: [ORDER_PLACED],
      detail: { status: events.Match.anythingBut(...NOT_LIVE_STATUSES) },
    });
    live.rule.addTarget(new targets.SqsQueue(live.queue));

    // Input transformer: the alert queue gets a small document built from the event, not the event.
    const big = route(
      'BigOrderAlerts',
      'lab-10: placed orders of 1000 or more, as an alert (input transformer)',
      {
        source: [SHOP_SOURCE],
        detailType: [ORDER_PLACED],
        detail: { amount: events.Match.greaterThanOrEqual(BIG_ORDER_FROM) },
      },
    );
    const orderId = events.EventField.fromPath('$.detail.orderId');
    const amount = events.EventField.fromPath('$.detail.amount');
    big.rule.addTarget(
      new targets.SqsQueue(big.queue, {
        message: events.RuleTargetInput.fromObject({
          alert: 'big-order',
          orderId,
          amount,
          region: events.EventField.fromPath('$.detail.region'),
          summary: `Order ${orderId} of ${amount} needs a review`,
        }),
      }),
    );

    // Only replayed events carry `replay-name`: this rule never sees live traffic.
    const replayed = route('ReplayedOrders', 'lab-10: replayed shop events only (replay-name exists)', {
      source: [SHOP_SOURCE],
      // biome-ignore lint/suspicious/noExplicitAny: EventPattern has no field for replay-name; the key is valid in a pattern
      ...({ 'replay-name': events.Match.exists() } as any),
    });
    replayed.rule.addTarget(new targets.SqsQueue(replayed.queue));

    // The refunds rule's target queue does not admit EventBridge (its policy has no statement for
    // events.amazonaws.com): every delivery fails, is not retried (a permissions error) and goes to
    // the dead-letter queue with the error in its message attributes.
    const refundAudit = new ObservedQueue(this, 'RefundAuditQueue').queue;
    const targetDeadLetter = new DeadLetterQueue(this, 'RefundTargetDeadLetter');
    const refunds = new events.Rule(this, 'RefundsRule', {
      eventBus: bus,
      description: 'lab-10: refunds to the audit queue (retry policy and dead-letter queue)',
      eventPattern: { source: [SHOP_SOURCE], detailType: [ORDER_REFUNDED] },
    });
    refunds.addTarget({
      bind: () => ({
        arn: refundAudit.queueArn,
        retryPolicy: {
          maximumRetryAttempts: REFUND_RETRY.attempts,
          maximumEventAgeInSeconds: REFUND_RETRY.maxEventAge.toSeconds(),
        },
        deadLetterConfig: { arn: targetDeadLetter.queue.queueArn },
      }),
    });
    // EventBridge writes to a target's dead-letter queue as the service, for this rule only.
    targetDeadLetter.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'RefundsRuleDeadLetters',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [targetDeadLetter.queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': refunds.ruleArn } },
      }),
    );

    // Two clocks into one queue: a scheduled rule (default bus only) and a Scheduler schedule.
    const ticks = new ObservedQueue(this, 'TicksQueue').queue;
    const tickRule = new events.Rule(this, 'TickRule', {
      description: 'lab-10: a scheduled rule on the default bus',
      schedule: events.Schedule.rate(TICK_RATE),
    });
    tickRule.addTarget(new targets.SqsQueue(ticks));
    const scheduleGroup = new scheduler.ScheduleGroup(this, 'ScheduleGroup', {});
    const heartbeat = new scheduler.Schedule(this, 'HeartbeatSchedule', {
      description: 'lab-10: an EventBridge Scheduler schedule',
      scheduleGroup,
      schedule: scheduler.ScheduleExpression.rate(TICK_RATE),
      timeWindow: scheduler.TimeWindow.off(),
      target: new schedulerTargets.SqsSendMessage(ticks, {
        input: scheduler.ScheduleTargetInput.fromObject({ from: 'scheduler', schedule: 'lab-10 heartbeat' }),
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
      }),
    });

    const outputs: Partial<Record<Output, string>> = {
      OrdersBusName: bus.eventBusName,
      OrdersBusArn: bus.eventBusArn,
      ArchiveName: archive.archiveName,
      ArchiveArn: archive.archiveArn,
      RefundsRuleArn: refunds.ruleArn,
      RefundAuditQueueUrl: refundAudit.queueUrl,
      RefundAuditQueueArn: refundAudit.queueArn,
      RefundTargetDeadLetterQueueUrl: targetDeadLetter.queue.queueUrl,
      TicksQueueUrl: ticks.queueUrl,
      TickRuleName: tickRule.ruleName,
      ScheduleName: heartbeat.scheduleName,
      ScheduleGroupName: scheduleGroup.scheduleGroupName,
    };
    for (const name of ROUTES) {
      const routedTo = routed[name];
      if (!routedTo)
        throw new Error(
          `lab-10: route ${name} is declared in outputs.ts but the stack builds no rule for it`,
        );
      outputs[`${name}QueueUrl`] = routedTo.queue.queueUrl;
      outputs[`${name}RuleArn`] = routedTo.rule.ruleArn;
    }
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
