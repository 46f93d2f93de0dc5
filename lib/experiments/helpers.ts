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

/** Why a service refused a call: the error's name, its HTTP status when the SDK reports one. */
export interface Refusal {
  readonly name: string;
  readonly status?: number;
  readonly message: string;
}

/** The refusal a call met, or `undefined` when the service accepted it. */
export async function refusalOf(call: () => Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await call();
    return undefined;
  } catch (error) {
    const { name, message, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name, message, ...($metadata?.httpStatusCode ? { status: $metadata.httpStatusCode } : {}) };
  }
}

/**
 * Whether a refusal is one the fact names: an error name (`AccessDeniedException`) or an HTTP status
 * (`403`). A refusal for any other reason (a missing resource, a typo) is not the fact's refusal.
 */
export const isRefusal = (refusal: Refusal | undefined, expected: readonly (string | number)[]): boolean =>
  refusal !== undefined &&
  expected.some((code) => code === refusal.name || (refusal.status !== undefined && code === refusal.status));

/** `refused (Name, HTTP 403)`, or `accepted`: how experiments report a refusal they observed. */
export const describeRefusal = (refusal: Refusal | undefined): string =>
  refusal ? `refused (${refusal.name}${refusal.status ? `, HTTP ${refusal.status}` : ''})` : 'accepted';
