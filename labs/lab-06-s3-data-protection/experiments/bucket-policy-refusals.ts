import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, newRunId, refusalOf } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { putEncrypted, readObject, s3Of } from './bucket-helpers';

export const refuseUnencryptedPut: Experiment<Output> = {
  name: 'Refuse a put that does not ask for SSE-KMS',
  fact:
    'A bucket policy Deny on s3:PutObject with StringNotEquals s3:x-amz-server-side-encryption aws:kms refuses a ' +
    'put without the header (a missing key makes StringNotEquals true) and one asking for SSE-S3',
  proof: 'behaviour',
  measures: ['putWithoutHeader'],
  mustFailWhen: {
    replaceOutput: ['DataBucketName', 'ReplicaBucketName'],
    why: 'the replica bucket has no policy on encryption headers: its default encryption takes the put',
    failsBecause: 'put-not-refused',
  },
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const key = `docs/${newRunId('unencrypted')}.txt`;
    const withoutHeader = await refusalOf(() =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'no header' })),
    );
    const withSseS3 = await refusalOf(() =>
      s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'aes', ServerSideEncryption: 'AES256' }),
      ),
    );
    const withSseKms = await refusalOf(() => putEncrypted(context, s3, bucket, key, 'kms'));
    // The policy's refusal: AccessDenied (HTTP 403). Any other error is not the Deny at work.
    const refused = (refusal: typeof withoutHeader) => isRefusal(refusal, ['AccessDenied']);
    return withMeasurements(
      expectThat(
        refused(withoutHeader) && refused(withSseS3) && withSseKms === undefined,
        `no encryption header: ${describeRefusal(withoutHeader)}; AES256: ${describeRefusal(withSseS3)}; ` +
          `aws:kms with the lab key: ${describeRefusal(withSseKms)}`,
        'the first two refused (AccessDenied), the SSE-KMS put accepted',
        !refused(withoutHeader) || !refused(withSseS3) ? 'put-not-refused' : 'kms-put-refused',
      ),
      { putWithoutHeader: refused(withoutHeader) ? 'refused' : 'accepted' },
    );
  },
};

const EMULATOR_HTTP =
  'serves plain HTTP only and sets no aws:SecureTransport, so the TLS condition cannot be observed (every request ' +
  'the kit sends there is plain HTTP and is served).';
const MINISTACK_HTTP =
  'The kit’s MiniStack listens on one plain-HTTP port and counts every signed request as sent over TLS (its guard ' +
  'sets X-Forwarded-Proto: https, from which MiniStack takes aws:SecureTransport, as the SDKs there stand for ' +
  'clients of AWS’s HTTPS endpoints): no request reaches it the way a plain-HTTP one reaches S3, so the refusal ' +
  'cannot be observed there.';

export const refusePlainHttp: Experiment<Output> = {
  name: 'Refuse a plain-HTTP request',
  fact: 'A bucket policy Deny on aws:SecureTransport false refuses every request that does not use TLS',
  proof: 'behaviour',
  skipOn: { ministack: MINISTACK_HTTP, localstack: `LocalStack on the host ${EMULATOR_HTTP}` },
  async run(context) {
    const bucket = outputOf(context, 'DataBucketName');
    const key = `docs/${newRunId('tls')}.txt`;
    await putEncrypted(context, s3Of(context), bucket, key, 'over TLS');
    const region = await s3Of(context).config.region();
    const plain = new S3Client({
      ...context.clientConfig,
      endpoint: `http://s3.${region}.amazonaws.com`,
      forcePathStyle: true,
    });
    const overHttp = await refusalOf(() => plain.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    const overHttps = await readObject(s3Of(context), bucket, key);
    const httpRefused = isRefusal(overHttp, ['AccessDenied']);
    return expectThat(
      httpRefused && overHttps === 'over TLS',
      `GET over http://: ${describeRefusal(overHttp)}; the same GET over https://: "${overHttps}"`,
      'http refused (AccessDenied), https served',
      httpRefused ? 'https-not-served' : 'http-not-refused',
    );
  },
};
