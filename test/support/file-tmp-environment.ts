import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// jest's own node environment (a dependency of jest), extended rather than replaced.
import { TestEnvironment } from 'jest-environment-node';

/**
 * The test environment of the unit layer: jest's node environment, with a temporary directory of
 * its own for each test file, removed when the file's tests end. aws-cdk-lib puts a cdk.out* there
 * for every App built without an outdir (about 75 per run), and a test that fails half-way leaves
 * its own temp files there too. Set here, outside the test's sandbox, because os.tmpdir() reads
 * the real process.env (a test's process.env is a copy); the workers are threads, each with its
 * own copy of the environment, so it does not reach the other worker. global-teardown.ts checks
 * that nothing else was left in the run's directory.
 */
export default class FileTmpEnvironment extends TestEnvironment {
  private runTmp = '';
  private fileTmp = '';

  override async setup(): Promise<void> {
    await super.setup();
    this.runTmp = tmpdir();
    this.fileTmp = mkdtempSync(join(this.runTmp, 'file-'));
    process.env.TMPDIR = this.fileTmp;
    this.global.process.env.TMPDIR = this.fileTmp;
  }

  override async teardown(): Promise<void> {
    process.env.TMPDIR = this.runTmp;
    // Retries: a child process a test started may still be writing there as the file ends, and a
    // recursive removal racing a new entry fails with ENOTEMPTY (seen once under heavy load).
    rmSync(this.fileTmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    await super.teardown();
  }
}
