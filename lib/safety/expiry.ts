import { LabInputError } from '../core/errors';

/** How long a lab lives on AWS unless told otherwise. */
export const DEFAULT_TTL_HOURS = 4;

/** Context keys: `labkit:ttl` (`4h`, `90m`, `none`) and `labkit:expiresAt` (ISO time; wins). */
export const TTL_CONTEXT_KEY = 'labkit:ttl';
export const EXPIRES_AT_CONTEXT_KEY = 'labkit:expiresAt';

/** Parses a time to live: `4h`, `90m`, `2` (hours) or `none`. */
export function parseTtl(value: unknown, source = '--ttl'): number | 'none' {
  const text = String(value).trim().toLowerCase();
  if (text === 'none') return 'none';
  const match = /^(\d+(?:\.\d+)?)\s*(h|m)?$/.exec(text);
  const minutes = match ? Number(match[1]) * (match[2] === 'm' ? 1 : 60) : Number.NaN;
  if (!(minutes >= 1 && minutes <= 7 * 24 * 60)) {
    throw new LabInputError(
      `${source} ${String(value)} is not a time to live: use hours or minutes between 1m and 168h (4h, 90m), or none`,
    );
  }
  return minutes;
}

/**
 * When a lab deployed now expires: `labkit:expiresAt` if given, else now + `labkit:ttl`; on AWS the
 * TTL defaults to 4 hours, locally there is no expiry unless a TTL is given. `undefined` = no expiry.
 */
export function resolveExpiry(
  context: { ttl?: unknown; expiresAt?: unknown },
  onAws: boolean,
  now = Date.now(),
): Date | undefined {
  if (context.expiresAt !== undefined) {
    const at = new Date(String(context.expiresAt));
    if (Number.isNaN(at.getTime())) {
      throw new LabInputError(
        `-c ${EXPIRES_AT_CONTEXT_KEY}=${String(context.expiresAt)} is not an ISO 8601 time`,
      );
    }
    // A past expiry would deploy a stack that is already due for deletion: refuse it, in one line.
    if (at.getTime() <= now) {
      throw new LabInputError(
        `-c ${EXPIRES_AT_CONTEXT_KEY}=${String(context.expiresAt)} is in the past: give a later time, or -c ${TTL_CONTEXT_KEY}=4h`,
      );
    }
    return at;
  }
  const ttl =
    context.ttl === undefined
      ? onAws
        ? DEFAULT_TTL_HOURS * 60
        : 'none'
      : parseTtl(context.ttl, `-c ${TTL_CONTEXT_KEY}=`);
  if (ttl === 'none') return undefined;
  // Whole seconds: the schedule expression has no finer unit.
  return new Date(Math.ceil((now + ttl * 60_000) / 1000) * 1000);
}

/** What {@link expiryForRedeploy} decided, and why (for the line the CLI prints). */
export interface RedeployExpiry {
  /** The expiry to deploy with; `undefined` = none. */
  readonly expiresAt: Date | undefined;
  /** True when an already deployed stack's later expiry was kept instead of the new one. */
  readonly keptExisting: boolean;
}

/**
 * The expiry of a redeploy: a stack that is already deployed keeps its `labkit:expires-at` when
 * that is later than the new default, so redeploying a lab (after editing it, say) never cuts its
 * life short. An explicit `--ttl` always wins. `existingTags` are the expires-at tag values of the
 * labs' stacks that are already deployed (`undefined` for a lab not deployed). One run deploys all
 * its labs with one expiry, so the latest one is kept: no lab expires earlier than it would have.
 * A tag of `none` (deployed with `--ttl none`) or an unreadable one is not kept: the new default
 * applies, because every stack on AWS should expire unless the user says otherwise again.
 */
export function expiryForRedeploy(
  requested: Date | undefined,
  existingTags: readonly (string | undefined)[],
  ttlGiven: boolean,
): RedeployExpiry {
  if (ttlGiven || !requested) return { expiresAt: requested, keptExisting: false };
  let latest = requested;
  for (const tag of existingTags) {
    const at = tag === undefined ? Number.NaN : Date.parse(tag);
    if (!Number.isNaN(at) && at > latest.getTime()) latest = new Date(at);
  }
  return { expiresAt: latest, keptExisting: latest !== requested };
}
