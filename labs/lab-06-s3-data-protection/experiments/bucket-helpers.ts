/**
 * What several of lab-06's experiments share: the lab's documented prefixes, the S3 client, an
 * encrypted put, and reading objects, heads and versions back.
 */

import {
  GetObjectCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

// The lab's documented settings (labs/lab-06-s3-data-protection/stack.ts and the guide), stated here
// on purpose: the experiments check the deployed buckets against the guide.
export const REPLICATED_PREFIX = 'replicated/';
export const NOTIFIED_PREFIX = 'incoming/';

export const s3Of = (context: ExperimentContext<Output>) =>
  // Emulators on loopback serve buckets by path; AWS by virtual host.
  clientOf(S3Client, context, { forcePathStyle: 'endpoint' in context.clientConfig });

/** A put that asks for SSE-KMS with the lab's key, as the bucket policy requires. */
export async function putEncrypted(
  context: ExperimentContext<Output>,
  s3: S3Client,
  bucket: string,
  key: string,
  body: string,
) {
  return s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: body,
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: outputOf(context, 'DataKeyArn'),
    }),
  );
}

/** The object's body (of one version when given), or `404` / the error name when it cannot be read. */
export async function readObject(
  s3: S3Client,
  bucket: string,
  key: string,
  versionId?: string,
): Promise<string> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    return (await object.Body?.transformToString()) ?? '';
  } catch (error) {
    const { name, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
    return $metadata?.httpStatusCode === 404 ? '404' : `error ${name}`;
  }
}

/** HeadObject, or undefined when the object is not there. */
export async function headOf(
  s3: S3Client,
  bucket: string,
  key: string,
): Promise<HeadObjectCommandOutput | undefined> {
  try {
    return await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404)
      return undefined;
    throw error;
  }
}

/** The versions and delete markers of exactly one key, newest first. */
export async function versionsOf(s3: S3Client, bucket: string, key: string) {
  const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
  return {
    versions: (page.Versions ?? []).filter((v) => v.Key === key),
    markers: (page.DeleteMarkers ?? []).filter((m) => m.Key === key),
  };
}
