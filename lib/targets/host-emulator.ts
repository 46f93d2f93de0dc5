import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { LabInputError } from '../core/errors';
import { ensurePrivateDir, openPrivateFile, STATE_DIR, writePrivateFile } from '../core/paths';
import { heldStateLocks, withStateLock } from '../core/state-lock';
import { describeProbe, type EmulatorProbe, probeEmulator } from './emulator-probe';
import { ensureFunctionNode } from './function-node';
import { emulatorPort, emulatorUrl, LOCAL_REGION } from './local-endpoint';

const execFileAsync = promisify(execFile);

/**
 * An emulator the kit installs and runs as a host process (MiniStack: lib/targets/ministack-host.ts,
 * LocalStack: lib/targets/localstack-host.ts). Both share one lifecycle: a project-local venv
 * installed from a hash-pinned requirements file, a launcher that puts the request guard in front,
 * a clean environment, loopback only, a pid file, a log file, and a lock per port.
 */
export interface HostEmulator {
  /** The target it serves, and the folder under `.labs/` (`.labs/<id>/venv`, logs, pid files). */
  readonly id: 'ministack' | 'localstack';
  /** `MiniStack`, `LocalStack`. */
  readonly name: string;
  /** The pinned release (the version its health endpoint reports). */
  readonly version: string;
  /** The Python distribution whose installed version must equal `version`. */
  readonly distribution: string;
  /** Every package pinned by version and sha256. */
  readonly requirements: string;
  /** Files whose content decides whether a venv is current (requirements, patches, plugins). */
  readonly stampFiles: readonly string[];
  /** The Python script the venv's python runs with `--port <port>`. */
  readonly launcher: string;
  readonly minimumPython: readonly [number, number];
  /** Extra `pip install` options (e.g. `--only-binary :all:`). */
  readonly pipOptions: readonly string[];
  /** A script the venv's python runs after pip (patches, plugins), if any. */
  readonly afterInstall?: string;
  /** How long the first install takes, for the progress line. */
  readonly installTime: string;
  /** True when it runs Lambda functions with the `node` first on its PATH. */
  readonly runsFunctions: boolean;
  /** What the emulator itself needs in its environment besides what every one gets. */
  environment(port: number, paths: HostEmulatorPaths, parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** How long a start may take before the kit gives up. */
  readonly healthTimeoutMs: number;
  /** Seconds a SIGTERM may take before SIGKILL. */
  readonly stopTimeoutMs: number;
}

/** Files the kit keeps for one host emulator, all under `.labs/<id>/`. */
export interface HostEmulatorPaths {
  readonly emulator: HostEmulator;
  readonly stateDir: string;
  readonly dir: string;
  readonly venv: string;
  readonly python: string;
  /** Hash of the files the venv was installed from (absent: installed the old way). */
  readonly stamp: string;
  readonly log: string;
  readonly pidFile: string;
}

/** The venv is shared; the log and pid file are per port, so two emulators can run side by side. */
export function hostEmulatorPaths(
  emulator: HostEmulator,
  stateDir = STATE_DIR,
  port = emulatorPort(),
): HostEmulatorPaths {
  const dir = join(stateDir, emulator.id);
  const venv = join(dir, 'venv');
  return {
    emulator,
    stateDir,
    dir,
    venv,
    python: join(venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python'),
    stamp: join(venv, 'labkit-requirements.sha256'),
    log: join(dir, `${emulator.id}-${port}.log`),
    pidFile: join(dir, `${emulator.id}-${port}.pid`),
  };
}

/** Receives one line of progress at a time. */
export type Progress = (line: string) => void;

/** Finds a Python >= `minimum` on PATH, or explains how to get one. */
export function findPython(
  candidates = ['python3', 'python'],
  minimum: readonly [number, number] = [3, 10],
  forWhat = 'MiniStack',
): { command: string; version: string } {
  for (const command of candidates) {
    try {
      const out = execFileSync(command, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: process.env,
      });
      const match = /Python (\d+)\.(\d+)\.(\d+)/.exec(out);
      if (!match) continue;
      const [major, minor] = [Number(match[1]), Number(match[2])];
      if (major > minimum[0] || (major === minimum[0] && minor >= minimum[1])) {
        return { command, version: `${match[1]}.${match[2]}.${match[3]}` };
      }
    } catch {
      // not on PATH: try the next name
    }
  }
  throw new LabInputError(
    `Python ${minimum.join('.')} or newer was not found on PATH (${forWhat} runs on it): install python3 ` +
      'with its venv module (Debian/Ubuntu: sudo apt install python3 python3-venv), or use Docker: ' +
      `docker compose --profile ${forWhat.toLowerCase()} up -d`,
  );
}

/** The apt package that brings `venv` and `ensurepip` to this Python on Debian/Ubuntu. */
function venvPackageHint(version: string): string {
  const [major, minor] = version.split('.');
  return `sudo apt install python${major}.${minor}-venv`;
}

/**
 * Debian and Ubuntu ship Python without `ensurepip` (package python3.X-venv): `python3 -m venv` then
 * leaves a half-built venv behind. Asking first gives one clear line instead.
 */
export function checkVenvSupport(python: { command: string; version: string }): void {
  try {
    execFileSync(python.command, ['-c', 'import venv, ensurepip'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: process.env,
    });
  } catch {
    throw new LabInputError(
      `${python.command} (Python ${python.version}) cannot create virtual environments (venv/ensurepip missing): ` +
        `install them (Debian/Ubuntu: ${venvPackageHint(python.version)}), then run this again`,
    );
  }
}

/** Hash of the files a venv is installed from: a venv stamped with another one is reinstalled. */
export function installStamp(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(readFileSync(file));
  return hash.digest('hex');
}

/** What the kit finds in its venv. */
export type VenvState = 'missing' | 'broken' | 'outdated' | 'ready';

/**
 * `broken`: a directory without a working Python and pip (creation interrupted, or no ensurepip),
 * rebuilt from scratch. `outdated`: a working venv not installed from the current pinned
 * requirements (an older kit, a changed pin), upgraded in place.
 */
export function venvState(paths: HostEmulatorPaths): VenvState {
  if (!existsSync(paths.venv)) return 'missing';
  if (!existsSync(paths.python)) return 'broken';
  const { emulator } = paths;
  // One short interpreter run (importing the emulator itself would add half a second to every start).
  const check = [
    'import importlib.util as u, importlib.metadata as m',
    'assert u.find_spec("pip")',
    `try:\n    print(m.version("${emulator.distribution}"))\nexcept m.PackageNotFoundError:\n    print("")`,
  ].join('\n');
  let installed: string;
  try {
    installed = execFileSync(paths.python, ['-c', check], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'broken';
  }
  const stamp = existsSync(paths.stamp) ? readFileSync(paths.stamp, 'utf8').trim() : '';
  return stamp === installStamp(emulator.stampFiles) && installed === emulator.version ? 'ready' : 'outdated';
}

/** The whole output of a failed command (pip and venv put the reason last, apt hints mid-way). */
function failureOutput(error: unknown): string[] {
  const output = `${(error as { stderr?: string }).stderr ?? ''}\n${(error as { stdout?: string }).stdout ?? ''}`;
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * Python writes `__pycache__` next to every module it imports: the launchers and LocalStack's plugin
 * live in the kit's source tree (lib/targets), so the venv's python must write none. What is in the
 * venv is byte-compiled at install (pip, install_extras.py: explicit compiles, not affected).
 */
const NO_BYTECODE_IN_SOURCES = { PYTHONDONTWRITEBYTECODE: '1' };

async function run(command: string, args: string[], what: string): Promise<void> {
  try {
    // Asynchronous: a blocked event loop could not keep the state lock fresh.
    await execFileAsync(command, args, {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, ...NO_BYTECODE_IN_SOURCES },
    });
  } catch (error) {
    const lines = failureOutput(error);
    const apt = /apt(?:-get)? install (python3[\d.]*-venv)/.exec(lines.join('\n'));
    if (apt)
      throw new LabInputError(
        `${what} failed: ensurepip is missing (Debian/Ubuntu: sudo apt install ${apt[1]})`,
      );
    throw new LabInputError(
      `${what} failed: ${lines.length > 0 ? lines.slice(-3).join(' | ') : (error as Error).message}`,
    );
  }
}

/**
 * Installs the pinned emulator into a project-local virtual environment (`.labs/<id>/venv`) from
 * its hash-pinned requirements file: every package and version fixed, nothing resolved; then runs
 * its after-install script (patches, plugins). A second call finds it there and does nothing; a
 * venv from an older kit (no stamp, or another one) is upgraded in place; a half-built one is
 * rebuilt; a failed build is removed. Holds the `<id>-venv` lock: the venv is shared by every port.
 */
export async function installHostEmulator(progress: Progress, paths: HostEmulatorPaths): Promise<void> {
  ensurePrivateDir(paths.stateDir);
  ensurePrivateDir(paths.dir);
  await withStateLock(`${paths.emulator.id}-venv`, () => installUnlocked(progress, paths), {
    stateDir: paths.stateDir,
    onWait: progress,
  });
}

async function installUnlocked(progress: Progress, paths: HostEmulatorPaths): Promise<void> {
  const { emulator } = paths;
  const state = venvState(paths);
  if (state === 'ready') return;
  if (state === 'broken') {
    progress(`${paths.venv} is incomplete (an earlier install failed or was interrupted): rebuilding it`);
    rmSync(paths.venv, { recursive: true, force: true });
  }
  if (state === 'missing' || state === 'broken') {
    const python = findPython(undefined, emulator.minimumPython, emulator.name);
    checkVenvSupport(python);
    progress(`creating a Python ${python.version} virtual environment in ${paths.venv}`);
    try {
      await run(python.command, ['-m', 'venv', paths.venv], `${python.command} -m venv ${paths.venv}`);
    } catch (error) {
      rmSync(paths.venv, { recursive: true, force: true });
      throw error;
    }
  }
  progress(
    `installing ${emulator.distribution}==${emulator.version} and its pinned dependencies from PyPI` +
      `${state === 'outdated' ? ' (upgrading the existing environment)' : ''} (${emulator.installTime} once)`,
  );
  try {
    await run(
      paths.python,
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--require-hashes',
        '--no-deps',
        ...emulator.pipOptions,
        '-r',
        emulator.requirements,
      ],
      `pip install ${emulator.distribution}==${emulator.version}`,
    );
    if (emulator.afterInstall) {
      await run(paths.python, [emulator.afterInstall], `${paths.python} ${emulator.afterInstall}`);
    }
  } catch (error) {
    // A venv left half-installed would be taken for a working one by the next run.
    rmSync(paths.venv, { recursive: true, force: true });
    throw error;
  }
  writePrivateFile(paths.stamp, `${installStamp(emulator.stampFiles)}\n`);
}

/** Variables the emulator gets from the user's environment: how to find programs, and nothing else. */
const PASSED_THROUGH = [
  'PATH', // Node functions run with the first `node` on it
  'HOME',
  'TMPDIR',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  // Windows needs these for Python's sockets and for finding programs.
  'SYSTEMROOT',
  'SystemRoot',
  'PATHEXT',
  'TEMP',
  'TMP',
  'USERPROFILE',
];

/**
 * The whole environment of the emulator process. An emulator passes its own environment to the
 * Lambda functions it runs, so it gets no AWS credentials, profile or session of the user: only the
 * dummy `test` keys, and AWS config file paths that do not exist (an SDK inside a function cannot
 * fall back to ~/.aws). What the emulator itself needs comes from its {@link HostEmulator.environment}.
 */
export function emulatorEnvironment(
  port: number,
  paths: HostEmulatorPaths,
  parent: NodeJS.ProcessEnv = process.env,
  functionNodeDir?: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_THROUGH) if (parent[name] !== undefined) env[name] = parent[name];
  // The emulator runs Node functions with the first `node` on its PATH: make that the functions' Node.
  if (functionNodeDir) env.PATH = [functionNodeDir, env.PATH].filter(Boolean).join(delimiter);
  // Function code and temporary files go to TMPDIR: a private one the kit removes on `labs down`.
  env.TMPDIR = emulatorTmpDir(paths, port);
  const noAwsConfig = join(paths.dir, 'no-aws-config');
  return {
    ...env,
    ...paths.emulator.environment(port, paths, parent),
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_CONFIG_FILE: noAwsConfig,
    AWS_SHARED_CREDENTIALS_FILE: noAwsConfig,
    PYTHONUNBUFFERED: '1',
    ...NO_BYTECODE_IN_SOURCES,
  };
}

function readPid(paths: HostEmulatorPaths): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
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

/**
 * True when the emulator at `baseUrl` refuses a request carrying a foreign `Origin` (the kit's
 * guard is in front of it). A MiniStack started another way (Docker, `python -m ministack`, an
 * older kit) answers it: any web page the user opens can drive that one. (LocalStack outside the
 * kit refuses origins it does not allow with its own CORS check, with 403 too.)
 */
export async function refusesWebPages(baseUrl = emulatorUrl()): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/_ministack/health`, {
      headers: { Origin: 'https://labkit-guard-check.invalid' },
      signal: AbortSignal.timeout(2000),
    });
    await response.arrayBuffer();
    return response.status === 403;
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
async function deployingPids(port: number, stateDir: string): Promise<string[]> {
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

function kitPid(paths: HostEmulatorPaths, port: number): number | undefined {
  const pid = readPid(paths);
  return pid !== undefined && isKitEmulator(pid, paths, port) ? pid : undefined;
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

  const deadline = started + healthTimeoutMs;
  while (Date.now() < deadline) {
    if (exited !== null) {
      rmSync(paths.pidFile, { force: true });
      throw new LabInputError(
        `${emulator.name} exited with code ${exited} while starting; last log lines:\n${tail(paths.log)}`,
      );
    }
    const probe = await probeEmulator(url, 1000);
    if (probe.kind === emulator.id) {
      return { probe, startedByKit: true, startSeconds: (Date.now() - started) / 1000, pid: child.pid };
    }
    await sleep(250);
  }
  await stopUnlocked(() => {}, paths, port);
  throw new LabInputError(
    `${emulator.name} did not become healthy within ${healthTimeoutMs / 1000} s; see ${paths.log}`,
  );
}

/** Where the emulator on `port` keeps its temporary files (function code); removed when it stops. */
export function emulatorTmpDir(paths: HostEmulatorPaths, port: number): string {
  return join(paths.dir, `tmp-${port}`);
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
