import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/paths';
import { CACHE_DIR_ENV, sourceHash, VALIDATION_FILE } from './lab-cache';

/**
 * Jest global setup: makes sure the lab cache for the current sources exists (see lab-cache.ts),
 * building it in a child process when not, and points the test workers at it. The child exits
 * before the tests start, so its memory (aws-cdk-lib, the validation engine) is not held by jest.
 */
export default function globalSetup(): void {
  const root = join(tmpdir(), `labkit-lab-cache-${userInfo().uid}`);
  const dir = join(root, sourceHash());
  if (process.env.LABKIT_TEST_CACHE === 'fresh') rmSync(dir, { recursive: true, force: true });
  if (!existsSync(join(dir, VALIDATION_FILE))) {
    mkdirSync(root, { recursive: true });
    const building = `${dir}.${process.pid}`;
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(PROJECT_ROOT, 'test/support/build-lab-cache.ts'), building],
      { cwd: PROJECT_ROOT, encoding: 'utf8' },
    );
    if (result.status !== 0) {
      rmSync(building, { recursive: true, force: true });
      throw new Error(`building the lab cache failed:\n${result.stderr.slice(-4000)}`);
    }
    rmSync(join(building, 'cdk.out'), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  }
  process.env[CACHE_DIR_ENV] = dir;
}
