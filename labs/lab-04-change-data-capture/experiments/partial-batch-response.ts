import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListEventSourceMappingsCommand } from '@aws-sdk/client-lambda';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import {
  auditKey,
  auditOf,
  BATCH_SIZE,
  MAX_RECORD_AGE_SECONDS,
  POISON_STATUS,
  RETRY_ATTEMPTS,
  seq,
} from './audit-helpers';
import { invokeWriter, ordersStreamArn, streamEvent } from './stream-events';

export const partialBatchResponse: Experiment<Output> = {
  name: 'Answer a poison record with a partial batch response',
  fact:
    'A record the function cannot process is retried a bounded number of times, isolated by bisecting the ' +
    'batch, and then reported to an SQS queue',
  proof: 'behaviour',
  async run(context) {
    const lambda = clientOf(LambdaClient, context);
    const sqs = clientOf(SQSClient, context);
    const dynamodb = clientOf(DynamoDBClient, context);
    const functionName = outputOf(context, 'AuditWriterFunctionName');
    const queueUrl = outputOf(context, 'FailedRecordsQueueUrl');

    // The mapping's half: retries, bisect, partial batch responses and the on-failure queue.
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }),
    );
    const { EventSourceMappings = [] } = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: functionName }),
    );
    const mapping = EventSourceMappings[0];
    const destination = mapping?.DestinationConfig?.OnFailure?.Destination;
    const mappingOk =
      EventSourceMappings.length === 1 &&
      mapping.MaximumRetryAttempts === RETRY_ATTEMPTS &&
      mapping.BisectBatchOnFunctionError === true &&
      (mapping.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures') &&
      mapping.BatchSize === BATCH_SIZE &&
      mapping.MaximumRecordAgeInSeconds === MAX_RECORD_AGE_SECONDS &&
      mapping.StartingPosition === 'TRIM_HORIZON' &&
      destination === Attributes.QueueArn;

    // The function's half: a batch valid, poison, valid. It must audit the first, name the poison
    // record and stop there, so the mapping retries from the poison record and order is kept.
    const customerId = newRunId('poison-direct');
    const base = `${Date.now()}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
    const [first, poison, after] = ['1', '2', '3'].map((n) => `${base}${n}`);
    const streamArn = await ordersStreamArn(dynamodb, outputOf(context, 'OrdersTableName'));
    const { functionError, body } = await invokeWriter(
      context,
      streamEvent(
        [
          { sequenceNumber: first, eventName: 'INSERT', customerId, orderId: 'a', newStatus: 'PENDING' },
          {
            sequenceNumber: poison,
            eventName: 'MODIFY',
            customerId,
            orderId: 'a',
            oldStatus: 'PENDING',
            newStatus: POISON_STATUS,
          },
          {
            sequenceNumber: after,
            eventName: 'MODIFY',
            customerId,
            orderId: 'a',
            oldStatus: POISON_STATUS,
            newStatus: 'PAID',
          },
        ],
        streamArn,
      ),
    );
    const failures = (body.batchItemFailures ?? []).map((f) => f.itemIdentifier);
    const rows = await auditOf(dynamodb, outputOf(context, 'AuditTableName'), auditKey(customerId, 'a'));
    const audited = rows.map((r) => (seq(r.sequenceNumber) === seq(first) ? 'first' : r.sequenceNumber));
    return expectThat(
      mappingOk &&
        !functionError &&
        failures.length === 1 &&
        failures[0] === poison &&
        audited.join(',') === 'first',
      `mapping: MaximumRetryAttempts ${mapping?.MaximumRetryAttempts}, BisectBatchOnFunctionError ` +
        `${mapping?.BisectBatchOnFunctionError}, FunctionResponseTypes ${(mapping?.FunctionResponseTypes ?? []).join('/') || 'none'}, ` +
        `BatchSize ${mapping?.BatchSize}, MaximumRecordAgeInSeconds ${mapping?.MaximumRecordAgeInSeconds}, ` +
        `${mapping?.StartingPosition}, on-failure ${destination === Attributes.QueueArn ? 'FailedRecords queue' : (destination ?? 'none')}; ` +
        `direct invoke of [valid, poison status ${POISON_STATUS}, valid]: ${functionError ? `function error ${functionError}, ` : ''}` +
        `batchItemFailures [${failures.map((f) => (f === poison ? 'the poison record' : f)).join(', ')}], ` +
        `audited ${audited.join(', ') || 'nothing'}`,
      `retries ${RETRY_ATTEMPTS}, bisect on, ReportBatchItemFailures, on-failure = FailedRecords; ` +
        'batchItemFailures = [the poison record], only the record before it audited',
      !mappingOk ? 'mapping-settings' : 'not-partial-response',
    );
  },
};
