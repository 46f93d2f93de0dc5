/** lab-13's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'KeyArn',
  'EnvelopeFunctionName',
  'EnvelopeRoleArn',
  'GrantId',
  'ParameterPath',
  'SecureParameterName',
  'ConfigReaderFunctionName',
  'SecretArn',
  'RotationFunctionName',
  'AnalystRoleArn',
  'DeveloperRoleArn',
  'TeamBlueRoleArn',
  'TeamGreenRoleArn',
  'TeamParameterPrefixArn',
] as const;

/** The name of one of lab-13's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
