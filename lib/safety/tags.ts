/**
 * Tag keys the kit puts on everything it creates. A leftover scan or a sweep finds a lab's
 * resources by these keys, so they are part of the kit's contract: change them only with care.
 */
export const TAG_KEYS = {
  /** The lab id, for example `lab-03`. */
  lab: 'labkit:lab',
  /** The kit version that deployed the resource. */
  kitVersion: 'labkit:version',
  /** When the lab should be torn down (ISO 8601), or `none` when no expiry is set. */
  expiresAt: 'labkit:expires-at',
} as const;

/** Value of the expiry tag until a target sets a real expiry. */
export const NO_EXPIRY = 'none';
