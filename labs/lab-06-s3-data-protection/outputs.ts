/** lab-06's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = ['DataBucketName', 'ReplicaBucketName', 'DataKeyArn', 'UploadsQueueUrl'] as const;

/** The name of one of lab-06's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
