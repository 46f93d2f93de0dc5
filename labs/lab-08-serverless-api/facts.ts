import type { LabFact } from '../../lib/facts';

/** The exam facts lab-08 teaches: each with its notes, the AWS docs it was checked against, and its proof. */
export const facts: LabFact[] = [
  {
    fact: 'TODO: the exam fact, as the guide states it.',
    notes: 'TODO: the note file and topic, or: not in the notes',
    experiments: ['Write the first experiment'],
  },
];
