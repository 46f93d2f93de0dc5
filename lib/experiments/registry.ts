import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { LabDefinition } from '../catalogue';
import { PROJECT_ROOT } from '../paths';
import type { LabExperiments } from './experiment';

/** Where a lab's experiments live: labs/<slug>/verify.ts (the catalogue's slug decides). */
export function verifyFileOf(lab: LabDefinition): string {
  return join(PROJECT_ROOT, 'labs', lab.slug, 'verify.ts');
}

/** Loads a lab's experiments from its guide folder. */
export async function loadExperiments(lab: LabDefinition): Promise<LabExperiments> {
  const file = verifyFileOf(lab);
  if (!existsSync(file)) throw new Error(`${lab.id} has no experiments file (${file})`);
  // require, not import(): bin/labs.mjs registers tsx's CommonJS hook, and jest transforms require too.
  const module = require(file) as { experiments?: LabExperiments };
  if (!Array.isArray(module.experiments)) throw new Error(`${file} does not export an 'experiments' array`);
  return module.experiments;
}
