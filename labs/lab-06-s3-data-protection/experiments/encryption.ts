import { GetBucketEncryptionCommand } from '@aws-sdk/client-s3';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { headOf, putEncrypted, readObject, s3Of } from './bucket-helpers';

export const encryptWithLabKey: Experiment<Output> = {
  name: 'Store objects under the lab KMS key, read them back decrypted',
  fact:
    'SSE-KMS encrypts each object under the named KMS key; S3 decrypts on GET for a caller who may use the key, ' +
    'and HeadObject shows the key',
  proof: 'behaviour',
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const keyArn = outputOf(context, 'DataKeyArn');
    const key = `docs/${newRunId('sse')}.txt`;
    await putEncrypted(context, s3, bucket, key, 'confidential');
    const head = await headOf(s3, bucket, key);
    const body = await readObject(s3, bucket, key);
    return expectThat(
      head?.ServerSideEncryption === 'aws:kms' && head.SSEKMSKeyId === keyArn && body === 'confidential',
      `stored with ${head?.ServerSideEncryption ?? 'no encryption'} under ${head?.SSEKMSKeyId ?? 'no key'}; ` +
        `GET returned "${body}"`,
      `aws:kms under ${keyArn}; "confidential" back`,
      body === 'confidential' ? 'not-under-lab-key' : 'not-decrypted',
    );
  },
};

export const defaultEncryption: Experiment<Output> = {
  name: 'Read the default encryption: SSE-KMS with a bucket key',
  fact:
    "Default encryption applies SSE-KMS with the lab's key to any put that names none; the S3 Bucket Key cuts " +
    'the KMS requests (and their cost) by using a bucket-level data key',
  proof: 'configuration',
  async run(context) {
    const s3 = s3Of(context);
    const keyArn = outputOf(context, 'DataKeyArn');
    const lines: string[] = [];
    let ok = true;
    const buckets = {
      data: outputOf(context, 'DataBucketName'),
      replica: outputOf(context, 'ReplicaBucketName'),
    };
    for (const [name, bucket] of Object.entries(buckets)) {
      const { ServerSideEncryptionConfiguration } = await s3.send(
        new GetBucketEncryptionCommand({ Bucket: bucket }),
      );
      const rule = ServerSideEncryptionConfiguration?.Rules?.[0];
      const byDefault = rule?.ApplyServerSideEncryptionByDefault;
      ok &&=
        byDefault?.SSEAlgorithm === 'aws:kms' &&
        byDefault.KMSMasterKeyID === keyArn &&
        rule?.BucketKeyEnabled === true;
      lines.push(
        `${name} bucket: ${byDefault?.SSEAlgorithm ?? 'none'} with ${byDefault?.KMSMasterKeyID ?? 'no key'}, bucket key ${rule?.BucketKeyEnabled ?? false}`,
      );
    }
    return expectThat(
      ok,
      lines.join('; '),
      `aws:kms with ${keyArn} and a bucket key on both buckets`,
      'default-encryption',
    );
  },
};
