import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-06`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'read-after-overwrite',
    question:
      'A report is written as "first draft", then overwritten with "final", and read back at once. What does the read return? (final / first draft)',
    experiment: 'deleteMarkerKeepsVersions',
    measure: 'readAfterOverwrite',
    answer: { kind: 'choice', choices: ['final', 'first draft'] },
    fact: 'S3 is strongly consistent since December 2020: a read after an overwrite sees the new object.',
  },
  {
    id: 'get-after-delete',
    question:
      'The report is then deleted (no version id given). What does a plain GET of its key answer? (404 / final / first draft)',
    experiment: 'deleteMarkerKeepsVersions',
    measure: 'readAfterDelete',
    answer: { kind: 'choice', choices: ['404', 'final', 'first draft'] },
    fact: 'The delete adds a delete marker, which is now the current version: a plain GET answers 404.',
  },
  {
    id: 'versions-kept',
    question:
      'After the two writes and the delete, how many object versions of the report are listed (delete markers not counted)?',
    experiment: 'deleteMarkerKeepsVersions',
    measure: 'versionsKept',
    answer: { kind: 'number' },
    fact: 'Nothing is removed by a delete in a versioned bucket: both versions stay, readable by id (and billed).',
  },
  {
    id: 'replicated-before',
    question:
      'An object is written under replicated/ while replication is off; then replication is turned back on. Does that object reach the replica bucket? (yes/no)',
    experiment: 'replicateNewObjects',
    measure: 'replicatedBefore',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: 'Live replication copies only objects written after the rule exists; S3 Batch Replication copies older ones.',
  },
  {
    id: 'replica-after-delete',
    question:
      'A replicated object is deleted in the data bucket. What happens to its copy in the replica? (kept / deleted)',
    experiment: 'keepReplicaOnDelete',
    measure: 'replicaAfterSourceDelete',
    answer: { kind: 'choice', choices: ['kept', 'deleted'] },
    fact: 'Delete markers are not replicated unless the rule says so; the replica keeps the object.',
  },
  {
    id: 'presigned-expired',
    question:
      'A presigned URL valid for 3 seconds is used 5 seconds after it was signed. Which HTTP status comes back?',
    experiment: 'presignedUrl',
    measure: 'afterExpiry',
    answer: { kind: 'number' },
    fact: 'S3 refuses an expired presigned URL with 403 AccessDenied ("Request has expired").',
  },
];
