import {
  chmodSync,
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file lives in lib/). */
export const PROJECT_ROOT = resolve(__dirname, '..', '..');

/** Kit-managed local state (emulator venv, logs, pid files, locks); git-ignored, private to the user. */
export const STATE_DIR = join(PROJECT_ROOT, '.labs');

/** Mode of every directory the kit keeps its state in: the user only (logs name ports, paths, code). */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of every file the kit writes there (pid files, logs, stamps). */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) readable by the user only, and tightens it when it already
 * exists with a wider mode (a `.labs/` made by an older kit was 0755).
 */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
  return dir;
}

/** Writes a state file readable by the user only (also when it existed with a wider mode). */
export function writePrivateFile(file: string, data: string): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Writes a state file readable by the user only, all or nothing: a temporary file next to it,
 * flushed to disk, then renamed over it. A crash or a full disk leaves the old content (or no
 * file), never a truncated one.
 */
export function writePrivateFileAtomic(file: string, data: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w', PRIVATE_FILE_MODE);
    try {
      fchmodSync(fd, PRIVATE_FILE_MODE);
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // not a file this wrote (a directory in its place): left as it is
    }
    throw error;
  }
}

/** Opens (truncates) a state file for a child process to write, readable by the user only. */
export function openPrivateFile(file: string): number {
  const fd = openSync(file, 'w', PRIVATE_FILE_MODE);
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return fd;
}
