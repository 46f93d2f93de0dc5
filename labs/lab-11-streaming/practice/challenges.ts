import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const ORDER = 'perKeyOrder';
const MAPPING = 'mappingSettings';
const FIREHOSE = 'firehoseExactlyOnce';
const AT_REST = 'encryptedAtRest';
const ISOLATED = 'poisonIsolated';

const MAPPING_UUID =
  "uuid=$(aws lambda list-event-source-mappings --function-name $ConsumerFunctionName --query 'EventSourceMappings[0].UUID' --output text)";

/**
 * lab-11's break-fix exercises: an archive written under the wrong prefix, a consumer that never runs,
 * and a consumer whose mapping drops every record before the function sees it. (A one-shard stream
 * would be the natural fourth, but MiniStack 1.5.33's CloudFormation ignores ShardCount updates, so
 * its stack-edit fix could not be proven there.)
 */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'archive-lands-elsewhere',
    scenario:
      'Firehose writes under the destination Prefix (its !{timestamp} expressions evaluated at arrival, in UTC): a changed prefix moves every new object',
    symptom:
      "The analysts' Athena table over s3://<archive>/readings/ has had no new data since Tuesday's release. The " +
      'delivery stream is ACTIVE, the stream is full of readings, and Firehose logs no delivery error.',
    break: [
      {
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template literal in stack.ts
        find: 'dataOutputPrefix: `${DATA_PREFIX}!{timestamp:yyyy/MM/dd/HH}/`,',
        replace: "dataOutputPrefix: 'raw/!{timestamp:yyyy/MM/dd/HH}/',",
      },
    ],
    checks: [FIREHOSE],
    hints: [
      'Firehose is delivering without errors; so where is it delivering to?',
      'List the top-level prefixes of the archive bucket (aws s3 ls s3://<bucket>/) and read the destination of the delivery stream (aws firehose describe-delivery-stream); or the S3Bucket destination in stack.ts.',
      'Objects go under the destination Prefix (plus the time path its expressions produce); ErrorOutputPrefix only gets records Firehose could not deliver. Put the prefix back to readings/!{timestamp:yyyy/MM/dd/HH}/ with UpdateDestination (it needs the current version id).',
    ],
    fix: {
      cli: [
        'version=$(aws firehose describe-delivery-stream --delivery-stream-name $DeliveryStreamName --query DeliveryStreamDescription.VersionId --output text)',
        "destination=$(aws firehose describe-delivery-stream --delivery-stream-name $DeliveryStreamName --query 'DeliveryStreamDescription.Destinations[0].DestinationId' --output text)",
        'aws firehose update-destination --delivery-stream-name $DeliveryStreamName --current-delivery-stream-version-id "$version" --destination-id "$destination" --extended-s3-destination-update \'{"Prefix":"readings/!{timestamp:yyyy/MM/dd/HH}/"}\'',
      ].join('\n'),
      stack:
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a template literal in stack.ts
        'Set dataOutputPrefix back to `${DATA_PREFIX}!{timestamp:yyyy/MM/dd/HH}/` on the S3Bucket destination in stack.ts, then npx labs deploy lab-11.',
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
        find: '        enabled: true,\n',
        replace: '        enabled: false,\n',
      },
    ],
    checks: [ORDER],
    judgedBy: {
      ministack:
        "behaviour only: MiniStack 1.5.33 reports a mapping created disabled as State Enabled, so the mapping's settings do not show the fault there",
    },
    hints: [
      'Nothing failed; something is not being asked to run. What invokes a stream consumer?',
      'Look at the event source mapping of the consumer: aws lambda list-event-source-mappings (its State); or the KinesisEventSource in stack.ts.',
      'Lambda polls the stream through the event source mapping; a Disabled mapping reads nothing (records wait in the stream until their retention ends). Enabling it resumes from where it stopped, or from TRIM_HORIZON the first time.',
    ],
    fix: {
      cli: [MAPPING_UUID, 'aws lambda update-event-source-mapping --uuid "$uuid" --enabled'].join('\n'),
      stack: 'Set enabled back to true on the KinesisEventSource in stack.ts, then npx labs deploy lab-11.',
    },
  },
  {
    name: 'readings-filtered-out',
    scenario:
      'An event filter on the mapping drops every record that does not match before the function runs, and counts it as processed',
    symptom:
      "Since the consumer was given the alerting team's mapping settings, no reading reaches the results table. " +
      'The mapping is enabled and reports OK, the consumer logs no error, and the failure queue is empty.',
    break: [
      {
        find: 'data: { key: lambda.FilterRule.exists() }',
        replace: "data: { kind: lambda.FilterRule.isEqual('alert') }",
      },
    ],
    checks: [ORDER, MAPPING],
    hints: [
      'The records are read (the mapping moves on) but the function sees none of them: where can a record be dropped between the two?',
      "Look at the mapping's FilterCriteria (aws lambda list-event-source-mappings); or the KinesisEventSource options in stack.ts.",
      'Event filtering on a mapping runs before the function: a record that matches no filter is discarded and counts as processed, so nothing retries it and nothing goes to the failure queue. Readings have no kind field, so kind = alert matches none; the lab’s filter only asks for a key field.',
    ],
    fix: {
      cli: [
        MAPPING_UUID,
        'aws lambda update-event-source-mapping --uuid "$uuid" --filter-criteria \'{"Filters":[{"Pattern":"{\\"data\\":{\\"key\\":[{\\"exists\\":true}]}}"}]}\'',
      ].join('\n'),
      stack:
        'Put the filter back to data: { key: lambda.FilterRule.exists() } on the KinesisEventSource in stack.ts, then npx labs deploy lab-11.',
    },
  },
  {
    name: 'readings-stored-in-clear',
    scenario: 'Server-side encryption was dropped from the stream: readings sit in the shards unencrypted',
    symptom:
      'A security review of the data platform flags the sensor stream: its records are kept in the clear for the ' +
      'whole retention period, while the standard says every stream is encrypted at rest. Producers and consumers ' +
      'noticed nothing.',
    break: [
      {
        find: 'encryption: kinesis.StreamEncryption.MANAGED,',
        replace: 'encryption: kinesis.StreamEncryption.UNENCRYPTED,',
      },
    ],
    checks: [AT_REST],
    hints: [
      'Nothing failed for producers or consumers: which stream setting changes only how records are kept?',
      'Look at the stream summary (aws kinesis describe-stream-summary --stream-name $StreamName) or the Readings stream props in stack.ts.',
      'Kinesis encrypts records at rest with a KMS key when the stream has server-side encryption on; the AWS managed key alias/aws/kinesis costs nothing extra. Turn it on with start-stream-encryption or encryption: MANAGED.',
    ],
    fix: {
      cli: 'aws kinesis start-stream-encryption --stream-name $StreamName --encryption-type KMS --key-id alias/aws/kinesis',
      stack:
        'Set encryption: kinesis.StreamEncryption.MANAGED on the Readings stream again, then npx labs deploy lab-11.',
    },
  },
  {
    name: 'one-bad-reading-costs-many',
    scenario:
      'Batches are no longer split on a function error: a poison reading takes its whole batch down with it',
    symptom:
      'After a malformed reading from one sensor, dozens of good readings from sensors on the same shard never reached ' +
      'the results table, and the failure queue received one record covering a long range of sequence numbers.',
    break: [{ find: 'bisectBatchOnError: true,', replace: 'bisectBatchOnError: false,' }],
    checks: [ISOLATED],
    hints: [
      'The retries ran out and the batch was given up: how could the mapping have narrowed down which record failed?',
      "Look at the mapping's error handling (aws lambda list-event-source-mappings --function-name $ConsumerFunctionName) or the KinesisEventSource options in stack.ts.",
      'With BisectBatchOnFunctionError the mapping splits a failing batch in two and retries each half, until the bad record is alone; only that one is given up. Turn it back on.',
    ],
    fix: {
      cli: [
        MAPPING_UUID,
        'aws lambda update-event-source-mapping --uuid "$uuid" --bisect-batch-on-function-error',
      ].join('\n'),
      stack:
        'Set bisectBatchOnError: true on the KinesisEventSource in stack.ts again, then npx labs deploy lab-11.',
    },
  },
];
