import type { Experiment } from '../../lib/experiments/experiment';

export const experiments: Experiment[] = [];
