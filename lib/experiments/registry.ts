import { join } from 'node:path';
import type { LabDefinition } from '../catalogue';
import { PROJECT_ROOT } from '../paths';
import type { LabExperiments } from './experiment';

/** Where a lab's experiments live: labs/<slug>/verify.ts, next to its definition and stack. */
export function verifyFileOf(lab: LabDefinition): string {
  return join(PROJECT_ROOT, 'labs', lab.slug, 'verify.ts');
}

/** A lab's experiments, as its definition imports them (labs/<slug>/lab.ts -> verify.ts). */
export async function loadExperiments(lab: LabDefinition): Promise<LabExperiments> {
  const experiments = lab.experiments();
  if (!Array.isArray(experiments))
    throw new Error(`${lab.id}'s verify.ts does not export an 'experiments' array`);
  return experiments;
}
