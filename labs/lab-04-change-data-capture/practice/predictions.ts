import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-04`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'audit-records',
    question:
      'Two orders go through 7 changes in all (2 inserts, 3 updates, 2 deletes). How many audit records appear?',
    experiment: 'auditLifecycle',
    measure: 'auditRecords',
    answer: { kind: 'number' },
    fact: 'Every create, update and delete appears on the stream once; the writer audits each.',
  },
  {
    id: 'modify-images',
    question:
      'Which images does a MODIFY record carry on this stream? (old and new / new only / old only / keys only)',
    experiment: 'auditLifecycle',
    measure: 'modifyImages',
    answer: { kind: 'choice', choices: ['old and new', 'new only', 'old only', 'keys only'] },
    fact: 'The stream view type NEW_AND_OLD_IMAGES puts both images on every MODIFY record.',
  },
  {
    id: 'replay-records',
    question:
      'One stream record is delivered to the writer twice more. How many audit records does that item end up with?',
    experiment: 'replay',
    measure: 'recordsAfterReplay',
    answer: { kind: 'number' },
    fact: 'The writer puts each sequence number once (attribute_not_exists): a replay is harmless.',
  },
  {
    id: 'gsi-live',
    question: 'Can a global secondary index be added to the table while it is live? (yes/no)',
    experiment: 'indexesLater',
    measure: 'gsiAddedLive',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: 'A GSI can be added any time with UpdateTable; an LSI only when the table is created.',
  },
];
