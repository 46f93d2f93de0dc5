import { join } from 'node:path';
import { STATE_DIR } from '../core/paths';
import { type HostEmulator, type HostEmulatorPaths, hostEmulatorPaths, type Progress } from './host/emulator';
import { installHostEmulator, installStamp } from './host/install';
import { type EmulatorStart, type EmulatorStop, startHostEmulator, stopHostEmulator } from './host/lifecycle';
import { emulatorPort, LOCAL_REGION } from './local-endpoint';
import { MINISTACK_PATCH_APPLIER, patchStampFiles } from './ministack-patches';

export type { Progress } from './host/emulator';
export { emulatorEnvironment, emulatorTmpDir } from './host/environment';
export { checkVenvSupport, findPython, type VenvState, venvState } from './host/install';
export type { EmulatorStart, EmulatorStop } from './host/lifecycle';
export { deployLockName, emulatorLockName } from './host/locks';
export { isKitEmulator, kitEmulatorKind, processCommandLine } from './host/processes';
export { refusesWebPages } from './host/readiness';

/** The MiniStack release the kit is tested against (PyPI `ministack`). */
export const MINISTACK_VERSION = '1.5.33';
/** MiniStack and every package it runs with, pinned by version and sha256. */
export const MINISTACK_REQUIREMENTS = join(__dirname, 'ministack-requirements.txt');
/** Serves MiniStack behind the guard that refuses requests a web page can send. */
export const MINISTACK_LAUNCHER = join(__dirname, 'ministack_launcher.py');

/** MiniStack (MIT) as the kit's host process: the default local target. */
export const MINISTACK: HostEmulator = {
  id: 'ministack',
  name: 'MiniStack',
  version: MINISTACK_VERSION,
  distribution: 'ministack',
  requirements: MINISTACK_REQUIREMENTS,
  // The kit's pinned patches (lib/targets/ministack-patches): a changed patch reinstalls.
  stampFiles: [MINISTACK_REQUIREMENTS, ...patchStampFiles()],
  afterInstall: MINISTACK_PATCH_APPLIER,
  launcher: MINISTACK_LAUNCHER,
  minimumPython: [3, 10],
  pipOptions: ['--only-binary', ':all:'],
  installTime: 'about 30 s',
  runsFunctions: true,
  healthTimeoutMs: 60_000,
  stopTimeoutMs: 10_000,
  // One loopback port: the IoT mTLS and SFTP listeners are off. AUTH=true: MiniStack checks every
  // request's SigV4 signature and evaluates IAM (identity, resource and key policies, boundaries,
  // grants with the kit's patches) for every principal but the root key `test` the kit itself
  // uses; a lab's functions and the roles an experiment assumes are refused what AWS would refuse.
  environment: (port, _paths, parent) => ({
    GATEWAY_PORT: String(port),
    BIND_HOST: '127.0.0.1',
    MINISTACK_REGION: LOCAL_REGION,
    LOG_LEVEL: parent.LABKIT_EMULATOR_LOG_LEVEL ?? 'INFO',
    IOT_MTLS_ENABLED: '0',
    SFTP_ENABLED: '0',
    AUTH: 'true',
  }),
};

/** Files the kit keeps for its MiniStack host process, all under `.labs/ministack/`. */
export type MiniStackPaths = HostEmulatorPaths;

export function miniStackPaths(stateDir = STATE_DIR, port = emulatorPort()): MiniStackPaths {
  return hostEmulatorPaths(MINISTACK, stateDir, port);
}

/** Hash of MiniStack's pinned requirements: a venv stamped with another one is reinstalled. */
export function requirementsHash(): string {
  return installStamp(MINISTACK.stampFiles);
}

/** Installs the pinned MiniStack into `.labs/ministack/venv` (see {@link installHostEmulator}). */
export async function installMiniStack(progress: Progress, paths = miniStackPaths()): Promise<void> {
  await installHostEmulator(progress, paths);
}

/**
 * Makes sure an emulator answers on the emulator port; when none does, starts the kit's MiniStack
 * (or the emulator of `options.paths`) as a guarded host process (see {@link startHostEmulator}).
 */
export async function startEmulator(
  progress: Progress,
  options: { paths?: HostEmulatorPaths; healthTimeoutMs?: number } = {},
): Promise<EmulatorStart> {
  const paths = options.paths ?? miniStackPaths(STATE_DIR, emulatorPort());
  return startHostEmulator(progress, paths, options);
}

/** Stops the kit's MiniStack on the emulator port, or the emulator of `paths` (see {@link stopHostEmulator}). */
export async function stopEmulator(progress: Progress, paths?: HostEmulatorPaths): Promise<EmulatorStop> {
  return stopHostEmulator(progress, paths ?? miniStackPaths(STATE_DIR, emulatorPort()));
}
