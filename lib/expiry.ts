import { LabInputError } from './errors';

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
