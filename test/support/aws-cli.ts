import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_DIR } from '../../lib/core/paths';

/** The AWS CLI version the end-to-end layer runs the challenges' CLI fixes with (v1: on PyPI). */
export const AWS_CLI_VERSION = '1.46.3';

/**
 * The bin directory of a pinned AWS CLI in its own virtual environment under `.labs/tools/`,
 * installed from PyPI on first use (about 10 s). AWS CLI v2 is not on PyPI; the fixes use only
 * commands and options both versions share.
 */
export function awsCliBin(): string {
  const venv = join(STATE_DIR, 'tools', `awscli-${AWS_CLI_VERSION}`);
  const bin = join(venv, 'bin');
  if (!existsSync(join(bin, 'aws'))) {
    execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(
      join(bin, 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', `awscli==${AWS_CLI_VERSION}`],
      {
        stdio: 'inherit',
      },
    );
  }
  return bin;
}
