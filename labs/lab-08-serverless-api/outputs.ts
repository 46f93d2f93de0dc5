/** lab-08's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'RestApiId',
  'ProdStageName',
  'BetaStageName',
  'GreeterFunctionName',
  'Release1Version',
  'Release2Version',
  'LiveAliasName',
  'NextAliasName',
  'StandardKeyId',
  'TrialKeyId',
  'LimitedFunctionName',
  'ApiCache',
  'StandardPlanId',
  'TrialPlanId',
  'ProdUrl',
  'BetaUrl',
] as const;

/** The name of one of lab-08's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
