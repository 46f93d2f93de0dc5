import { CopyObjectCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { putEncrypted, readObject, s3Of, versionsOf } from './bucket-helpers';

export const restoreVersion: Experiment<Output> = {
  name: 'Restore a deleted object two ways',
  fact:
    'Deleting the delete marker brings the last version back; copying an older version onto the key makes it ' +
    'the current one again (as a new version: history is never rewritten)',
  proof: 'behaviour',
  measures: ['afterMarkerRemoved', 'versionsAfterCopyBack'],
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const key = `docs/${newRunId('restore')}.txt`;
    const v1 = await putEncrypted(context, s3, bucket, key, 'v1');
    await putEncrypted(context, s3, bucket, key, 'v2');
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const whileDeleted = await readObject(s3, bucket, key);
    // Undelete: remove the marker itself (a delete with its version id is permanent, and removes only it).
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: marker.VersionId }));
    const afterMarkerRemoved = await readObject(s3, bucket, key);
    // Roll back: copy version 1 onto the key, encrypted like any put.
    const copied = await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: key,
        CopySource: `${bucket}/${encodeURIComponent(key)}?versionId=${v1.VersionId}`,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: outputOf(context, 'DataKeyArn'),
      }),
    );
    const afterCopyBack = await readObject(s3, bucket, key);
    const { versions, markers } = await versionsOf(s3, bucket, key);
    const because =
      whileDeleted !== '404'
        ? 'not-deleted'
        : afterMarkerRemoved !== 'v2'
          ? 'undelete'
          : afterCopyBack !== 'v1'
            ? 'rollback'
            : copied.VersionId === undefined || copied.VersionId === v1.VersionId || versions.length !== 3
              ? 'history-rewritten'
              : markers.length !== 0
                ? 'marker-left'
                : '';
    const ok = because === '';
    return withMeasurements(
      expectThat(
        ok,
        `deleted: GET ${whileDeleted}; marker deleted: "${afterMarkerRemoved}"; version 1 copied back: ` +
          `"${afterCopyBack}" as ${copied.VersionId === v1.VersionId ? 'the same' : 'a new'} version; ` +
          `${versions.length} versions, ${markers.length} delete markers left`,
        'GET 404 while deleted; "v2" after the marker is deleted; "v1" as a new version after the copy; 3 versions, no marker',
        because,
      ),
      { afterMarkerRemoved, versionsAfterCopyBack: versions.length },
    );
  },
};
