import { join } from 'node:path';
import { STATE_DIR } from '../../core/paths';
import { emulatorPort } from '../local-endpoint';

/**
 * A Python tool the kit installs into a project-local venv from a hash-pinned requirements file:
 * the host emulators below, and cfn-lint (lib/targets/cfn-lint.ts).
 */
export interface PinnedPythonTool {
  /** The folder under `.labs/` (`.labs/<id>/venv`). */
  readonly id: string;
  /** `MiniStack`, `LocalStack`, `cfn-lint`. */
  readonly name: string;
  /** The pinned release. */
  readonly version: string;
  /** The Python distribution whose installed version must equal `version`. */
  readonly distribution: string;
  /** Every package pinned by version and sha256. */
  readonly requirements: string;
  /** Files whose content decides whether a venv is current (requirements, patches, plugins). */
  readonly stampFiles: readonly string[];
  readonly minimumPython: readonly [number, number];
  /** Extra `pip install` options (e.g. `--only-binary :all:`). */
  readonly pipOptions: readonly string[];
  /** A script the venv's python runs after pip (patches, plugins), if any. */
  readonly afterInstall?: string;
  /** How long the first install takes, for the progress line. */
  readonly installTime: string;
  /** What to do instead when no Python is found (the emulators: their Docker profile). */
  readonly withoutPython?: string;
}

/**
 * An emulator the kit installs and runs as a host process (MiniStack: lib/targets/ministack-host.ts,
 * LocalStack: lib/targets/localstack-host.ts). Both share one lifecycle: a project-local venv
 * installed from a hash-pinned requirements file, a launcher that puts the request guard in front,
 * a clean environment, loopback only, a pid file, a log file, and a lock per port.
 */
export interface HostEmulator extends PinnedPythonTool {
  /** The target it serves, and the folder under `.labs/` (`.labs/<id>/venv`, logs, pid files). */
  readonly id: 'ministack' | 'localstack';
  /** The pinned release (the version its health endpoint reports). */
  readonly version: string;
  /** The Python script the venv's python runs with `--port <port>`. */
  readonly launcher: string;
  /** True when it runs Lambda functions with the `node` first on its PATH. */
  readonly runsFunctions: boolean;
  /** What the emulator itself needs in its environment besides what every one gets. */
  environment(port: number, paths: HostEmulatorPaths, parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** How long a start may take before the kit gives up. */
  readonly healthTimeoutMs: number;
  /** Seconds a SIGTERM may take before SIGKILL. */
  readonly stopTimeoutMs: number;
}

/** Where the kit keeps a pinned Python tool's venv: `.labs/<id>/venv`. */
export interface PinnedVenvPaths {
  readonly emulator: PinnedPythonTool;
  readonly stateDir: string;
  readonly dir: string;
  readonly venv: string;
  readonly python: string;
  /** Hash of the files the venv was installed from (absent: installed the old way). */
  readonly stamp: string;
}

/** Files the kit keeps for one host emulator, all under `.labs/<id>/`. */
export interface HostEmulatorPaths extends PinnedVenvPaths {
  readonly emulator: HostEmulator;
  readonly log: string;
  readonly pidFile: string;
}

/** The venv is shared; the log and pid file are per port, so two emulators can run side by side. */
export function hostEmulatorPaths(
  emulator: HostEmulator,
  stateDir = STATE_DIR,
  port = emulatorPort(),
): HostEmulatorPaths {
  const venvPaths = pinnedVenvPaths(emulator, stateDir);
  return {
    ...venvPaths,
    emulator,
    log: join(venvPaths.dir, `${emulator.id}-${port}.log`),
    pidFile: join(venvPaths.dir, `${emulator.id}-${port}.pid`),
  };
}

/** The venv of a pinned Python tool: `.labs/<id>/venv`, with its stamp. */
export function pinnedVenvPaths(tool: PinnedPythonTool, stateDir = STATE_DIR): PinnedVenvPaths {
  const dir = join(stateDir, tool.id);
  const venv = join(dir, 'venv');
  return {
    emulator: tool,
    stateDir,
    dir,
    venv,
    python: join(venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python'),
    stamp: join(venv, 'labkit-requirements.sha256'),
  };
}

/** Receives one line of progress at a time. */
export type Progress = (line: string) => void;
