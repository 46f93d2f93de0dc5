import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { heldStateLocks } from '../../core/state-lock';
import { emulatorPort } from '../local-endpoint';
import { isAlive } from './processes';

/** Name of the lock that serializes starting and stopping the emulator on one port. */
export function emulatorLockName(port = emulatorPort()): string {
  return `emulator-${port}`;
}

/**
 * Name of the lock a `labs deploy` holds while it works on the emulator on `port` (one per process,
 * so deploys never wait for each other): `labs down` refuses while one is held.
 */
export function deployLockName(port = emulatorPort(), pid = process.pid): string {
  return `${deployLockPrefix(port)}${pid}`;
}

function deployLockPrefix(port: number): string {
  return `deploy-${port}-`;
}

/**
 * The pids of the `labs deploy` processes using the emulator on `port`: their lock is fresh, or it
 * is named for a process still alive (a synchronous synth can block the lock's refresh past its
 * staleness). The lock of a process that is gone is removed: it is the kit's, named for that pid.
 */
export async function deployingPids(port: number, stateDir: string): Promise<string[]> {
  const prefix = deployLockPrefix(port);
  const fresh = new Set(await heldStateLocks(prefix, stateDir));
  const pids: string[] = [];
  for (const entry of readdirSync(stateDir)) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.lock')) continue;
    const name = entry.slice(0, -'.lock'.length);
    const pid = Number(name.slice(prefix.length));
    if (fresh.has(name) || (Number.isSafeInteger(pid) && pid > 0 && isAlive(pid))) pids.push(String(pid));
    else rmSync(join(stateDir, entry), { recursive: true, force: true });
  }
  return pids;
}
