import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { LabInputError } from './errors';
import { ensurePrivateDir, PRIVATE_DIR_MODE, STATE_DIR } from './paths';

/** How long a lock survives the process that held it (killed, crashed): then the next one takes it. */
const STALE_MS = 20_000;
/** The holder refreshes its lock this often while it runs. */
const REFRESH_MS = 5_000;
const RETRY_MS = 250;
const DEFAULT_WAIT_MS = 10 * 60_000;

export interface StateLockOptions {
  /** Where the lock lives (default `.labs/`). */
  readonly stateDir?: string;
  /** Give up after waiting this long for another process (default 10 minutes). */
  readonly waitMs?: number;
  /** Told once when another process holds the lock and this one waits. */
  readonly onWait?: (line: string) => void;
}

/** Path of the lock named `name` (a directory while held, as proper-lockfile makes it). */
export function stateLockPath(name: string, stateDir = STATE_DIR): string {
  return join(stateDir, `${name}.lock`);
}

/**
 * The names of the locks starting with `prefix` that a live process holds now (a lock left by a
 * killed process is stale after 20 s and not listed). It only looks: nothing is taken or waited for.
 */
export async function heldStateLocks(prefix: string, stateDir = STATE_DIR): Promise<string[]> {
  let entries: string[];
  try {
    entries = readdirSync(stateDir);
  } catch {
    return [];
  }
  const held: string[] = [];
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.lock')) continue;
    const name = entry.slice(0, -'.lock'.length);
    const locked = await lockfile
      .check(join(stateDir, name), { realpath: false, stale: STALE_MS })
      .catch(() => false);
    if (locked) held.push(name);
  }
  return held;
}

/**
 * Runs `fn` while holding the inter-process lock `name` (under `.labs/`), so that two `labs`
 * commands do not start two emulators or bootstrap twice at once. Other processes wait for it.
 * A lock left by a killed process is taken over after 20 s. Not re-entrant: do not take the same
 * name again inside `fn`.
 */
export async function withStateLock<T>(
  name: string,
  fn: () => Promise<T>,
  options: StateLockOptions = {},
): Promise<T> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`invalid state lock name: ${name}`);
  const stateDir = ensurePrivateDir(options.stateDir ?? STATE_DIR);
  const lockfilePath = stateLockPath(name, stateDir);
  // proper-lockfile keys its bookkeeping by the locked path: one path per name (it need not exist;
  // the lock itself is `<path>.lock`).
  const target = lockfilePath.slice(0, -'.lock'.length);
  const lockOptions = {
    realpath: false,
    stale: STALE_MS,
    update: REFRESH_MS,
    // The default throws from a timer (an uncaught exception). Losing the lock (the event loop was
    // blocked past STALE_MS) is reported by release instead.
    onCompromised: () => {},
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(target, lockOptions);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ELOCKED') throw error;
    options.onWait?.(`waiting for another labs command to finish (it holds ${lockfilePath})`);
    const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
    try {
      release = await lockfile.lock(target, {
        ...lockOptions,
        retries: {
          retries: Math.ceil(waitMs / RETRY_MS),
          factor: 1,
          minTimeout: RETRY_MS,
          maxTimeout: RETRY_MS,
        },
      });
    } catch (retryError) {
      if ((retryError as { code?: string }).code !== 'ELOCKED') throw retryError;
      throw new LabInputError(
        `another labs command has held ${lockfilePath} for over ${Math.round(waitMs / 1000)} s: ` +
          'wait for it to finish or stop it, then run this again',
      );
    }
  }
  try {
    chmodSync(lockfilePath, PRIVATE_DIR_MODE);
  } catch {
    // taken over already: release below reports nothing useful either
  }
  try {
    return await fn();
  } finally {
    await release().catch(() => {
      // compromised (taken over as stale) or already removed: nothing left to release
    });
  }
}
