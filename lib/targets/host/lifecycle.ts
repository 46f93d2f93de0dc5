import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { LabInputError } from '../../core/errors';
import { ensurePrivateDir, openPrivateFile, writePrivateFile } from '../../core/paths';
import { withStateLock } from '../../core/state-lock';
import { describeProbe, type EmulatorProbe, probeEmulator } from '../emulator-probe';
import { ensureFunctionNode } from '../function-node';
import { emulatorPort, emulatorUrl } from '../local-endpoint';
import type { HostEmulatorPaths, Progress } from './emulator';
import { emulatorEnvironment, emulatorTmpDir } from './environment';
import { installHostEmulator } from './install';
import { deployingPids, emulatorLockName } from './locks';
import {
  findKitEmulatorProcess,
  isAlive,
  isKitEmulator,
  kitEmulatorKind,
  kitPid,
  readPid,
} from './processes';
import { waitUntilHealthy } from './readiness';

function tail(file: string, lines = 5): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

/** What `startEmulator` found or did. */
export interface EmulatorStart {
  /** What answers on the port now. */
  readonly probe: EmulatorProbe;
  /** True when the kit started the process; false when an emulator was already listening. */
  readonly startedByKit: boolean;
  /** Seconds from spawn to healthy (0 when it was already running). */
  readonly startSeconds: number;
  readonly pid?: number;
}

/**
 * Makes sure an emulator answers on the emulator port. Reuses whatever emulator already listens
 * there (the user's LocalStack or MiniStack container, or an earlier `labs up`); otherwise installs
 * the emulator of `paths` if needed and starts it as a detached host process bound to 127.0.0.1,
 * behind the request guard (its launcher), logging to `.labs/<id>/<id>-<port>.log`.
 * Two commands starting at once are serialized by a lock: the second finds the first one's emulator.
 */
export async function startHostEmulator(
  progress: Progress,
  paths: HostEmulatorPaths,
  options: { healthTimeoutMs?: number } = {},
): Promise<EmulatorStart> {
  const port = emulatorPort();
  ensurePrivateDir(paths.stateDir);
  ensurePrivateDir(paths.dir);
  return withStateLock(
    emulatorLockName(port),
    () => startUnlocked(progress, paths, port, options.healthTimeoutMs),
    {
      stateDir: paths.stateDir,
      onWait: progress,
    },
  );
}

async function startUnlocked(
  progress: Progress,
  paths: HostEmulatorPaths,
  port: number,
  healthTimeoutMs = paths.emulator.healthTimeoutMs,
): Promise<EmulatorStart> {
  const { emulator } = paths;
  const url = emulatorUrl();
  const existing = await probeEmulator(url);
  if (existing.kind === 'ministack' || existing.kind === 'localstack') {
    const pid = kitPid(paths, port);
    if (pid !== undefined && kitEmulatorKind(pid, paths, port) === 'legacy') {
      progress(
        `the MiniStack on port ${port} (pid ${pid}) was started by an older kit without the request guard: ` +
          'any web page can drive it; restart it with npx labs down, then npx labs up (deployed labs are lost)',
      );
    }
    return { probe: existing, startedByKit: false, startSeconds: 0, pid };
  }
  if (existing.kind === 'other') {
    throw new LabInputError(
      `port ${port} is held by ${describeProbe(existing)}: stop that program, or pick another port ` +
        'with LABKIT_EMULATOR_PORT=4567',
    );
  }
  await installHostEmulator(progress, paths);
  // One Node 24 for every state dir of the project (tests start emulators in temporary ones).
  const functionNode = emulator.runsFunctions ? await ensureFunctionNode(progress) : undefined;
  progress(`starting ${emulator.name} ${emulator.version} on ${url} (log: ${paths.log})`);
  ensurePrivateDir(emulatorTmpDir(paths, port));
  const log = openPrivateFile(paths.log);
  const started = Date.now();
  let child: ChildProcess;
  try {
    child = spawn(paths.python, [emulator.launcher, '--port', String(port)], {
      detached: true,
      stdio: ['ignore', log, log],
      env: emulatorEnvironment(port, paths, process.env, functionNode?.binDir),
    });
  } finally {
    closeSync(log);
  }
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  child.once('error', () => {
    exited = -1;
  });
  child.unref();
  if (child.pid === undefined) throw new LabInputError(`could not start ${paths.python}; see ${paths.log}`);
  writePrivateFile(paths.pidFile, String(child.pid));

  const ready = await waitUntilHealthy(emulator, url, started + healthTimeoutMs, () => exited);
  if (ready.kind === 'healthy') {
    return {
      probe: ready.probe,
      startedByKit: true,
      startSeconds: (Date.now() - started) / 1000,
      pid: child.pid,
    };
  }
  if (ready.kind === 'exited') {
    rmSync(paths.pidFile, { force: true });
    throw new LabInputError(
      `${emulator.name} exited with code ${ready.code} while starting; last log lines:\n${tail(paths.log)}`,
    );
  }
  await stopUnlocked(() => {}, paths, port);
  throw new LabInputError(
    `${emulator.name} did not become healthy within ${healthTimeoutMs / 1000} s; see ${paths.log}`,
  );
}

/** What `stopEmulator` did. */
export type EmulatorStop = 'stopped' | 'not-running' | 'not-ours';

/**
 * Stops the emulator process the kit started (found by its pid file, and checked to be that
 * process: a stale pid file is removed, never acted on). An emulator the kit did not start (a
 * Docker container) is left alone: the caller tells the user how to stop it.
 */
export async function stopHostEmulator(progress: Progress, paths: HostEmulatorPaths): Promise<EmulatorStop> {
  const port = emulatorPort();
  ensurePrivateDir(paths.stateDir);
  return withStateLock(
    emulatorLockName(port),
    async () => {
      // Checked under the emulator lock: a deploy that starts after this waits for it in
      // startHostEmulator, then finds no emulator and starts one, instead of losing it halfway.
      const deploys = await deployingPids(port, paths.stateDir);
      if (deploys.length > 0) {
        const pids = deploys.join(', ');
        throw new LabInputError(
          `npx labs deploy (pid ${pids}) is using the emulator on port ${port}: let it finish, or stop it ` +
            'with Ctrl-C, then run npx labs down again',
        );
      }
      return stopUnlocked(progress, paths, port);
    },
    { stateDir: paths.stateDir, onWait: progress },
  );
}

async function stopUnlocked(
  progress: Progress,
  paths: HostEmulatorPaths,
  port: number,
): Promise<EmulatorStop> {
  let pid = readPid(paths);
  if (pid === undefined || !isAlive(pid) || !isKitEmulator(pid, paths, port)) {
    if (pid !== undefined && isAlive(pid)) {
      progress(
        `${paths.pidFile} named pid ${pid}, which is not the kit's ${paths.emulator.name}: removed the stale pid file`,
      );
    }
    rmSync(paths.pidFile, { force: true });
    // The pid file is gone (.labs deleted, say) but the kit's emulator may still run: its command line says so.
    pid = findKitEmulatorProcess(paths, port);
    if (pid === undefined) {
      const probe = await probeEmulator(emulatorUrl(), 1000);
      return probe.kind === 'nothing' ? 'not-running' : 'not-ours';
    }
  }
  progress(`stopping ${paths.emulator.name} (pid ${pid})`);
  // The process leads its own group (detached), so this also ends Lambda workers it spawned.
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  signalGroup('SIGTERM');
  for (let waited = 0; waited < paths.emulator.stopTimeoutMs && isAlive(pid); waited += 200) await sleep(200);
  if (isAlive(pid)) signalGroup('SIGKILL');
  rmSync(paths.pidFile, { force: true });
  rmSync(emulatorTmpDir(paths, port), { recursive: true, force: true });
  return 'stopped';
}
