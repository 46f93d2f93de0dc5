import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { STATE_DIR } from '../../lib/core/paths';
import { withStateLock } from '../../lib/core/state-lock';

/** The AWS CLI version the end-to-end layer runs the challenges' CLI fixes with (v1: on PyPI). */
export const AWS_CLI_VERSION = '1.46.3';

const run = promisify(execFile);

/**
 * The bin directory of a pinned AWS CLI in its own virtual environment under `.labs/tools/`,
 * installed from PyPI on first use (about 10 s). AWS CLI v2 is not on PyPI; the fixes use only
 * commands and options both versions share. Installed under a lock: CI lanes running side by side
 * may both need it first (the install runs asynchronously so the lock stays fresh meanwhile).
 */
export async function awsCliBin(): Promise<string> {
  const venv = join(STATE_DIR, 'tools', `awscli-${AWS_CLI_VERSION}`);
  const bin = join(venv, 'bin');
  const aws = join(bin, 'aws');
  if (existsSync(aws)) return bin;
  await withStateLock(`awscli-${AWS_CLI_VERSION}-venv`, async () => {
    if (existsSync(aws)) return;
    await run('python3', ['-m', 'venv', '--clear', venv]);
    // --clear: a venv a failed or killed install left behind is started afresh.
    await run(join(bin, 'pip'), [
      'install',
      '--quiet',
      '--disable-pip-version-check',
      `awscli==${AWS_CLI_VERSION}`,
    ]);
  });
  return bin;
}
