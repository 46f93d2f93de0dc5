import { type ChildProcess, spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { CACHE_DIR_ENV, sourceHash, VALIDATION_FILE } from './lab-cache';

/** One part of the cache build, running in a child process. */
interface BuildPart {
  readonly child: ChildProcess;
  /** Rejects with the child's stderr when it fails. */
  readonly done: Promise<void>;
}

function startPart(dir: string, part: 'build-lab-cache' | 'validate-lab-cache'): BuildPart {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(PROJECT_ROOT, `test/support/${part}.ts`), dir],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const done = new Promise<void>((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`building the lab cache (${part}) failed:\n${stderr}`)),
    ),
  );
  return { child, done };
}

/**
 * Jest global setup: makes sure the lab cache for the current sources exists (see lab-cache.ts),
 * building it when not, and points the test workers at it. Two child processes build it side by
 * side, one for each core: one synthesizes every lab variant (the labs as deployed to AWS first),
 * the other starts aws-cdk-lib's CloudFormation validation engine meanwhile and validates those
 * templates once they are there. Both exit before the tests start, so their memory is not held by
 * jest.
 */
export default async function globalSetup(): Promise<void> {
  const root = join(tmpdir(), `labkit-lab-cache-${userInfo().uid}`);
  const dir = join(root, sourceHash());
  if (process.env.LABKIT_TEST_CACHE === 'fresh') rmSync(dir, { recursive: true, force: true });
  if (!existsSync(join(dir, VALIDATION_FILE))) {
    mkdirSync(root, { recursive: true });
    const building = `${dir}.${process.pid}`;
    const parts = [startPart(building, 'build-lab-cache'), startPart(building, 'validate-lab-cache')];
    try {
      await Promise.all(parts.map((part) => part.done));
    } catch (error) {
      // The validation would wait minutes for templates a failed builder never writes.
      for (const { child } of parts) if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(building, { recursive: true, force: true });
      throw error;
    }
    for (const name of readdirSync(building)) {
      if (name.startsWith('cdk.out') || name.startsWith('claim-') || name === 'validation')
        rmSync(join(building, name), { recursive: true, force: true });
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
  }
  process.env[CACHE_DIR_ENV] = dir;
  pruneLabCaches(root, dir);
  // Everything the tests put in the temporary directory (aws-cdk-lib's cdk.out* of every App built
  // without an outdir, the tests' own mkdtemp) goes into one directory of this run, which
  // global-teardown.ts removes: a run leaves nothing behind, even when a test does not clean up.
  // The workers start after this and inherit it; the lab cache above lives on between runs.
  const scratch = mkdtempSync(join(tmpdir(), 'labkit-test-run-'));
  process.env[SCRATCH_ENV] = scratch;
  process.env.TMPDIR = scratch;
}

/** How many caches of other source trees stay (other checkouts, a branch switched back to). */
const OTHER_CACHES_KEPT = 4;
/** A cache younger than this may belong to a run going on now (another checkout): it stays. */
const IN_USE_MS = 60 * 60_000;

/**
 * Each change to the sources makes a new cache (about 1 MB): without pruning they pile up. Keeps
 * the current one (touched, so it counts as used), the most recently used others, and any used
 * within the hour; removes the rest, unfinished builds of dead runs included.
 */
export function pruneLabCaches(root: string, current: string): void {
  const now = new Date();
  utimesSync(current, now, now);
  const others = readdirSync(root)
    .map((name) => join(root, name))
    .filter((path) => path !== current)
    .map((path) => ({ path, usedMs: statSync(path).mtimeMs }))
    .sort((a, b) => b.usedMs - a.usedMs);
  for (const { path, usedMs } of others.slice(OTHER_CACHES_KEPT)) {
    if (now.getTime() - usedMs > IN_USE_MS) rmSync(path, { recursive: true, force: true });
  }
}

/** The environment variable naming the run's temporary directory (for global-teardown.ts). */
export const SCRATCH_ENV = 'LABKIT_TEST_SCRATCH';
