import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabInputError } from '../errors';
import { STATE_DIR } from '../paths';
import { describeProbe, type EmulatorProbe, probeEmulator } from './emulator-probe';
import { emulatorPort, emulatorUrl } from './local-endpoint';

/** The MiniStack release the kit is tested against (PyPI `ministack`). */
export const MINISTACK_VERSION = '1.5.33';
const MINIMUM_PYTHON: [number, number] = [3, 10];

/** Files the kit keeps for its MiniStack host process, all under `.labs/ministack/`. */
export interface MiniStackPaths {
  readonly dir: string;
  readonly venv: string;
  readonly python: string;
  readonly log: string;
  readonly pidFile: string;
}

/** The venv is shared; the log and pid file are per port, so two emulators can run side by side. */
export function miniStackPaths(stateDir = STATE_DIR, port = emulatorPort()): MiniStackPaths {
  const dir = join(stateDir, 'ministack');
  const venv = join(dir, 'venv');
  return {
    dir,
    venv,
    python: join(venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python'),
    log: join(dir, `ministack-${port}.log`),
    pidFile: join(dir, `ministack-${port}.pid`),
  };
}

/** Receives one line of progress at a time. */
export type Progress = (line: string) => void;

/** Finds a Python >= 3.10 on PATH, or explains how to get one. */
export function findPython(candidates = ['python3', 'python']): { command: string; version: string } {
  for (const command of candidates) {
    try {
      const out = execFileSync(command, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const match = /Python (\d+)\.(\d+)\.(\d+)/.exec(out);
      if (!match) continue;
      const [major, minor] = [Number(match[1]), Number(match[2])];
      if (major > MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor >= MINIMUM_PYTHON[1])) {
        return { command, version: `${match[1]}.${match[2]}.${match[3]}` };
      }
    } catch {
      // not on PATH: try the next name
    }
  }
  throw new LabInputError(
    `Python ${MINIMUM_PYTHON.join('.')} or newer was not found on PATH (MiniStack runs on it): install python3 ` +
      'with its venv module (Debian/Ubuntu: sudo apt install python3 python3-venv), or use Docker: ' +
      'docker compose --profile ministack up -d',
  );
}

function installedVersion(paths: MiniStackPaths): string | undefined {
  if (!existsSync(paths.python)) return undefined;
  try {
    return execFileSync(
      paths.python,
      ['-c', 'import importlib.metadata as m; print(m.version("ministack"))'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
    ).trim();
  } catch {
    return undefined;
  }
}

function run(command: string, args: string[], what: string): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    const lastLine = stderr.split('\n').filter(Boolean).pop() ?? (error as Error).message;
    throw new LabInputError(`${what} failed: ${lastLine}`);
  }
}

/**
 * Installs the pinned MiniStack into a project-local virtual environment (`.labs/ministack/venv`).
 * A second call finds it there and does nothing.
 */
export function installMiniStack(progress: Progress, paths = miniStackPaths()): void {
  const found = installedVersion(paths);
  if (found === MINISTACK_VERSION) return;
  const python = findPython();
  mkdirSync(paths.dir, { recursive: true });
  if (!existsSync(paths.python)) {
    progress(`creating a Python ${python.version} virtual environment in ${paths.venv}`);
    run(python.command, ['-m', 'venv', paths.venv], `python3 -m venv ${paths.venv}`);
  }
  progress(
    `installing ministack==${MINISTACK_VERSION} from PyPI${found ? ` (replacing ${found})` : ''} (about 30 s once)`,
  );
  run(
    paths.python,
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `ministack==${MINISTACK_VERSION}`],
    `pip install ministack==${MINISTACK_VERSION}`,
  );
}

function readPid(paths: MiniStackPaths): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 5): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
 * MiniStack if needed and starts it as a detached host process bound to 127.0.0.1, logging to
 * `.labs/ministack/ministack.log`.
 */
export async function startEmulator(
  progress: Progress,
  options: { paths?: MiniStackPaths; healthTimeoutMs?: number } = {},
): Promise<EmulatorStart> {
  const paths = options.paths ?? miniStackPaths();
  const url = emulatorUrl();
  const existing = await probeEmulator(url);
  if (existing.kind === 'ministack' || existing.kind === 'localstack') {
    return { probe: existing, startedByKit: false, startSeconds: 0, pid: readPid(paths) };
  }
  if (existing.kind === 'other') {
    throw new LabInputError(
      `port ${emulatorPort()} is held by ${describeProbe(existing)}: stop that program, or pick another port ` +
        'with LABKIT_EMULATOR_PORT=4567',
    );
  }
  installMiniStack(progress, paths);
  progress(`starting MiniStack ${MINISTACK_VERSION} on ${url} (log: ${paths.log})`);
  const log = openSync(paths.log, 'w');
  const started = Date.now();
  let child: ChildProcess;
  try {
    child = spawn(paths.python, ['-m', 'ministack'], {
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        GATEWAY_PORT: String(emulatorPort()),
        BIND_HOST: '127.0.0.1',
        MINISTACK_REGION: 'us-east-1',
        LOG_LEVEL: process.env.LABKIT_EMULATOR_LOG_LEVEL ?? 'INFO',
      },
    });
  } finally {
    closeSync(log);
  }
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });
  child.unref();
  if (child.pid === undefined) throw new LabInputError(`could not start ${paths.python}; see ${paths.log}`);
  writeFileSync(paths.pidFile, String(child.pid));

  const deadline = started + (options.healthTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited !== null) {
      rmSync(paths.pidFile, { force: true });
      throw new LabInputError(
        `MiniStack exited with code ${exited} while starting; last log lines:\n${tail(paths.log)}`,
      );
    }
    const probe = await probeEmulator(url, 1000);
    if (probe.kind === 'ministack') {
      return { probe, startedByKit: true, startSeconds: (Date.now() - started) / 1000, pid: child.pid };
    }
    await sleep(250);
  }
  await stopEmulator(() => {}, paths);
  throw new LabInputError(
    `MiniStack did not become healthy within ${(options.healthTimeoutMs ?? 60_000) / 1000} s; see ${paths.log}`,
  );
}

/** What `stopEmulator` did. */
export type EmulatorStop = 'stopped' | 'not-running' | 'not-ours';

/**
 * Stops the MiniStack process the kit started (found by its pid file). An emulator the kit did not
 * start (a Docker container) is left alone: the caller tells the user how to stop it.
 */
export async function stopEmulator(progress: Progress, paths = miniStackPaths()): Promise<EmulatorStop> {
  const pid = readPid(paths);
  if (pid === undefined || !isAlive(pid)) {
    rmSync(paths.pidFile, { force: true });
    const probe = await probeEmulator(emulatorUrl(), 1000);
    return probe.kind === 'nothing' ? 'not-running' : 'not-ours';
  }
  progress(`stopping MiniStack (pid ${pid})`);
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
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 200) await sleep(200);
  if (isAlive(pid)) signalGroup('SIGKILL');
  rmSync(paths.pidFile, { force: true });
  return 'stopped';
}
