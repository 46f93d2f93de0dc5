import { LabInputError } from '../core/errors';

/** Raised when a deploy or destroy did not finish within its wall-clock limit. */
export class LabTimeoutError extends LabInputError {}

/**
 * Writes one of the kit's records under `.labs/`. A file that cannot be written (read-only, a
 * full disk) is added to `unrecorded` as `what (code path)`; any other error (the emulator
 * stopped) is thrown.
 */
export async function keepRecord(what: string, write: () => unknown, unrecorded: string[]): Promise<void> {
  try {
    await write();
  } catch (error) {
    // A rename names its target as `dest` (`path` is the temporary file).
    const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
    if (path === undefined) throw error;
    unrecorded.push(`${what} (${code ?? 'error'} ${dest ?? path})`);
  }
}

/** True when an error (or one of its causes) is a refused or dropped connection. */
export function isConnectionError(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (
      /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|other side closed/i.test(
        `${String(e.code ?? '')} ${String(e.message ?? '')}`,
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

/** Runs `work` with a wall-clock limit: past it, a LabTimeoutError (the work itself is not stopped). */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LabTimeoutError(`${what} did not finish within ${Math.round(ms / 1000)} s; stopped waiting`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
