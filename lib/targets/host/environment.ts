import { delimiter, join } from 'node:path';
import { LOCAL_REGION } from '../local-endpoint';
import type { HostEmulatorPaths } from './emulator';

/**
 * Python writes `__pycache__` next to every module it imports: the launchers and LocalStack's plugin
 * live in the kit's source tree (lib/targets), so the venv's python must write none. What is in the
 * venv is byte-compiled at install (pip, install_extras.py: explicit compiles, not affected).
 */
export const NO_BYTECODE_IN_SOURCES = { PYTHONDONTWRITEBYTECODE: '1' };

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

/** Where the emulator on `port` keeps its temporary files (function code); removed when it stops. */
export function emulatorTmpDir(paths: HostEmulatorPaths, port: number): string {
  return join(paths.dir, `tmp-${port}`);
}
