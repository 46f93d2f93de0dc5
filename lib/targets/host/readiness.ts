import { setTimeout as sleep } from 'node:timers/promises';
import { type EmulatorProbe, probeEmulator } from '../emulator-probe';
import { emulatorUrl } from '../local-endpoint';
import type { HostEmulator } from './emulator';

/** How a start ended: the emulator answers as itself, its process exited, or the time ran out. */
export type Readiness =
  | { readonly kind: 'healthy'; readonly probe: EmulatorProbe }
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'timeout' };

/**
 * Polls `url` until `emulator` answers there as itself (every 250 ms, each probe given 1 s), until
 * `deadline` (ms since the epoch). `exitCode` is the started process's exit code, null while it runs:
 * a process that died is not waited for.
 */
export async function waitUntilHealthy(
  emulator: HostEmulator,
  url: string,
  deadline: number,
  exitCode: () => number | null,
): Promise<Readiness> {
  while (Date.now() < deadline) {
    const code = exitCode();
    if (code !== null) return { kind: 'exited', code };
    const probe = await probeEmulator(url, 1000);
    if (probe.kind === emulator.id) return { kind: 'healthy', probe };
    await sleep(250);
  }
  return { kind: 'timeout' };
}

/**
 * True when the emulator at `baseUrl` refuses a request carrying a foreign `Origin` (the kit's
 * guard is in front of it). A MiniStack started another way (Docker, `python -m ministack`, an
 * older kit) answers it: any web page the user opens can drive that one. (LocalStack outside the
 * kit refuses origins it does not allow with its own CORS check, with 403 too.)
 */
export async function refusesWebPages(baseUrl = emulatorUrl()): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/_ministack/health`, {
      headers: { Origin: 'https://labkit-guard-check.invalid' },
      signal: AbortSignal.timeout(2000),
    });
    await response.arrayBuffer();
    return response.status === 403;
  } catch {
    return false;
  }
}
