import { join } from 'node:path';
import { PROJECT_ROOT } from '../core/paths';
import type { LabDefinition } from '../lab/catalogue';
import { type LabExperiments, listExperiments } from './experiment';

/** Where a lab's experiments live: labs/<slug>/experiments/, next to its definition and stack. */
export function experimentsDirOf(lab: LabDefinition): string {
  return join(PROJECT_ROOT, 'labs', lab.slug, 'experiments');
}

/** A lab's experiments with their ids, in run order (its definition loads labs/<slug>/experiments/). */
export function experimentsOf(lab: LabDefinition): LabExperiments {
  const set = lab.experiments();
  if (!set || typeof set !== 'object' || Array.isArray(set))
    throw new Error(`${lab.id}'s experiments/index.ts does not export an 'experiments' record keyed by id`);
  return listExperiments(set);
}
