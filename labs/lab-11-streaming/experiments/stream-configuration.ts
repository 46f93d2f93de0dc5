/** The event source mapping's settings and the stream's capacity mode and encryption, read back. */

import { DescribeStreamSummaryCommand } from '@aws-sdk/client-kinesis';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import {
  BATCH_SIZE,
  FILTER_PATTERN,
  MAX_RECORD_AGE_SECONDS,
  RETRY_ATTEMPTS,
  SHARD_COUNT,
} from './guide-settings';
import { kinesisOf } from './stream-helpers';

export const mappingSettings: Experiment<Output> = {
  name: "Read the mapping's batch and error-handling settings",
  fact: 'The event source mapping reads each shard from TRIM_HORIZON in batches of up to 100, invokes the function only for records that match its filter, bisects failing batches, retries twice and sends what it gives up on to SQS',
  proof: 'configuration',
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: outputOf(context, 'FailedBatchesQueueUrl'),
        AttributeNames: ['QueueArn'],
      }),
    );
    const { EventSourceMappings = [] } = await clientOf(LambdaClient, context).send(
      new ListEventSourceMappingsCommand({ FunctionName: outputOf(context, 'ConsumerFunctionName') }),
    );
    const m = EventSourceMappings[0];
    const destination = m?.DestinationConfig?.OnFailure?.Destination;
    const patterns = (m?.FilterCriteria?.Filters ?? []).map((f) => f.Pattern ?? '');
    const filterOk =
      patterns.length === 1 && JSON.stringify(JSON.parse(patterns[0])) === JSON.stringify(FILTER_PATTERN);
    const source = m?.EventSourceArn ?? '';
    return expectThat(
      EventSourceMappings.length === 1 &&
        source.endsWith(`:stream/${outputOf(context, 'StreamName')}`) &&
        m.State === 'Enabled' &&
        m.StartingPosition === 'TRIM_HORIZON' &&
        m.BatchSize === BATCH_SIZE &&
        m.BisectBatchOnFunctionError === true &&
        m.MaximumRetryAttempts === RETRY_ATTEMPTS &&
        m.MaximumRecordAgeInSeconds === MAX_RECORD_AGE_SECONDS &&
        destination === Attributes.QueueArn &&
        filterOk,
      `${EventSourceMappings.length} mapping(s): ${m?.State}, source ${source.split(':').pop()}, ${m?.StartingPosition}, BatchSize ${m?.BatchSize}, ` +
        `BisectBatchOnFunctionError ${m?.BisectBatchOnFunctionError}, MaximumRetryAttempts ${m?.MaximumRetryAttempts}, ` +
        `MaximumRecordAgeInSeconds ${m?.MaximumRecordAgeInSeconds}, on-failure ${destination === Attributes.QueueArn ? 'the FailedBatches queue' : (destination ?? 'none')}, ` +
        `filters ${patterns.join(' | ') || 'none'}`,
      `one Enabled mapping on the lab stream: TRIM_HORIZON, BatchSize ${BATCH_SIZE}, bisect on, ${RETRY_ATTEMPTS} retries, ` +
        `record age ${MAX_RECORD_AGE_SECONDS} s, on-failure = FailedBatches queue, one filter ${JSON.stringify(FILTER_PATTERN)}`,
      EventSourceMappings.length !== 1
        ? `mappings:${EventSourceMappings.length}`
        : !filterOk
          ? 'filter'
          : 'settings',
    );
  },
};

export const encryptedAtRest: Experiment<Output> = {
  name: "Read the stream's capacity mode and encryption",
  fact: 'The stream is provisioned (2 shards, billed per shard-hour) and encrypted at rest with the AWS managed key for Kinesis',
  proof: 'configuration',
  async run(context) {
    const { StreamDescriptionSummary: s } = await (await kinesisOf(context)).send(
      new DescribeStreamSummaryCommand({ StreamName: outputOf(context, 'StreamName') }),
    );
    return expectThat(
      s?.StreamModeDetails?.StreamMode === 'PROVISIONED' &&
        s.OpenShardCount === SHARD_COUNT &&
        s.EncryptionType === 'KMS' &&
        s.KeyId === 'alias/aws/kinesis',
      `${s?.StreamModeDetails?.StreamMode}, ${s?.OpenShardCount} open shards, retention ${s?.RetentionPeriodHours} h, ` +
        `encryption ${s?.EncryptionType}${s?.KeyId ? ` with ${s.KeyId}` : ''}`,
      `PROVISIONED, ${SHARD_COUNT} open shards, encryption KMS with alias/aws/kinesis`,
      s?.EncryptionType !== 'KMS' || s.KeyId !== 'alias/aws/kinesis' ? 'not-encrypted' : 'capacity',
    );
  },
};
