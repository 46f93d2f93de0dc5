import { DeleteObjectCommand, GetBucketVersioningCommand } from '@aws-sdk/client-s3';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { putEncrypted, readObject, s3Of, versionsOf } from './bucket-helpers';

export const deleteMarkerKeepsVersions: Experiment<Output> = {
  name: 'Delete a versioned object: a marker hides it, every version stays',
  fact:
    'In a versioned bucket a delete without a version id adds a delete marker: a plain GET answers 404, every ' +
    'earlier version stays readable by its id, and an overwrite is read back at once',
  proof: 'behaviour',
  measures: ['readAfterOverwrite', 'readAfterDelete', 'versionsKept'],
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const key = `docs/${newRunId('report')}.txt`;
    const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    const first = await putEncrypted(context, s3, bucket, key, 'first draft');
    const second = await putEncrypted(context, s3, bucket, key, 'final');
    const readAfterOverwrite = await readObject(s3, bucket, key);
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    const readAfterDelete = await readObject(s3, bucket, key);
    const firstById = await readObject(s3, bucket, key, first.VersionId);
    const secondById = await readObject(s3, bucket, key, second.VersionId);
    const { versions, markers } = await versionsOf(s3, bucket, key);
    const latestMarker = markers.find((m) => m.IsLatest);
    // The first part of the fact that does not hold, if any.
    const because =
      readAfterOverwrite !== 'final'
        ? 'stale-read'
        : deleted.DeleteMarker !== true || readAfterDelete !== '404'
          ? 'no-delete-marker'
          : firstById !== 'first draft' || secondById !== 'final' || versions.length !== 2
            ? 'versions-lost'
            : markers.length !== 1 || latestMarker?.VersionId !== deleted.VersionId || Status !== 'Enabled'
              ? 'marker-listing'
              : '';
    const ok = because === '';
    return withMeasurements(
      expectThat(
        ok,
        `versioning ${Status ?? 'never enabled'}; read right after the overwrite: "${readAfterOverwrite}"; ` +
          `delete answered DeleteMarker=${deleted.DeleteMarker ?? false}; plain GET then: ${readAfterDelete}; ` +
          `by version id: "${firstById}", "${secondById}"; ${versions.length} versions and ${markers.length} ` +
          `delete marker(s) listed${latestMarker ? ', the marker is the latest' : ''}`,
        'versioning Enabled; "final" at once; DeleteMarker=true; GET 404; both versions readable by id; 2 versions + 1 latest marker',
        because,
      ),
      { readAfterOverwrite, readAfterDelete, versionsKept: versions.length },
    );
  },
};
