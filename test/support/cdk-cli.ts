import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';

export interface CdkRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the project's CDK CLI (what `npx cdk` runs) as a learner's shell would, but with nothing of
 * this machine's AWS setup: no AWS_/CDK_/LABKIT_ variables, no config or credentials files, no
 * instance metadata, a fresh CLI home (no cached account), no notices, telemetry or version check,
 * and no built-in template validation (about 3 s; not what these tests are about). `env` adds the
 * credentials and endpoints of the test. `dir` holds the CLI homes (the caller removes it).
 * `limitMs`: the CLI is killed after that long (one that goes on to deploy may retry for minutes).
 */
export function runCdk(
  args: string[],
  env: Record<string, string>,
  dir: string,
  limitMs?: number,
): Promise<CdkRun> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(AWS_|CDK_|LABKIT_|JEST_|NODE_ENV$|HTTPS?_PROXY$|https?_proxy$)/.test(key),
    ),
  );
  const child = spawn(process.execPath, [require.resolve('aws-cdk/bin/cdk'), ...args, '--no-notices'], {
    cwd: PROJECT_ROOT,
    env: {
      ...clean,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      CDK_HOME: mkdtempSync(join(dir, 'cdk-home-')),
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      CDK_VALIDATION: 'false',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const limit = limitMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    }),
  );
}
