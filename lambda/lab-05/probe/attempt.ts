import * as http from 'node:http';
import * as https from 'node:https';

/** One connection to try: a URL (http or https) and how long to wait for any answer. */
export interface ProbeTarget {
  readonly name: string;
  readonly url: string;
  /** @default 5000 */
  readonly timeoutMs?: number;
}

/** What one attempt saw: an HTTP answer (any status means the network path works), or why not. */
export interface ProbeResult {
  readonly name: string;
  readonly url: string;
  readonly reached: boolean;
  readonly status?: number;
  /** `timeout` (packets dropped on the way: no route, a NACL deny, no public IP), or the error code. */
  readonly error?: string;
  readonly ms: number;
}

/** Reads the probe's event: a list of targets; anything else is refused with the reason. */
export function parseTargets(event: unknown): ProbeTarget[] {
  const targets = (event as { targets?: unknown } | undefined)?.targets;
  if (!Array.isArray(targets) || targets.length === 0)
    throw new Error('event.targets must be a non-empty list');
  return targets.map((t, i) => {
    const { name, url, timeoutMs } = (t ?? {}) as Record<string, unknown>;
    if (typeof name !== 'string' || typeof url !== 'string' || !/^https?:\/\//.test(url)) {
      throw new Error(`event.targets[${i}] needs a name and an http(s) url`);
    }
    if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || timeoutMs <= 0 || timeoutMs > 20_000)) {
      throw new Error(`event.targets[${i}].timeoutMs must be 1-20000`);
    }
    return { name, url, timeoutMs: timeoutMs as number | undefined };
  });
}

/** One GET of the target's URL; never throws. */
export function attempt(target: ProbeTarget): Promise<ProbeResult> {
  const started = Date.now();
  const timeoutMs = target.timeoutMs ?? 5_000;
  const client = target.url.startsWith('https:') ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: { reached: boolean; status?: number; error?: string }) => {
      if (settled) return;
      settled = true;
      resolve({ name: target.name, url: target.url, ...outcome, ms: Date.now() - started });
    };
    const request = client.get(target.url, { timeout: timeoutMs }, (response) => {
      response.resume();
      done({ reached: true, status: response.statusCode });
      request.destroy();
    });
    request.on('timeout', () => {
      done({ reached: false, error: 'timeout' });
      request.destroy();
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      done({ reached: false, error: error.code ?? error.message }),
    );
  });
}
