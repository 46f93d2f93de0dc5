import { connect } from 'node:net';

/** What answers on the emulator port. */
export type EmulatorProbe =
  | {
      readonly kind: 'ministack';
      readonly version: string;
      /** Started with AUTH=true (its health says `auth: enabled`): SigV4 checked, IAM evaluated. */
      readonly iamEnforced: boolean;
    }
  | { readonly kind: 'localstack'; readonly version: string }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'other'; readonly detail: string };

async function getJson(url: string, timeoutMs: number): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: undefined };
  }
}

function portAcceptsConnections(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(true)); // something accepted and then stayed silent
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function versionOf(body: unknown): string {
  const version = (body as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' ? version : 'unknown version';
}

/**
 * Finds out what listens on an emulator URL: MiniStack, LocalStack, nothing, or something else that
 * must not be used. Both emulators answer `/_localstack/health` quickly with the same shape, so that
 * question decides "an emulator or not"; only MiniStack answers `/_ministack/health`. LocalStack
 * routes that unknown path to its S3 provider, which it loads on first use (several seconds): the
 * second question gets a longer limit, and a slow or failed answer there means LocalStack, not
 * "something else".
 */
export async function probeEmulator(baseUrl: string, timeoutMs = 2000): Promise<EmulatorProbe> {
  const { hostname, port } = new URL(baseUrl);
  if (!(await portAcceptsConnections(hostname, Number(port), timeoutMs))) return { kind: 'nothing' };
  let local: { status: number; body: unknown };
  try {
    local = await getJson(`${baseUrl}/_localstack/health`, timeoutMs);
  } catch (error) {
    return { kind: 'other', detail: (error as Error).message };
  }
  if (local.status !== 200 || !(local.body as { services?: unknown })?.services) {
    return { kind: 'other', detail: `HTTP ${local.status} from /_localstack/health` };
  }
  try {
    const mini = await getJson(
      `${baseUrl}/_ministack/health`,
      Math.max(timeoutMs, MINISTACK_HEALTH_TIMEOUT_MS),
    );
    if (mini.status === 200 && (mini.body as { services?: unknown })?.services) {
      const iamEnforced = (mini.body as { auth?: unknown }).auth === 'enabled';
      return { kind: 'ministack', version: versionOf(mini.body), iamEnforced };
    }
  } catch {
    // LocalStack still loading its S3 provider: not MiniStack either way.
  }
  return { kind: 'localstack', version: versionOf(local.body) };
}

/** How long `/_ministack/health` may take once `/_localstack/health` has answered. */
export const MINISTACK_HEALTH_TIMEOUT_MS = 10_000;

export function describeProbe(probe: EmulatorProbe): string {
  switch (probe.kind) {
    case 'ministack':
      return `MiniStack ${probe.version}${probe.iamEnforced ? '' : ' (IAM not enforced: started without AUTH=true)'}`;
    case 'localstack':
      return `LocalStack ${probe.version}`;
    case 'nothing':
      return 'nothing';
    case 'other':
      return `something that is not an emulator (${probe.detail})`;
  }
}
