import { rmSync } from 'node:fs';
import { SCRATCH_ENV } from './global-setup';

/** Jest global teardown: removes the run's temporary directory (see global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  const scratch = process.env[SCRATCH_ENV];
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
