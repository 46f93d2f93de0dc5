import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Properties for a {@link DeadLetterQueue}. */
export interface DeadLetterQueueProps {
  /**
   * Whether the queue is FIFO. A FIFO queue's dead-letter queue must be FIFO too.
   *
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * Topic that the depth alarm notifies.
   *
   * @default the alarm has no action (its state is still visible in CloudWatch)
   */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * A queue that holds what could not be processed, with an alarm as soon as anything lands in it.
 *
 * Default settings:
 * - retention 14 days (the SQS maximum), so a failure can be inspected long after it happened
 * - SSE-SQS encryption and a policy that refuses non-TLS requests
 * - alarm when ApproximateNumberOfMessagesVisible >= 1 over one minute; missing data is "not breaching"
 */
export class DeadLetterQueue extends Construct {
  /** The queue. */
  public readonly queue: sqs.Queue;
  /** Alarm on the queue's depth. */
  public readonly depthAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps = {}) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: props.fifo || undefined,
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself a dead-letter queue; a dead-letter queue of its own would never be read.',
    });
    this.depthAlarm = new cloudwatch.Alarm(this, 'DepthAlarm', {
      alarmDescription: `Messages are waiting in dead-letter queue ${this.node.path}`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      this.depthAlarm.addAlarmAction(new cwActions.SnsAction(props.alarmTopic));
    }
  }
}

/** Properties for a {@link QueueWithDeadLetter}. */
export interface QueueWithDeadLetterProps extends DeadLetterQueueProps {
  /**
   * How many times a message may be received without being deleted before it moves to the
   * dead-letter queue.
   *
   * @default 3
   */
  readonly maxReceiveCount?: number;
  /**
   * How long a received message stays invisible to other consumers. With a Lambda consumer, make
   * it at least the function timeout (Lambda refuses the mapping otherwise); AWS recommends six
   * times the function timeout.
   *
   * @default left to SQS: 30 seconds (not written to the template, so the lab observes the service default)
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long an unconsumed message is kept.
   *
   * @default left to SQS: 4 days (not written to the template; the range is 1 minute to 14 days)
   */
  readonly retentionPeriod?: Duration;
  /**
   * Long polling wait for ReceiveMessage (0-20 s). Long polling returns as soon as a message
   * arrives and saves the empty responses short polling pays for.
   *
   * @default 20 seconds
   */
  readonly receiveMessageWaitTime?: Duration;
  /**
   * FIFO only: derive the deduplication id from a SHA-256 of the body.
   *
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
}

/**
 * A work queue whose poison messages move to a {@link DeadLetterQueue} after `maxReceiveCount`
 * receives instead of cycling forever.
 *
 * Default settings:
 * - maxReceiveCount 3, long polling 20 s (the SQS default is 0 s: short polling)
 * - visibility timeout and retention left to SQS (30 s and 4 days)
 * - SSE-SQS encryption and a policy that refuses non-TLS requests, on both queues
 * - the dead-letter queue's defaults ({@link DeadLetterQueue}), including its depth alarm
 */
export class QueueWithDeadLetter extends Construct {
  /** The work queue. */
  public readonly queue: sqs.Queue;
  /** Where messages go after `maxReceiveCount` receives. */
  public readonly deadLetter: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: QueueWithDeadLetterProps = {}) {
    super(scope, id);
    this.deadLetter = new DeadLetterQueue(this, 'DeadLetter', {
      fifo: props.fifo,
      alarmTopic: props.alarmTopic,
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      fifo: props.fifo || undefined,
      contentBasedDeduplication: props.contentBasedDeduplication,
      // Unset unless given: the deployed queue then shows SQS's own defaults, which the lab observes.
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: props.retentionPeriod,
      receiveMessageWaitTime: props.receiveMessageWaitTime ?? Duration.seconds(20),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetter.queue, maxReceiveCount: props.maxReceiveCount ?? 3 },
    });
  }
}
