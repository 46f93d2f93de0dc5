/** lab-01's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'MailTopicArn',
  'ServiceUrl',
  'InboxTableName',
  'ForwarderFunctionName',
  'InboxFunctionName',
  'FailedDeliveriesQueueUrl',
  'ServiceSecurityGroupId',
  'ForwarderSecurityGroupId',
  'Recipient',
] as const;

/** The name of one of lab-01's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
