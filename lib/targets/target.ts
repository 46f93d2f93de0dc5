import { LabInputError } from '../core/errors';
import { TARGETS, type Target } from '../lab/catalogue';
import { isLoopbackEndpoint } from './local-endpoint';

/** Context key that tells the CDK app which target it synthesizes for (compatibility steps read it). */
export const TARGET_CONTEXT_KEY = 'labkit:target';

/** The local targets: emulators on 127.0.0.1. */
export const LOCAL_TARGETS: readonly Target[] = ['ministack', 'localstack'];

export function isLocalTarget(target: Target): boolean {
  return LOCAL_TARGETS.includes(target);
}

/** Parses a `--target` / `-c labkit:target` value. */
export function parseTarget(value: unknown, source = '--target'): Target {
  if (typeof value === 'string' && (TARGETS as readonly string[]).includes(value)) return value as Target;
  throw new LabInputError(`${source} ${String(value)} is not a target; use one of: ${TARGETS.join(', ')}`);
}

/**
 * The target a plain `cdk synth|deploy` builds for: the `labkit:target` context value if given;
 * otherwise `ministack` when AWS_ENDPOINT_URL points at this machine (the kit's default emulator),
 * else `aws`.
 */
export function targetFromContext(contextValue: unknown, env: NodeJS.ProcessEnv = process.env): Target {
  if (contextValue !== undefined) return parseTarget(contextValue, `-c ${TARGET_CONTEXT_KEY}=`);
  if (isLoopbackEndpoint(env.AWS_ENDPOINT_URL)) return 'ministack';
  return 'aws';
}
