import { rmSync } from 'node:fs';
import { SCRATCH_ENV } from './global-setup';
import { tempLeftovers } from './temp-leftovers';

/**
 * Jest global teardown: removes the run's temporary directory (see global-setup.ts), and fails the
 * run when something in it outlived the test file that made it (see file-tmp.ts).
 */
export default async function globalTeardown(): Promise<void> {
  const scratch = process.env[SCRATCH_ENV];
  if (!scratch) return;
  const left = tempLeftovers(scratch);
  rmSync(scratch, { recursive: true, force: true });
  if (left.length > 0) {
    throw new Error(
      `the tests left ${left.length} temporary entries (each test file removes what it makes):\n  ${left.join('\n  ')}`,
    );
  }
}
