/**
 * What a run record must not carry, found by shape: it is written to be committed and pasted into
 * issues. The account id and caller ARN the session found, and the credentials in the environment,
 * are removed by value as well.
 */
const PATTERNS: readonly [RegExp, string][] = [
  // ARNs of every partition (arn:aws:..., arn:aws-cn:..., arn:aws-us-gov:...), up to a delimiter.
  [/arn:aws[a-z-]*:[^\s"'`,;)\]}<>]*/g, '<arn>'],
  // Presigned URLs: the signature, the credential scope (it names the access key) and any token.
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"']+/gi, '$1<redacted>'],
  // Access key ids (long-term AKIA..., temporary ASIA...).
  [/\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g, '<access-key>'],
  // Account ids: twelve digits standing alone (in queue URLs, principals, bucket names).
  [/(?<![\d.])\d{12}(?![\d.])/g, '<account>'],
  // Email addresses (a budget alert address, an SES identity).
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<email>'],
];

/** Values known to be secret here: the session's account and identity, the environment's credentials. */
export function secretValues(
  env: NodeJS.ProcessEnv,
  identity: { account?: string; arn?: string } = {},
): string[] {
  return [
    identity.account,
    identity.arn,
    env.AWS_ACCESS_KEY_ID,
    env.AWS_SECRET_ACCESS_KEY,
    env.AWS_SESSION_TOKEN,
  ].filter((value): value is string => typeof value === 'string' && value.length >= 4);
}

/** The text with every known secret value and everything shaped like an ARN, account, key or address replaced. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  // Shapes first, so that an ARN holding the account id goes whole; then any value left, longest first.
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  for (const secret of [...secrets].sort((a, b) => b.length - a.length))
    out = out.split(secret).join('<redacted>');
  return out;
}

/** A copy of a JSON value with every string (keys too) redacted. */
export function redactValue<T>(value: T, secrets: readonly string[] = []): T {
  if (typeof value === 'string') return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [redactText(key, secrets), redactValue(item, secrets)]),
    ) as T;
  }
  return value;
}
