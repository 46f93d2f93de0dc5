import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { LabInputError } from '../../core/errors';
import { ensurePrivateDir, writePrivateFile } from '../../core/paths';
import { withStateLock } from '../../core/state-lock';
import type { PinnedVenvPaths, Progress } from './emulator';
import { NO_BYTECODE_IN_SOURCES } from './environment';

/*
 * Installing a pinned Python tool (a host emulator, cfn-lint): a project-local venv made by a Python
 * found on PATH, the pinned packages from a hash-pinned requirements file, then the tool's
 * after-install script.
 */

const execFileAsync = promisify(execFile);

/** Finds a Python >= `minimum` on PATH, or explains how to get one. */
export function findPython(
  candidates = ['python3', 'python'],
  minimum: readonly [number, number] = [3, 10],
  forWhat = 'MiniStack',
  otherwise = `use Docker: docker compose --profile ${forWhat.toLowerCase()} up -d`,
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
      `with its venv module (Debian/Ubuntu: sudo apt install python3 python3-venv), or ${otherwise}`,
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
export function venvState(paths: PinnedVenvPaths): VenvState {
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
 * Installs the pinned emulator (or other tool) into a project-local virtual environment (`.labs/<id>/venv`) from
 * its hash-pinned requirements file: every package and version fixed, nothing resolved; then runs
 * its after-install script (patches, plugins). A second call finds it there and does nothing; a
 * venv from an older kit (no stamp, or another one) is upgraded in place; a half-built one is
 * rebuilt; a failed build is removed. Holds the `<id>-venv` lock: the venv is shared by every port.
 */
export async function installHostEmulator(progress: Progress, paths: PinnedVenvPaths): Promise<void> {
  ensurePrivateDir(paths.stateDir);
  ensurePrivateDir(paths.dir);
  await withStateLock(`${paths.emulator.id}-venv`, () => installUnlocked(progress, paths), {
    stateDir: paths.stateDir,
    onWait: progress,
  });
}

async function installUnlocked(progress: Progress, paths: PinnedVenvPaths): Promise<void> {
  const { emulator } = paths;
  const state = venvState(paths);
  if (state === 'ready') return;
  if (state === 'broken') {
    progress(`${paths.venv} is incomplete (an earlier install failed or was interrupted): rebuilding it`);
    rmSync(paths.venv, { recursive: true, force: true });
  }
  if (state === 'missing' || state === 'broken') {
    const python = findPython(undefined, emulator.minimumPython, emulator.name, emulator.withoutPython);
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
