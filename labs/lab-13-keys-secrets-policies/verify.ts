import { skipped, type Experiment } from '../../lib/experiments/experiment';
export const experiments: Experiment[] = [
  { name: 'placeholder', fact: 'x', proof: 'behaviour', async run() { return skipped('later'); } },
];
