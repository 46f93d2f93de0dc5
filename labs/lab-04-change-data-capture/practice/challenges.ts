import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

/** The stream mapping's settings (state on every target) and, where the poller honours them, its behaviour. */
const MAPPING_CHECKS: ExperimentId[] = ['partialBatchResponse', 'onFailureDestination'];

/** On MiniStack the fault shows only in the mapping's settings: its stream poller ignores them. */
const JUDGED_BY = {
  ministack:
    "configuration (the mapping's settings; MiniStack's stream poller ignores them, so no poison record shows the fault)",
};

const MAPPING_UUID =
  "uuid=$(aws lambda list-event-source-mappings --function-name $AuditWriterFunctionName --query 'EventSourceMappings[0].UUID' --output text)";

/**
 * lab-04's break-fix exercises: each takes one of the stream mapping's error-handling settings away.
 * On AWS the poison-record experiment shows the behaviour; MiniStack's stream poller ignores these
 * settings, so there the mapping's state is what the checks judge.
 */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'failed-records-vanish',
    scenario:
      'A stream event source mapping without an on-failure destination drops a batch silently once its retries are spent',
    symptom:
      'An order update that the audit writer could not process is gone: it is not in the audit trail, and the ' +
      'failed-records queue the runbook tells us to inspect is empty.',
    break: [
      { find: '        onFailure: new eventSources.SqsDlq(failedRecords.queue),\n', replace: '' },
      {
        find: "audit.grant(writer.function, 'dynamodb:PutItem');",
        replace:
          "audit.grant(writer.function, 'dynamodb:PutItem');\n    failedRecords.queue.grantSendMessages(writer.function);",
      },
    ],
    checks: MAPPING_CHECKS,
    judgedBy: JUDGED_BY,
    hints: [
      'The record was retried and then given up on; where does a stream mapping put what it gives up on?',
      "Look at the audit writer's event source mapping (aws lambda list-event-source-mappings), its DestinationConfig; or the DynamoEventSource in stack.ts.",
      "For stream sources (DynamoDB, Kinesis) a batch whose retries are spent goes to the mapping's on-failure destination (an SQS queue here: it gets the batch's shard and sequence numbers, not its records); without one it is dropped.",
    ],
    fix: {
      cli: [
        MAPPING_UUID,
        'queue_arn=$(aws sqs get-queue-attributes --queue-url $FailedRecordsQueueUrl --attribute-names QueueArn --query Attributes.QueueArn --output text)',
        'aws lambda update-event-source-mapping --uuid "$uuid" --destination-config "{\\"OnFailure\\":{\\"Destination\\":\\"$queue_arn\\"}}"',
      ].join('\n'),
      stack:
        'Give the DynamoEventSource its onFailure destination again (onFailure: new eventSources.SqsDlq(failedRecords.queue)), then npx labs deploy lab-04.',
    },
  },
  {
    name: 'rest-of-batch-lost',
    scenario:
      'Without ReportBatchItemFailures the mapping ignores a partial batch response and counts the whole batch as processed',
    symptom:
      'When one order update in a batch is malformed, the updates after it in the same batch never reach the audit ' +
      'trail, and nothing shows up in the failed-records queue. The audit writer logs no error.',
    break: [{ find: '        reportBatchItemFailures: true,\n', replace: '' }],
    checks: MAPPING_CHECKS,
    judgedBy: JUDGED_BY,
    hints: [
      'The function returns normally and names the record it could not process; who reads that answer?',
      "Look at the mapping's FunctionResponseTypes (aws lambda list-event-source-mappings) or the DynamoEventSource options in stack.ts.",
      'A batchItemFailures response only counts when the mapping has ReportBatchItemFailures; otherwise a normal return means the whole batch succeeded and the stream moves past it.',
    ],
    fix: {
      cli: [
        MAPPING_UUID,
        'aws lambda update-event-source-mapping --uuid "$uuid" --function-response-types ReportBatchItemFailures',
      ].join('\n'),
      stack: 'Set reportBatchItemFailures: true on the DynamoEventSource again, then npx labs deploy lab-04.',
    },
  },
  {
    name: 'audit-trail-stalls',
    scenario:
      'A poison record with unlimited retries and no bisecting blocks its shard until the record expires',
    symptom:
      'One malformed order update came in at 09:12. Since then no change to any order in that part of the table has ' +
      'reached the audit trail, although the orders table keeps changing.',
    break: [
      {
        find: '        retryAttempts: STREAM_RETRY_ATTEMPTS,\n        bisectBatchOnError: true,\n',
        replace: '        bisectBatchOnError: false,\n',
      },
    ],
    checks: MAPPING_CHECKS,
    judgedBy: JUDGED_BY,
    hints: [
      'The stream keeps order per shard: what happens to the records behind one that always fails?',
      "Look at the mapping's MaximumRetryAttempts and BisectBatchOnFunctionError (aws lambda list-event-source-mappings) or the DynamoEventSource in stack.ts.",
      'A stream mapping retries a failing batch until it succeeds or its records expire (MaximumRetryAttempts -1 by default) and the shard waits meanwhile; bounded retries with bisecting isolate the bad record and let the rest through.',
    ],
    fix: {
      cli: [
        MAPPING_UUID,
        'aws lambda update-event-source-mapping --uuid "$uuid" --maximum-retry-attempts 2 --bisect-batch-on-function-error',
      ].join('\n'),
      stack:
        'Give the DynamoEventSource retryAttempts: STREAM_RETRY_ATTEMPTS and bisectBatchOnError: true again, then npx labs deploy lab-04.',
    },
  },
];
