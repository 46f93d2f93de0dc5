import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-04 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'Every insert, update and delete on a DynamoDB table must produce an audit record, in order per item, within seconds. Which design fits?',
    choices: [
      'DynamoDB Streams with a Lambda function that writes the audit records',
      'A Lambda function that scans the table every minute',
      'AWS CloudTrail data events for the table',
      'Time to Live on the table',
    ],
    answer: [0],
    explanation:
      'A stream carries every change once, in order per item, for 24 hours, and Lambda reads it through an event source mapping. A scan misses intermediate changes; CloudTrail records API calls, not item images.',
    shownBy: { experiment: 'auditLifecycle' },
    domain: 'performing',
  },
  {
    question:
      'The audit must show each item as it was before and after every update. Which stream view type is needed?',
    choices: ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'],
    answer: [3],
    explanation:
      'NEW_AND_OLD_IMAGES puts both images on MODIFY records; the other view types carry the keys, or one image only.',
    shownBy: { experiment: 'auditLifecycle' },
    domain: 'developing',
  },
  {
    question:
      'A table in production needs a new access pattern: query orders by status across all customers. What do you do?',
    choices: [
      'Add a global secondary index with UpdateTable',
      'Add a local secondary index with UpdateTable',
      'Create a new table and copy the data',
      'Scan the table with a filter expression',
    ],
    answer: [0],
    explanation:
      'A GSI has its own partition key and can be added to a live table; an LSI keeps the table partition key and can only be defined when the table is created. A scan reads the whole table on every query.',
    shownBy: { experiment: 'indexesLater' },
    domain: 'performing',
  },
  {
    question:
      'One malformed record makes a stream consumer fail, and the whole shard stops moving. Which two settings keep one bad record from blocking the shard? (Choose two.)',
    choices: [
      'Report batch item failures (partial batch response) from the function',
      'Bisect the batch on error, with bounded retries and an on-failure destination',
      'More shards on the stream',
      'More memory for the function',
    ],
    answer: [0, 1],
    explanation:
      'A partial batch response names the failed record so the rest is not reprocessed; bisecting isolates the bad record, bounded retries stop the loop, and the on-failure destination receives its shard and sequence range. DynamoDB manages shard counts itself.',
    shownBy: { challenge: 'audit-trail-stalls' },
    domain: 'resilient',
  },
  {
    question:
      'Stream records can be delivered again after a retry. How does the audit writer make sure a record is written only once?',
    choices: [
      'A conditional write with attribute_not_exists on the sequence number key',
      'An SQS FIFO queue between the stream and the function',
      'Strongly consistent reads',
      'Time to Live on the audit table',
    ],
    answer: [0],
    explanation:
      'Keyed by the stream sequence number, a conditional put that fails when the key exists turns a replay into a no-op: the write is idempotent.',
    shownBy: { experiment: 'replay' },
    domain: 'developing',
  },
  {
    question:
      'Expired sessions must disappear from a table without spending write capacity, and a downstream system must hear about each removal. What fits?',
    choices: [
      'Time to Live on an expiry attribute, with the stream carrying the service REMOVE records',
      'A scheduled Lambda function that deletes expired items',
      'Clients that delete their own sessions',
      'A global table in a second Region',
    ],
    answer: [0],
    explanation:
      'TTL deletes expired items in the background (typically within two days) at no write cost, and each deletion appears on the stream as a REMOVE whose user identity is the DynamoDB service.',
    shownBy: { experiment: 'ttlRemove' },
    domain: 'cost',
  },
];
