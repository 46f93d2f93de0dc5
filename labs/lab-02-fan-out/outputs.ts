/** lab-02's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'OrdersTopicArn',
  'OrdersFifoTopicArn',
  'AlertsTopicArn',
  'BillingQueueUrl',
  'EuAnalyticsQueueUrl',
  'FulfilmentQueueUrl',
  'FulfilmentDeadLetterQueueUrl',
  'BillingDeadLetterQueueUrl',
  'LargeOrdersQueueUrl',
  'LedgerQueueUrl',
  'FulfilledOrdersTableName',
  'FulfilmentFunctionName',
] as const;

/** The name of one of lab-02's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
