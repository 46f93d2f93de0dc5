/** lab-11's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'StreamName',
  'ResultsTableName',
  'FailedBatchesQueueUrl',
  'ConsumerFunctionName',
  'DeliveryStreamName',
  'ArchiveBucketName',
] as const;

/** The name of one of lab-11's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
