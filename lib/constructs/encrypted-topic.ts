import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** An AWS service that publishes to a topic on behalf of some of its resources. */
export interface PublishingService {
  /** The service principal, for example `cloudwatch.amazonaws.com` or `ses.amazonaws.com`. */
  readonly service: string;
  /**
   * The ARN (wildcards allowed) of the service's resources that may publish, for example the alarms
   * `arn:aws:cloudwatch:<region>:<account>:alarm:*`: the `aws:SourceArn` condition (ArnLike).
   */
  readonly sourceArn: string;
}

/** Properties for an {@link EncryptedTopic}. */
export interface EncryptedTopicProps {
  /**
   * The key that encrypts messages at rest. Share one key between the topics of a lab.
   *
   * @default a new customer managed key with rotation, deleted (after 7 days) with the stack
   */
  readonly key?: kms.Key;
  /**
   * Whether the topic is FIFO (strict ordering per message group, deduplication). FIFO topics can
   * deliver only to FIFO queues.
   *
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * FIFO only: derive the deduplication id from a SHA-256 of the message body.
   *
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * Services that publish to the topic (see {@link EncryptedTopic.allowPublishing}). An AWS managed
   * key cannot grant a service its use, which is why the kit uses a customer managed key.
   *
   * @default none
   */
  readonly publishingServices?: PublishingService[];
}

/**
 * An SNS topic encrypted with a customer managed KMS key that refuses publishes over plain HTTP.
 *
 * Default settings:
 * - SSE with a customer managed key (rotation on, 7-day deletion window, deleted with the stack)
 * - a topic policy denying any request without TLS
 * - a publishing service gets `sns:Publish` and use of the key only for its resources in this
 *   account (`aws:SourceAccount` and `aws:SourceArn` conditions, against the confused deputy)
 */
export class EncryptedTopic extends Construct {
  /** The topic. */
  public readonly topic: sns.Topic;
  /** The key that encrypts it. */
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptedTopicProps = {}) {
    super(scope, id);
    this.key =
      props.key ??
      new kms.Key(this, 'Key', {
        description: `Encrypts SNS topic ${this.node.path}`,
        enableKeyRotation: true,
        pendingWindow: Duration.days(7),
        removalPolicy: RemovalPolicy.DESTROY,
      });
    this.topic = new sns.Topic(this, 'Topic', {
      fifo: props.fifo || undefined,
      contentBasedDeduplication: props.contentBasedDeduplication,
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const publisher of props.publishingServices ?? []) this.allowPublishing(publisher);
  }

  /**
   * Lets an AWS service publish to the topic on behalf of its own resources in this account only:
   * `sns:Publish` in the topic policy and `kms:GenerateDataKey*` / `kms:Decrypt` in the key policy
   * (what SNS documents for AWS event sources and encrypted topics), each with `aws:SourceAccount`
   * (this stack's account) and `aws:SourceArn` (the publishing resources) conditions.
   */
  allowPublishing(publisher: PublishingService): void {
    const principals = [new iam.ServicePrincipal(publisher.service)];
    const conditions = {
      StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      ArnLike: { 'aws:SourceArn': publisher.sourceArn },
    };
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals,
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions,
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals,
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions,
      }),
    );
  }
}
