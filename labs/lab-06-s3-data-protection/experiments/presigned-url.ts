import { GetObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { putEncrypted, s3Of } from './bucket-helpers';

/** How long the presigned URL lives: long enough for one request, short enough to wait out. */
const PRESIGN_SECONDS = 3;

export const presignedUrl: Experiment<Output> = {
  name: 'Share an object with a presigned URL until it expires',
  fact:
    'A presigned URL carries its signer’s permission and an expiry: anyone can GET the object with it, and S3 ' +
    'refuses it (403) once X-Amz-Expires has passed',
  proof: 'behaviour',
  measures: ['beforeExpiry', 'afterExpiry'],
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const key = `docs/${newRunId('shared')}.txt`;
    await putEncrypted(context, s3, bucket, key, 'shared for a moment');
    const signedAt = new Date();
    // The signer's credentials and the expiry go into the query string (SigV4, X-Amz-Expires).
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: PRESIGN_SECONDS,
      signingDate: signedAt,
    });
    // A plain HTTP client with no AWS credentials: the URL is all it has.
    const first = await fetch(url);
    const firstBody = await first.text();
    await sleep(Math.max(0, signedAt.getTime() + (PRESIGN_SECONDS + 2) * 1000 - Date.now()));
    const late = await fetch(url);
    const lateBody = await late.text();
    const lateCode = /<Code>([^<]+)<\/Code>/.exec(lateBody)?.[1] ?? '';
    const lateMessage = /<Message>([^<]+)<\/Message>/.exec(lateBody)?.[1] ?? '';
    return withMeasurements(
      expectThat(
        first.status === 200 && firstBody === 'shared for a moment' && late.status === 403,
        `at once: ${first.status} "${first.status === 200 ? firstBody : firstBody.slice(0, 80)}"; ` +
          `${PRESIGN_SECONDS + 2} s after signing (expiry ${PRESIGN_SECONDS} s): ${late.status} ${lateCode} ${lateMessage}`.trim(),
        '200 with the object, then 403 (Request has expired)',
        first.status !== 200 || firstBody !== 'shared for a moment' ? 'url-refused' : 'served-after-expiry',
      ),
      { beforeExpiry: first.status, afterExpiry: late.status },
    );
  },
};
