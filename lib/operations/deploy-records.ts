import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, STATE_DIR, writePrivateFile } from '../core/paths';

/**
 * What the kit remembers about a lab's last `labs deploy` on one target: whether it finished. A
 * deploy cut short (Ctrl-C, `--timeout`, the emulator stopping) leaves a stack that may still be
 * changing, and no record of its resources for `labs sweep` (written when the deploy finishes);
 * `status` and `verify` read this record to say so. (Compatibility steps are part of the template,
 * so they are not what is missing.)
 */
export interface DeployRecord {
  readonly lab: string;
  /** `deploying` from the start until every step is done, then `complete`. */
  readonly state: 'deploying' | 'complete';
  readonly startedAt: string;
  readonly finishedAt?: string;
}

/** Records live in `.labs/deploys/<scope>/<lab>.json`; the scope names the target and where it is. */
export class DeployRecords {
  private readonly dir: string;

  /**
   * @param scope the target and its place, e.g. `ministack-4566` or `aws-111122223333-us-east-1`
   * @param stateDir the kit's state directory (default `.labs/`)
   */
  constructor(scope: string, stateDir = STATE_DIR) {
    this.dir = join(stateDir, 'deploys', scope.replace(/[^\w.-]/g, '_'));
  }

  private file(lab: string): string {
    return join(this.dir, `${lab}.json`);
  }

  private write(record: DeployRecord): void {
    ensurePrivateDir(this.dir);
    writePrivateFile(this.file(record.lab), `${JSON.stringify(record, null, 2)}\n`);
  }

  started(lab: string, now = new Date()): void {
    this.write({ lab, state: 'deploying', startedAt: now.toISOString() });
  }

  finished(lab: string, now = new Date()): void {
    const startedAt = this.read(lab)?.startedAt ?? now.toISOString();
    this.write({ lab, state: 'complete', startedAt, finishedAt: now.toISOString() });
  }

  /** The record, or undefined when the kit never deployed the lab here (or destroyed it since). */
  read(lab: string): DeployRecord | undefined {
    try {
      const record = JSON.parse(readFileSync(this.file(lab), 'utf8')) as DeployRecord;
      return record.state === 'deploying' || record.state === 'complete' ? record : undefined;
    } catch {
      return undefined;
    }
  }

  forget(lab: string): void {
    rmSync(this.file(lab), { force: true });
  }

  /**
   * One line saying that the last deploy of `lab` did not finish and what to run, or undefined when
   * it finished (or was never started by the kit).
   */
  unfinished(lab: string, targetFlag = ''): string | undefined {
    const record = this.read(lab);
    if (record?.state !== 'deploying') return undefined;
    return (
      `the deploy of ${lab} started at ${record.startedAt} did not finish (interrupted, timed out or the ` +
      `emulator stopped), so the stack may still be changing and the kit has not recorded its resources: run npx labs deploy ${lab}${targetFlag} ` +
      `again, or npx labs destroy ${lab}${targetFlag}`
    );
  }
}
