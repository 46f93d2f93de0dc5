import { type Experiment, skipped } from '../../lib/experiments/experiment';

/** The experiments of lab-08: each one drives the deployed lab and observes the result. */
export const experiments: Experiment[] = [
  {
    name: 'Write the first experiment',
    fact: 'TODO: the exam fact this lab proves, in one sentence.',
    // behaviour: drives the lab and observes the result; configuration: reads a setting back.
    proof: 'behaviour',
    async run() {
      return skipped('lab-08 has no experiments yet');
    },
  },
];
