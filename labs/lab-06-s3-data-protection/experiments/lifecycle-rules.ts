import { GetBucketLifecycleConfigurationCommand, type LifecycleRule } from '@aws-sdk/client-s3';
import { type Experiment, expectThat, fail, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { s3Of } from './bucket-helpers';

export const lifecycleRules: Experiment<Output> = {
  name: 'Read the lifecycle rules',
  fact:
    'Lifecycle rules move current objects to Standard-IA after 30 days and Glacier Flexible Retrieval after 90, ' +
    'move noncurrent versions to Glacier Instant Retrieval after 30 days and expire them after 60 (keeping the ' +
    'newest 3), and clean up incomplete multipart uploads and lone delete markers',
  // Transitions run days after the fact; reading the rules back is all a lab session can do.
  proof: 'configuration',
  mustFailWhen: {
    replaceOutput: ['DataBucketName', 'ReplicaBucketName'],
    why: 'the replica bucket has one rule (noncurrent versions expire after 30 days): none of the tiering',
    failsBecause: 'rules',
  },
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    let all: LifecycleRule[];
    try {
      all = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    } catch (error) {
      return fail(
        `no lifecycle configuration (${(error as Error).name})`,
        'a lifecycle configuration on the bucket',
        'no-lifecycle',
      );
    }
    const enabled = all.filter((r) => r.Status === 'Enabled');
    const transitions = enabled.flatMap((r) => r.Transitions ?? []).map((t) => `${t.StorageClass}@${t.Days}`);
    const noncurrentTransitions = enabled
      .flatMap((r) => r.NoncurrentVersionTransitions ?? [])
      .map((t) => `${t.StorageClass}@${t.NoncurrentDays}`);
    const expiry = enabled.find((r) => r.NoncurrentVersionExpiration)?.NoncurrentVersionExpiration;
    const abort = enabled.find((r) => r.AbortIncompleteMultipartUpload)?.AbortIncompleteMultipartUpload;
    const markers = enabled.some((r) => r.Expiration?.ExpiredObjectDeleteMarker === true);
    const ok =
      transitions.includes('STANDARD_IA@30') &&
      transitions.includes('GLACIER@90') &&
      noncurrentTransitions.includes('GLACIER_IR@30') &&
      expiry?.NoncurrentDays === 60 &&
      expiry.NewerNoncurrentVersions === 3 &&
      abort?.DaysAfterInitiation === 7 &&
      markers;
    return expectThat(
      ok,
      `${enabled.length} enabled rules; current: ${transitions.join(', ') || 'no transitions'}; noncurrent: ` +
        `${noncurrentTransitions.join(', ') || 'no transitions'}, expire after ${expiry?.NoncurrentDays ?? '-'} days ` +
        `keeping ${expiry?.NewerNoncurrentVersions ?? '-'}; incomplete uploads aborted after ` +
        `${abort?.DaysAfterInitiation ?? '-'} days; lone delete markers removed: ${markers}`,
      'STANDARD_IA@30, GLACIER@90; noncurrent GLACIER_IR@30, expire after 60 keeping 3; abort after 7; markers removed',
      'rules',
    );
  },
};
