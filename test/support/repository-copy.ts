import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';

/**
 * A copy of the repository's files as git sees them (tracked, and new files not ignored) in a
 * temporary directory, with node_modules linked rather than copied: end-to-end tests change files
 * there (a new lab, a challenge's fault) without touching the work tree.
 */
export function copyRepository(prefix: string): string {
  const copy = mkdtempSync(join(tmpdir(), prefix));
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    try {
      cpSync(join(PROJECT_ROOT, file), join(copy, file));
    } catch (error) {
      // A file deleted in the work tree but not yet in the index: not part of the copy.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  return copy;
}

/** A command's exit code and its output (stdout then stderr). */
export interface CommandRun {
  readonly status: number | null;
  readonly output: string;
}

/** Runs a command in a directory; never throws for a non-zero exit. */
export function runIn(
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): CommandRun {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}
