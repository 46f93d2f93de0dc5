import { S3Client } from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCustomResource } from '../../kit/custom-resource-response';
import { emptyBucket } from './empty';

// On an emulator the endpoint is a loopback URL, where bucket names cannot be host names.
const s3 = new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });

/**
 * Custom resource next to the site bucket: on Delete it empties the bucket, so that CloudFormation
 * can delete it; Create and Update do nothing. Always answers the response URL.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  const bucket = String(event.ResourceProperties.BucketName);
  await answerCustomResource(event, `emptying bucket ${bucket} failed`, async () => {
    if (event.RequestType === 'Delete') {
      const deleted = await emptyBucket(s3, bucket);
      console.log(`deleted ${deleted} object version(s) from ${bucket}`);
    }
    return `empty-on-delete-${bucket}`;
  });
}
