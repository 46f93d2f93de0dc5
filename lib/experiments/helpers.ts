/** Small tools the labs' experiments share. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Unique per verify run (`<tag>-<time>-<random>`), so a second run never reads the first run's data. */
export const newRunId = (tag: string) =>
  `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/**
 * Calls `attempt` every `intervalMs` until it returns a value or `deadlineMs` passes; returns the
 * value, or `undefined` when the deadline passed (the caller reports what it saw instead).
 */
export async function pollUntil<T>(
  deadlineMs: number,
  intervalMs: number,
  attempt: () => Promise<T | undefined>,
): Promise<T | undefined> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const result = await attempt();
    if (result !== undefined || Date.now() >= deadline) return result;
    await sleep(intervalMs);
  }
}
