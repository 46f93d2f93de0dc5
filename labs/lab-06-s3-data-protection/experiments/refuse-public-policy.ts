import {
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  PutBucketPolicyCommand,
} from '@aws-sdk/client-s3';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { acceptedOrRefused } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { s3Of } from './bucket-helpers';

const publicStatement = (bucket: string) => ({
  Sid: 'LabProbePublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});

export const refusePublicPolicy: Experiment<Output> = {
  name: 'Refuse a bucket policy that would make objects public',
  fact:
    'Block Public Access (all four settings on) refuses a bucket policy that grants anyone access; ACLs are ' +
    'disabled (bucket owner enforced)',
  proof: 'behaviour',
  measures: ['publicPolicy'],
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const { PublicAccessBlockConfiguration: block = {} } = await s3.send(
      new GetPublicAccessBlockCommand({ Bucket: bucket }),
    );
    const original = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}';
    const document = JSON.parse(original) as { Statement?: unknown[] };
    const widened = JSON.stringify({
      ...document,
      Statement: [...(document.Statement ?? []), publicStatement(bucket)],
    });
    const attempt = await acceptedOrRefused(() =>
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: widened })),
    );
    // Should the bucket have taken it, put the lab's own policy back at once.
    if (attempt === 'accepted')
      await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: original }));
    const settings = [
      'BlockPublicAcls',
      'IgnorePublicAcls',
      'BlockPublicPolicy',
      'RestrictPublicBuckets',
    ] as const;
    const on = settings.filter((s) => block[s] === true);
    return withMeasurements(
      expectThat(
        attempt.startsWith('refused (AccessDenied') && on.length === settings.length,
        `Block Public Access on: ${on.join(', ') || 'none'}; a policy adding public read: ${attempt}` +
          `${attempt === 'accepted' ? ' (the lab policy was put back)' : ''}`,
        'all four settings on; the public policy refused (AccessDenied)',
        attempt.startsWith('refused (AccessDenied') ? 'block-settings' : 'public-policy-accepted',
      ),
      { publicPolicy: attempt === 'accepted' ? 'accepted' : 'refused' },
    );
  },
};
