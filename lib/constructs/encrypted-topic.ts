import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

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
   * Services (for example `cloudwatch.amazonaws.com`, `ses.amazonaws.com`) that publish to the topic.
   * Each gets publish rights and use of the key; an AWS managed key cannot grant this, which is why
   * the kit uses a customer managed key.
   *
   * @default none
   */
  readonly publishingServices?: string[];
}

/**
 * An SNS topic encrypted with a customer managed KMS key that refuses publishes over plain HTTP.
 *
 * Default settings:
 * - SSE with a customer managed key (rotation on, 7-day deletion window, deleted with the stack)
 * - a topic policy denying any request without TLS
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
    for (const service of props.publishingServices ?? []) {
      const principal = new iam.ServicePrincipal(service);
      this.key.grant(principal, 'kms:Decrypt', 'kms:GenerateDataKey*');
      this.topic.grantPublish(principal);
    }
  }
}
