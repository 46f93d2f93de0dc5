import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import type { HostEmulatorPaths } from './emulator';

/*
 * Which process is the kit's emulator: a pid file can outlive its process, and its pid can then
 * belong to anything, so a pid is only acted on when its command line is the kit's emulator.
 */

export function readPid(paths: HostEmulatorPaths): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's process (never ours to signal).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process, or undefined when it cannot be read. */
export function processCommandLine(pid: number): string[] | undefined {
  try {
    if (process.platform === 'linux') {
      const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const args = raw.split('\0');
      if (args.at(-1) === '') args.pop();
      return args.length > 0 ? args : undefined;
    }
    const out = execFileSync('ps', ['-o', 'command=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out ? [out] : undefined;
  } catch {
    return undefined;
  }
}

/** The value of GATEWAY_PORT a Linux process was started with (for emulators an older kit started). */
function gatewayPortOf(pid: number): string | undefined {
  try {
    const env = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
    return env.find((entry) => entry.startsWith('GATEWAY_PORT='))?.slice('GATEWAY_PORT='.length);
  } catch {
    return undefined;
  }
}

/**
 * Which emulator the kit started for this port `pid` is: `guarded` (the venv's python running the
 * launcher with `--port <port>`), `legacy` (a MiniStack started by an older kit: `-m ministack` with that
 * GATEWAY_PORT, no request guard), or undefined when it is not the kit's emulator at all. A pid
 * file can outlive its process, and the pid can then belong to anything.
 */
export function kitEmulatorKind(
  pid: number,
  paths: HostEmulatorPaths,
  port: number,
): 'guarded' | 'legacy' | undefined {
  const args = processCommandLine(pid);
  if (!args) return undefined;
  const line = args.join(' ');
  // A macOS framework Python re-executes itself, so its command line may not show the venv.
  const fromVenv = line.includes(paths.venv) || process.platform === 'darwin';
  if (!fromVenv) return undefined;
  if (line.includes(paths.emulator.launcher)) {
    const hasPort =
      args.length > 1
        ? args.some((arg, i) => arg === '--port' && args[i + 1] === String(port))
        : line.includes(`--port ${port}`);
    return hasPort ? 'guarded' : undefined;
  }
  if (paths.emulator.id === 'ministack' && /(^|\s)-m ministack(\s|$)/.test(line)) {
    if (process.platform !== 'linux') return 'legacy';
    return (gatewayPortOf(pid) ?? '4566') === String(port) ? 'legacy' : undefined;
  }
  return undefined;
}

/**
 * The kit's emulator for this port found without its pid file (Linux): a process of this user that
 * leads its own process group (the kit starts it detached) and whose command line is the venv's
 * python running the launcher with `--port <port>`. Undefined when there is none, or elsewhere.
 */
export function findKitEmulatorProcess(paths: HostEmulatorPaths, port: number): number | undefined {
  if (process.platform !== 'linux') return undefined;
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const uid = process.getuid?.();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (statSync(`/proc/${pid}`).uid !== uid) continue;
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== pid) continue;
    } catch {
      continue; // gone meanwhile
    }
    if (kitEmulatorKind(pid, paths, port) === 'guarded') return pid;
  }
  return undefined;
}

/** True when `pid` is the emulator the kit started for this port (see {@link kitEmulatorKind}). */
export function isKitEmulator(pid: number, paths: HostEmulatorPaths, port: number): boolean {
  return kitEmulatorKind(pid, paths, port) !== undefined;
}

/** The pid in the pid file when it is the kit's emulator for this port. */
export function kitPid(paths: HostEmulatorPaths, port: number): number | undefined {
  const pid = readPid(paths);
  return pid !== undefined && isKitEmulator(pid, paths, port) ? pid : undefined;
}
