import { join } from 'node:path';
import { STATE_DIR } from '../../core/paths';
import { emulatorPort } from '../local-endpoint';

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
