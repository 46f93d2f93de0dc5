/**
 * lab-06 experiments: objects written to the data bucket through the S3 API, read back by version,
 * from the replica bucket, from the uploads queue, and through presigned URLs.
 *
 * - A delete in a versioned bucket adds a delete marker; every earlier version stays readable by id,
 *   and an overwrite is read back at once (strong read-after-write consistency).
 * - A deleted object comes back by deleting its delete marker, or by copying an old version on top.
 * - Puts that do not ask for SSE-KMS, and plain-HTTP requests, are refused by the bucket policy
 *   (where the target evaluates bucket policies).
 * - Objects are stored under the lab's KMS key; the bucket's default encryption uses a bucket key.
 * - Block Public Access refuses a bucket policy that would make objects public.
 * - A new object under `replicated/` appears in the replica bucket; one written while replication
 *   was off does not, and neither does one outside the prefix. A delete in the source leaves the
 *   replica alone (delete markers are not replicated).
 * - Each object created under `incoming/` sends one event to the uploads queue.
 * - A presigned URL works for anyone until it expires, then is refused.
 * - The lifecycle rules (read back: transitions take days).
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { refusePlainHttp, refuseUnencryptedPut } from './bucket-policy-refusals';
import { deleteMarkerKeepsVersions } from './delete-marker-keeps-versions';
import { defaultEncryption, encryptWithLabKey } from './encryption';
import { lifecycleRules } from './lifecycle-rules';
import { notifyPerPut } from './notify-per-put';
import { presignedUrl } from './presigned-url';
import { refusePublicPolicy } from './refuse-public-policy';
import { keepReplicaOnDelete, replicateNewObjects } from './replication';
import { restoreVersion } from './restore-version';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  deleteMarkerKeepsVersions,
  restoreVersion,
  encryptWithLabKey,
  defaultEncryption,
  refuseUnencryptedPut,
  refusePlainHttp,
  refusePublicPolicy,
  replicateNewObjects,
  keepReplicaOnDelete,
  notifyPerPut,
  presignedUrl,
  lifecycleRules,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
