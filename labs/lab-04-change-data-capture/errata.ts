import type { NoteErratum } from '../../lib/docs/errata';

/** Outdated statements in the notes that lab-04 relies on, with what AWS says now. */
export const errata: NoteErratum[] = [
  {
    note: '002_b4197942c38b97e3.txt',
    says: '"WCU / RCU = write/read capacity units must be provisioned up front"',
    now: 'Only in provisioned mode. On-demand tables (used here) need no capacity planning and bill per request.',
    sources: [
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/on-demand-capacity-mode.html',
    ],
    examTrap: 'unpredictable or spiky traffic with no capacity planning points to on-demand mode.',
  },
  {
    note: '002_b4197942c38b97e3.txt',
    says: 'DynamoDB "Uses optimistic locking"',
    now: 'Optimistic locking is a pattern you build with a version attribute and conditional writes; DynamoDB itself gives conditional writes (as the audit writer uses) and transactions.',
    sources: [
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html',
    ],
  },
];
