import { join, resolve } from 'node:path';

/** The repository root (this file lives in lib/). */
export const PROJECT_ROOT = resolve(__dirname, '..');

/** Kit-managed local state (emulator venv, logs, pid files); git-ignored. */
export const STATE_DIR = join(PROJECT_ROOT, '.labs');
