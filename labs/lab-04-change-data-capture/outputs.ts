/** lab-04's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'OrdersTableName',
  'AuditTableName',
  'FailedRecordsQueueUrl',
  'AuditWriterFunctionName',
] as const;

/** The name of one of lab-04's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
