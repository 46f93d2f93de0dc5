import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-04 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'Every insert, update and delete on a DynamoDB table must produce an audit record, in order per item, within seconds. Which design fits?',
    choices: [
      {
        text: 'A Lambda function that scans the table every minute and diffs it with the last scan',
        wrong: 'it misses changes made between two scans and reads the whole table every minute',
      },
      { text: 'DynamoDB Streams with a Lambda function that writes the audit records', right: true },
      {
        text: 'AWS CloudTrail data events for the table, delivered to an audit S3 bucket',
        wrong: 'CloudTrail records API calls (who called PutItem), not item images, and delivers in minutes',
      },
      {
        text: 'Time to Live on the table, with expired items archived by the service',
        wrong: 'TTL removes expired items; it says nothing about inserts and updates',
      },
    ],
    explanation:
      'A stream carries every change once, in order per item, for 24 hours, and Lambda reads it through an event source mapping.',
    shownBy: { experiment: 'auditLifecycle' },
    domain: 'performing',
  },
  {
    question:
      'The audit must show each item as it was before and after every update. Which stream view type is needed?',
    choices: [
      { text: 'KEYS_ONLY', wrong: 'it carries only the key attributes, no image at all' },
      { text: 'NEW_IMAGE', wrong: 'it carries the item after the change only, so the before is lost' },
      { text: 'NEW_AND_OLD_IMAGES', right: true },
      { text: 'OLD_IMAGE', wrong: 'it carries the item before the change only, so the after is lost' },
    ],
    explanation: 'NEW_AND_OLD_IMAGES puts both images on MODIFY records.',
    shownBy: { experiment: 'auditLifecycle' },
    domain: 'developing',
  },
  {
    question:
      'A table in production needs a new access pattern: query orders by status across all customers. What do you do?',
    choices: [
      {
        text: 'Add a local secondary index on status with UpdateTable',
        wrong: 'an LSI keeps the table partition key and can only be defined when the table is created',
      },
      {
        text: 'Create a new table keyed on status and copy the data over with a scan',
        wrong: 'a second copy to migrate and keep in sync, where an index is added to the live table',
      },
      {
        text: 'Scan the table with a filter expression on status for each query',
        wrong: 'a filter applies after the read, so every query reads (and pays for) the whole table',
      },
      { text: 'Add a global secondary index with UpdateTable', right: true },
    ],
    explanation:
      'A GSI has its own partition key and can be added to a live table; DynamoDB backfills it and keeps it in sync.',
    shownBy: { experiment: 'indexesLater' },
    domain: 'performing',
  },
  {
    question:
      'One malformed record makes a stream consumer fail, and the whole shard stops moving. Which two settings keep one bad record from blocking the shard?',
    choices: [
      { text: 'Report batch item failures (partial batch response) from the function', right: true },
      {
        text: "Add shards to the table's stream so the other records move on",
        wrong: 'DynamoDB manages stream shards itself, and the bad record still blocks its own shard',
      },
      {
        text: 'Bisect the batch on error, with bounded retries and an on-failure destination',
        right: true,
      },
      {
        text: 'Give the function more memory and a longer timeout',
        wrong: 'a malformed record fails the same way with more resources',
      },
    ],
    explanation:
      'A partial batch response names the failed record so the rest is not reprocessed; bisecting isolates the bad record, bounded retries stop the loop, and the on-failure destination receives its shard and sequence range.',
    shownBy: { challenge: 'audit-trail-stalls' },
    domain: 'resilient',
  },
  {
    question:
      'Stream records can be delivered again after a retry. How does the audit writer make sure a record is written only once?',
    choices: [
      { text: 'A conditional write with attribute_not_exists on the sequence number key', right: true },
      {
        text: 'An SQS FIFO queue between the stream and the function, deduplicating by content',
        wrong: 'FIFO deduplication lasts 5 minutes, and a replay can come much later',
      },
      {
        text: 'A strongly consistent read before each write, to check the record is new',
        wrong: 'a read and a later write are two calls; only a conditional write checks and writes at once',
      },
      {
        text: 'Time to Live on the audit table, so duplicates expire after a day',
        wrong: 'TTL expires every item, the only copies too, and duplicates stay until then',
      },
    ],
    explanation:
      'Keyed by the stream sequence number, a conditional put that fails when the key exists turns a replay into a no-op: the write is idempotent.',
    shownBy: { experiment: 'replay' },
    domain: 'developing',
  },
  {
    question:
      'Expired sessions must disappear from a table without spending write capacity, and a downstream system must hear about each removal. What fits?',
    choices: [
      {
        text: 'A scheduled Lambda function that queries expired items, deletes them and publishes each removal',
        wrong: 'every delete it makes spends write capacity',
      },
      {
        text: 'Clients that delete their own sessions at logout, with a stream on the table',
        wrong: 'deletes spend write capacity, and sessions abandoned without a logout are never removed',
      },
      {
        text: 'A global table replica in a second Region that drops items past their expiry',
        wrong: 'a replica copies every write (and bills it); replication does not expire anything',
      },
      {
        text: 'Time to Live on an expiry attribute, with the stream carrying the service REMOVE records',
        right: true,
      },
    ],
    explanation:
      'TTL deletes expired items in the background (typically within two days) at no write cost, and each deletion appears on the stream as a REMOVE whose user identity is the DynamoDB service.',
    shownBy: { guide: 'Exam facts (TTL)' },
    domain: 'cost',
  },
  {
    question:
      'An app writes an order and at once reads it back through a GSI on status, using ConsistentRead. What happens?',
    choices: [
      {
        text: 'The query returns the order, since the read is strongly consistent',
        wrong: 'a GSI cannot serve a strongly consistent read at all',
      },
      {
        text: 'The query is refused: a GSI serves eventually consistent reads only',
        right: true,
      },
      {
        text: 'The query waits until the index has caught up, then answers',
        wrong: 'DynamoDB never blocks a read to wait for an index',
      },
      {
        text: 'The query reads the base table instead, since the index lags',
        wrong: 'a query names one index or the table; there is no fallback',
      },
    ],
    explanation:
      'GSIs are updated asynchronously and refuse ConsistentRead (ValidationException); an LSI or the table could serve it. DynamoDB neither waits for an index nor falls back to the table.',
    shownBy: { guide: 'Exam facts (GSI consistency)' },
    domain: 'performing',
  },
  {
    question:
      'Analysts must replay a DynamoDB table’s changes from up to 30 days back, and five independent consumers read them. Which change stream fits?',
    choices: [
      {
        text: 'DynamoDB Streams with a NEW_AND_OLD_IMAGES view type',
        wrong: 'it keeps records for 24 hours only, too short to replay',
      },
      {
        text: 'DynamoDB Streams read through an SQS queue per consumer',
        wrong: 'the copies start at the hook: older changes are still lost',
      },
      {
        text: 'Kinesis Data Streams for DynamoDB, with longer retention',
        right: true,
      },
      {
        text: 'Point-in-time recovery, restored to a table for each replay',
        wrong: 'a restore rebuilds the table state, not its change records',
      },
    ],
    explanation:
      'Kinesis Data Streams for DynamoDB keeps records up to a year and serves many consumers; consumers must handle duplicates and order. DynamoDB Streams keeps 24 hours, a queue cannot bring back older changes, and PITR restores state, not changes.',
    shownBy: { guide: 'Exam facts (Kinesis Data Streams for DynamoDB)' },
    domain: 'performing',
  },
];
