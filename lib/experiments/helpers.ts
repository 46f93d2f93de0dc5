/** Small tools the labs' experiments share. */

import pLimit from 'p-limit';

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

/**
 * `accepted`, or `refused (<error name>)` (with `: <message>` when `detail` is `message`): for
 * experiments whose observation is whether a service takes a request at all.
 */
export async function acceptedOrRefused(
  call: () => Promise<unknown>,
  detail: 'name' | 'message' = 'name',
): Promise<string> {
  try {
    await call();
    return 'accepted';
  } catch (error) {
    const { name, message } = error as Error;
    return `refused (${detail === 'message' ? `${name}: ${message}` : name})`;
  }
}

/**
 * Calls `work` for every item with at most `concurrency` calls in flight (p-limit); the results come
 * back in item order. For experiments that load a service harder than one call at a time.
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const limit = pLimit(concurrency);
  return Promise.all(items.map((item, index) => limit(() => work(item, index))));
}
