import type { Target } from '../lab/catalogue';
import { emulatorPort, LOCAL_REGION, type LocalClientConfig, localClientConfig } from './local-endpoint';

/**
 * What one command works on, decided once and passed down: the target, where it answers, and what
 * every AWS SDK client, the CDK toolkit and each child process get. Nothing here is written into
 * `process.env`: a child process or the toolkit's thread gets {@link sessionEnvironment}.
 */
export type Session = EmulatorSession | AwsSession;

/** A local emulator on 127.0.0.1: a fixed account, region and dummy keys. */
export interface EmulatorSession {
  readonly kind: 'emulator';
  readonly target: Exclude<Target, 'aws'>;
  readonly port: number;
  /** `http://127.0.0.1:<port>`, the endpoint of every service. */
  readonly endpoint: string;
  readonly region: string;
  /** Settings every SDK client gets: the emulator's endpoint, region and the dummy `test` keys. */
  readonly clientConfig: LocalClientConfig;
  /** One line for the user: which emulator answers and where. */
  readonly description: string;
}

/** A real AWS account, reached with the user's own credentials (profile, SSO, environment). */
export interface AwsSession {
  readonly kind: 'aws';
  readonly target: 'aws';
  /** The allowed account the credentials belong to (checked through STS); the stacks are built for it. */
  readonly account?: string;
  /** The region from AWS_REGION / AWS_DEFAULT_REGION; otherwise the SDK finds it in the profile. */
  readonly region?: string;
  /** Nothing set: the SDK's default chain finds the credentials and region, as the AWS CLI does. */
  readonly clientConfig: Record<string, never>;
  readonly description: string;
}

/**
 * The session of an emulator target on the port `LABKIT_EMULATOR_PORT` names (default 4566),
 * without asking what answers there (see lib/operations/session.ts for that).
 */
export function emulatorSession(
  target: Exclude<Target, 'aws'>,
  env: NodeJS.ProcessEnv = process.env,
  description?: string,
): EmulatorSession {
  const port = emulatorPort(env);
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    kind: 'emulator',
    target,
    port,
    endpoint,
    region: LOCAL_REGION,
    clientConfig: localClientConfig(endpoint),
    description: description ?? `${target} on ${endpoint}`,
  };
}

/** The session of a real AWS account (`account`: checked by the caller against the allow-list). */
export function awsSession(
  account?: string,
  env: NodeJS.ProcessEnv = process.env,
  description?: string,
): AwsSession {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
  return {
    kind: 'aws',
    target: 'aws',
    account,
    region,
    clientConfig: {},
    description:
      description ??
      `AWS ${account ? `account ${account}` : '(account not checked)'}, ${region ?? 'profile region'}`,
  };
}

/** The session of `target` with no probe: for tests, scripts and records of a known target. */
export function sessionFor(target: Target, env: NodeJS.ProcessEnv = process.env): Session {
  return target === 'aws' ? awsSession(undefined, env) : emulatorSession(target, env);
}

/** Settings that could reach a real account: never passed to anything aimed at an emulator. */
const ACCOUNT_SETTINGS = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN'];

/**
 * The environment of a process (or thread) that works for this session, built from `base` (not
 * changed). On an emulator: its endpoint, region and dummy keys, and no profile or session token,
 * so that nothing can fall through to a real account; S3 addressed by path, as the emulators need.
 * On AWS: `base` as it is (the user's own credentials and region).
 */
export function sessionEnvironment(
  session: Session,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  if (session.kind === 'aws') return { ...base };
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of ACCOUNT_SETTINGS) delete env[key];
  // A per-service endpoint (AWS_ENDPOINT_URL_S3=...) would win over the emulator's.
  for (const key of Object.keys(env)) if (key.startsWith('AWS_ENDPOINT_URL_')) delete env[key];
  return {
    ...env,
    AWS_ENDPOINT_URL: session.endpoint,
    AWS_ACCESS_KEY_ID: 'test',
    AWS_SECRET_ACCESS_KEY: 'test',
    AWS_REGION: session.region,
    AWS_DEFAULT_REGION: session.region,
    LABKIT_EMULATOR_PORT: String(session.port),
    CDK_S3_FORCE_PATH_STYLE: 'true',
  };
}
