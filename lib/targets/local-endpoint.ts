import { LabInputError } from '../core/errors';

/**
 * Where the local emulator listens and the fixed identity every local target uses.
 *
 * The kit never lets a local deploy pick up the user's real credentials: every SDK client and the
 * CDK toolkit get the emulator's endpoint and the dummy `test` keys (see lib/targets/session.ts).
 */

/** The account id MiniStack and LocalStack report. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_REGION = 'us-east-1';
export const DEFAULT_EMULATOR_PORT = 4566;

/** Port of the local emulator: `LABKIT_EMULATOR_PORT`, default 4566. */
export function emulatorPort(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.LABKIT_EMULATOR_PORT;
  if (raw === undefined || raw === '') return DEFAULT_EMULATOR_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LabInputError(
      `LABKIT_EMULATOR_PORT=${raw} is not a port number: use 1-65535 (for example LABKIT_EMULATOR_PORT=4567), or unset it for 4566`,
    );
  }
  return port;
}

/**
 * Whether an endpoint URL is on this machine (127.0.0.0/8, `localhost`, `[::1]`). Any other
 * endpoint counts as AWS for the allow-list: a proxy or a VPC endpoint reaches real accounts.
 */
export function isLoopbackEndpoint(url: string | undefined): boolean {
  return !!url && /^https?:\/\/(127(\.\d{1,3}){3}|localhost|\[::1\])(:\d+)?(\/|$)/i.test(url.trim());
}

/** Base URL of the local emulator, always on loopback. */
export function emulatorUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `http://127.0.0.1:${emulatorPort(env)}`;
}

/** SDK client settings for a local target: endpoint, region and dummy credentials. */
// A type, not an interface: it must fit where a client config is a Record<string, unknown>.
export type LocalClientConfig = {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
};

/** Settings for an SDK client of the emulator at `endpoint` (default: the port LABKIT_EMULATOR_PORT names). */
export function localClientConfig(endpoint = emulatorUrl()): LocalClientConfig {
  return {
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}
