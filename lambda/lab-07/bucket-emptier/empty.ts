import {
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  type ListObjectVersionsCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';

/**
 * Deletes every object version and delete marker of a bucket, page by page; returns how many.
 * A bucket that no longer exists counts as empty (a retried delete must not fail the stack).
 */
export async function emptyBucket(s3: Pick<S3Client, 'send'>, bucket: string): Promise<number> {
  let deleted = 0;
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    let page: ListObjectVersionsCommandOutput;
    try {
      page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker, VersionIdMarker }));
    } catch (error) {
      if ((error as Error).name === 'NoSuchBucket') return deleted;
      throw error;
    }
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
      Key: v.Key,
      VersionId: v.VersionId,
    }));
    if (objects.length > 0) {
      const result = await s3.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }),
      );
      const error = result.Errors?.[0];
      if (error)
        throw new Error(`could not delete ${error.Key}: ${error.Code} ${error.Message ?? ''}`.trim());
      deleted += objects.length;
    }
    [KeyMarker, VersionIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextVersionIdMarker] : [];
  } while (KeyMarker !== undefined);
  return deleted;
}
