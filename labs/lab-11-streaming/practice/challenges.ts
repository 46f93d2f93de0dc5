import type { Challenge } from '../../../lib/practice/challenges';

const ORDER = "Put 2,000 readings over 200 sensors; read back each sensor's order";
const SHARDS = 'Put readings of one sensor on one shard';

const MAPPING_UUID =
  "uuid=$(aws lambda list-event-source-mappings --function-name $ConsumerFunctionName --query 'EventSourceMappings[0].UUID' --output text)";

/**
 * lab-11's break-fix exercises: a stream with one lane, a consumer that never runs, and a consumer
 * whose mapping drops every record before the function sees it.
 */
export const challenges: Challenge[] = [
  {
    name: 'one-lane-stream',
    scenario: 'A provisioned stream with one shard: every key hashes into the one range, and throughput is one shard',
    symptom:
      'At peak the producers get ProvisionedThroughputExceededException, and the dashboard shows every sensor on the ' +
      'same shard, however the sensor ids are spread.',
    break: [{ find: 'export const SHARD_COUNT = 2;', replace: 'export const SHARD_COUNT = 1;' }],
    checks: [SHARDS],
    hints: [
      'The partition keys are well spread; what do they get spread over?',
      'Look at the stream: aws kinesis describe-stream-summary (OpenShardCount) and aws kinesis list-shards (hash key ranges); or the Stream in stack.ts.',
      'A key picks a shard by the MD5 range it falls in. With one shard there is one range, so all keys share its 1 MB/s or 1,000 records/s; more shards (UpdateShardCount, or on-demand mode) add ranges and throughput.',
    ],
    fix: {
      cli: [
        'aws kinesis update-shard-count --stream-name $StreamName --target-shard-count 2 --scaling-type UNIFORM_SCALING',
        'aws kinesis wait stream-exists --stream-name $StreamName',
      ].join('\n'),
      stack: 'Set SHARD_COUNT back to 2 in stack.ts, then npx labs deploy lab-11.',
    },
  },
  {
    name: 'consumer-never-runs',
    scenario: 'A disabled event source mapping: records stay in the stream and the function is never invoked',
    symptom:
      'Producers report every PutRecords call as successful, yet the results table has not changed since the last ' +
      'release. The consumer logs nothing at all, not even errors, and the failure queue is empty.',
    break: [
      {
        find: '        startingPosition: lambda.StartingPosition.TRIM_HORIZON,\n',
        replace: '        startingPosition: lambda.StartingPosition.TRIM_HORIZON,\n        enabled: false,\n',
      },
    ],
    checks: [ORDER, "Read the mapping's batch and error-handling settings"],
    hints: [
      'Nothing failed; something is not being asked to run. What invokes a stream consumer?',
      'Look at the event source mapping of the consumer: aws lambda list-event-source-mappings (its State); or the KinesisEventSource in stack.ts.',
      'Lambda polls the stream through the event source mapping; a Disabled mapping reads nothing (records wait in the stream until their retention ends). Enabling it resumes from where it stopped, or from TRIM_HORIZON the first time.',
    ],
    fix: {
      cli: [MAPPING_UUID, 'aws lambda update-event-source-mapping --uuid "$uuid" --enabled'].join('\n'),
      stack: 'Remove enabled: false from the KinesisEventSource in stack.ts, then npx labs deploy lab-11.',
    },
  },
  {
    name: 'readings-filtered-out',
    scenario:
      'An event filter on the mapping drops every record that does not match before the function runs, and counts it as processed',
    symptom:
      'Since the consumer was given the alerting team\'s mapping settings, no reading reaches the results table. ' +
      'The mapping is enabled and reports OK, the consumer logs no error, and the failure queue is empty.',
    break: [
      {
        find: '        maxRecordAge: Duration.hours(1),\n',
        replace:
          "        maxRecordAge: Duration.hours(1),\n        filters: [lambda.FilterCriteria.filter({ data: { kind: lambda.FilterRule.isEqual('alert') } })],\n",
      },
    ],
    checks: [ORDER, SHARDS],
    hints: [
      'The records are read (the mapping moves on) but the function sees none of them: where can a record be dropped between the two?',
      "Look at the mapping's FilterCriteria (aws lambda list-event-source-mappings); or the KinesisEventSource options in stack.ts.",
      'Event filtering on a mapping runs before the function: a record that matches no filter is discarded and counts as processed, so nothing retries it and nothing goes to the failure queue. Readings have no kind field, so kind = alert matches none.',
    ],
    fix: {
      cli: [MAPPING_UUID, 'aws lambda update-event-source-mapping --uuid "$uuid" --filter-criteria \'{"Filters":[]}\''].join(
        '\n',
      ),
      stack: 'Remove the filters option from the KinesisEventSource in stack.ts, then npx labs deploy lab-11.',
    },
  },
];
