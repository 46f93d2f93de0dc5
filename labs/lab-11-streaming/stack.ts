import { Aws, CfnOutput, Duration, RemovalPolicy, Size, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { EmptiedBucket } from '../../lib/constructs/emptied-bucket';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { DeadLetterQueue } from '../../lib/constructs/queue-with-dead-letter';

/** Shards of the stream: each takes 1 MB/s or 1,000 records/s in, 2 MB/s out. */
export const SHARD_COUNT = 2;
/** Records per consumer invocation (per shard). */
export const BATCH_SIZE = 100;
/** Retries of a failing batch (bisecting does not count) before it goes to the on-failure queue. */
export const RETRY_ATTEMPTS = 2;
/** Firehose writes an object when this much time or BUFFER_MIB of data has gathered, whichever comes first. */
export const BUFFER_SECONDS = 60;
export const BUFFER_MIB = 1;
/** Where Firehose writes delivered records and records it could not deliver. */
export const DATA_PREFIX = 'readings/';

/**
 * lab-11 Streaming: a Kinesis data stream of sensor readings with two consumers.
 *
 * The stream is provisioned with two shards (cheaper than on-demand for a lab) and encrypted with
 * the AWS managed key for Kinesis. Producers put readings with the sensor as partition key, so one
 * sensor's readings land on one shard, in order. The reading consumer (Lambda, through an event
 * source mapping) applies them to a results table; a batch it cannot process is retried, bisected
 * down to the bad record, and that record's shard and sequence number go to an SQS on-failure
 * queue. Firehose reads the same stream and writes the records to an S3 bucket, buffering up to
 * 60 seconds or 1 MiB.
 */
export class StreamingStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const readings = new kinesis.Stream(this, 'Readings', {
      streamMode: kinesis.StreamMode.PROVISIONED,
      shardCount: SHARD_COUNT,
      retentionPeriod: Duration.hours(24),
      encryption: kinesis.StreamEncryption.MANAGED,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // One item per sensor and run: the readings in the order the consumer applied them.
    const results = new dynamodb.TableV2(this, 'Results', {
      partitionKey: { name: 'resultKey', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const failedBatches = new DeadLetterQueue(this, 'FailedBatches');
    const consumer = new LabFunction(this, 'ReadingConsumer', {
      handlerFolder: 'lab-11/reading-consumer',
      description: 'lab-11: applies each sensor reading from the stream to the results table, in order',
      environment: { RESULTS_TABLE_NAME: results.tableName },
      timeout: Duration.seconds(30),
    });
    results.grant(consumer.function, 'dynamodb:UpdateItem');
    consumer.function.addEventSource(
      new eventSources.KinesisEventSource(readings, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        // Stated, not left to the default: a mapping that is not enabled reads nothing.
        enabled: true,
        batchSize: BATCH_SIZE,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: RETRY_ATTEMPTS,
        maxRecordAge: Duration.hours(1),
        // Event filtering runs before the function: only readings (JSON with a sensor key) invoke it;
        // anything else on the stream is dropped and counted as processed.
        filters: [lambda.FilterCriteria.filter({ data: { key: lambda.FilterRule.exists() } })],
        onFailure: new eventSources.SqsDlq(failedBatches.queue),
      }),
    );

    const archive = new EmptiedBucket(this, 'Archive', { encryption: s3.BucketEncryption.S3_MANAGED }).bucket;
    const deliveryLogs = new logs.LogGroup(this, 'DeliveryLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // One role for Firehose: read the stream, write the bucket and the error log; only this account's
    // Firehose may assume it (confused deputy).
    const deliveryRole = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID },
      }),
      description: 'lab-11: Firehose reads the readings stream and writes the archive bucket',
    });
    const delivery = new firehose.DeliveryStream(this, 'Delivery', {
      source: new firehose.KinesisStreamSource(readings),
      role: deliveryRole,
      destination: new firehose.S3Bucket(archive, {
        role: deliveryRole,
        bufferingInterval: Duration.seconds(BUFFER_SECONDS),
        bufferingSize: Size.mebibytes(BUFFER_MIB),
        dataOutputPrefix: `${DATA_PREFIX}!{timestamp:yyyy/MM/dd/HH}/`,
        errorOutputPrefix: 'errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd/HH}/',
        loggingConfig: new firehose.EnableLogging(deliveryLogs),
      }),
    });
    // The CDK's S3 destination grants read/write on the bucket: the wildcards below, on the archive only.
    const bucketGrant =
      "the CDK's Firehose S3 destination grant on the archive bucket only; Firehose needs AbortMultipartUpload, GetBucketLocation, GetObject, ListBucket, ListBucketMultipartUploads and PutObject there";
    Validations.of(deliveryRole).acknowledge(
      ...[
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
      ].map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason: `Part of ${bucketGrant}.` })),
      {
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(archive.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
        reason: `Firehose writes objects under any key of the archive bucket (${bucketGrant}).`,
      },
    );
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason:
        'Firehose server-side encryption applies to Direct PUT only; with a Kinesis stream as source the records are encrypted at rest in the stream (KMS), and the bucket encrypts the objects.',
    });
    Validations.of(archive).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket that the lab does not teach; the experiments observe every object Firehose writes.',
    });
    // The construct adds a mapping of Firehose's IP ranges (for VPC destinations) that nothing here references.
    this.node.tryRemoveChild('@aws-cdk--aws-kinesisfirehose.CidrBlocks');
    // Deleted before the bucket's emptier runs, so no late delivery lands in an emptied bucket.
    delivery.node.addDependency(archive.node.findChild('AutoDeleteObjectsCustomResource'));

    new CfnOutput(this, 'StreamName', { value: readings.streamName });
    new CfnOutput(this, 'ResultsTableName', { value: results.tableName });
    new CfnOutput(this, 'FailedBatchesQueueUrl', { value: failedBatches.queue.queueUrl });
    new CfnOutput(this, 'ConsumerFunctionName', { value: consumer.function.functionName });
    new CfnOutput(this, 'DeliveryStreamName', { value: delivery.deliveryStreamName });
    new CfnOutput(this, 'ArchiveBucketName', { value: archive.bucketName });
  }
}
