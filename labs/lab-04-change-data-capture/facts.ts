import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

/** The exam facts the lab teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'A stream carries every create, update and delete, once and in order per item, and keeps records 24 hours; Lambda reads it and reacts',
    notes:
      '`001_06aa89305e27a1ca.txt` - DynamoDB Streams -> Lambda; `002_b4197942c38b97e3.txt` - DynamoDB Streams',
    experiments: ['auditLifecycle'],
  },
  {
    fact: 'The view type decides what a record carries: KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES (used here, so an update carries both)',
    notes: 'not in the notes',
    experiments: ['auditLifecycle'],
  },
  {
    fact: 'A stream consumer needs IAM rights to read the stream; here the function may read it and put audit items, nothing more',
    notes: '`002_b4197942c38b97e3.txt` - DynamoDB Streams (IAM permissions)',
    templateTests: ['the consumer may read the stream and put audit items, nothing more on the tables'],
  },
  {
    fact: 'The function can name the one record of a batch it could not process (partial batch response), so the rest is not reprocessed',
    notes: 'not in the notes (Lambda event source mappings)',
    experiments: ['partialBatchResponse'],
  },
  {
    fact: "Bounded retries, bisecting a failing batch and an on-failure destination keep one bad record from blocking its shard; the queue gets the record's shard and sequence range, not the record",
    notes: 'not in the notes (Lambda event source mappings)',
    experiments: ['onFailureDestination'],
  },
  {
    fact: 'A conditional write (`attribute_not_exists`) makes a replayed record harmless: each sequence number is written once',
    notes: '`002_b4197942c38b97e3.txt` - DynamoDB optimistic locking and conditional operations',
    experiments: ['replay'],
  },
  {
    fact: "A key is a partition key, or a partition key plus a sort key. A GSI has its own partition and sort key and can be added any time; an LSI keeps the table's partition key and must exist when the table is created",
    notes:
      '`002_b4197942c38b97e3.txt` - primary keys, secondary indexes; `004_290acbaf18f7d933.txt` - DynamoDB indexes',
    experiments: ['gsiByStatus', 'indexesLater'],
    sources: [
      'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-localsecondaryindex.html',
    ],
  },
  {
    fact: 'A GSI is updated asynchronously and serves only eventually consistent reads (a query asking for a strongly consistent read is refused); the table and its LSIs serve strongly consistent reads too',
    notes: '`004_290acbaf18f7d933.txt` - DynamoDB indexes',
    sources: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html'],
    remark:
      'Not shown here: the GSI experiment polls because the index lags, but does not ask for a consistent read',
  },
  {
    fact: 'Kinesis Data Streams for DynamoDB is the other change stream: it keeps records up to a year and serves more consumers (enhanced fan-out), but records may arrive out of order or twice; DynamoDB Streams keeps 24 hours, each change once and in order per item',
    notes: 'not in the notes (Kinesis Data Streams for DynamoDB)',
    sources: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/streamsmain.html'],
    remark: 'Not shown here: the lab uses DynamoDB Streams only',
  },
  {
    fact: 'TTL deletes expired items within a few days (AWS says typically within two days), without using write capacity; the deletion shows on the stream as a REMOVE by the DynamoDB service',
    notes: '`002_b4197942c38b97e3.txt` - TTL',
    templateTests: [
      'the orders table: partition + sort key, on demand, TTL, a GSI and a NEW_AND_OLD_IMAGES stream',
    ],
    sources: [
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html',
    ],
    remark:
      'The REMOVE by the service is not shown here: AWS deletes an expired item up to two days later, longer ' +
      "than a verify run, and MiniStack 1.5.33's TTL reaper deletes without a stream record",
  },
  {
    fact: 'On-demand tables need no RCU/WCU planning: you pay per request',
    notes: '`002_b4197942c38b97e3.txt` - RCU/WCU; `004_290acbaf18f7d933.txt` - on-demand scaling',
    templateTests: [
      'the orders table: partition + sort key, on demand, TTL, a GSI and a NEW_AND_OLD_IMAGES stream',
    ],
  },
];
