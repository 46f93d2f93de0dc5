/** The lab's documented settings the experiments check, and the LocalStack gap several experiments share. */

// The lab's documented settings (labs/lab-11-streaming/stack.ts and the guide), stated here on
// purpose: the experiments check the deployed resources against the guide.
export const SHARD_COUNT = 2;
export const BATCH_SIZE = 100;
export const RETRY_ATTEMPTS = 2;
export const MAX_RECORD_AGE_SECONDS = 3600;
export const BUFFER_SECONDS = 60;
export const BUFFER_MIB = 1;
export const DATA_PREFIX = 'readings/';
/** The mapping's one event filter: records whose JSON data has a `key` field (every reading). */
export const FILTER_PATTERN = { data: { key: [{ exists: true }] } };
