import { DeleteObjectsCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { emptyBucket } from '../../../lambda/lab-07/bucket-emptier/empty';

/** A stand-in S3 with two pages of versions; records what is deleted. */
function fakeS3(pages: { versions: string[]; markers: string[] }[], missing = false) {
  const deleted: string[] = [];
  let listed = 0;
  return {
    deleted,
    send: async (command: unknown) => {
      if (command instanceof ListObjectVersionsCommand) {
        if (missing)
          throw Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket' });
        const page = pages[listed++];
        return {
          Versions: page.versions.map((Key) => ({ Key, VersionId: `${Key}-v` })),
          DeleteMarkers: page.markers.map((Key) => ({ Key, VersionId: `${Key}-m` })),
          IsTruncated: listed < pages.length,
          NextKeyMarker: listed < pages.length ? 'next' : undefined,
          NextVersionIdMarker: listed < pages.length ? 'next-v' : undefined,
        };
      }
      if (command instanceof DeleteObjectsCommand) {
        for (const o of command.input.Delete?.Objects ?? []) deleted.push(`${o.Key}@${o.VersionId}`);
        return { Errors: [] };
      }
      throw new Error('unexpected command');
    },
  };
}

test('deletes every version and delete marker, page by page', async () => {
  const s3 = fakeS3([
    { versions: ['a', 'b'], markers: ['c'] },
    { versions: ['d'], markers: [] },
  ]);
  expect(await emptyBucket(s3 as never, 'site')).toBe(4);
  expect(s3.deleted).toEqual(['a@a-v', 'b@b-v', 'c@c-m', 'd@d-v']);
});

test('a bucket that is already gone counts as empty', async () => {
  expect(await emptyBucket(fakeS3([], true) as never, 'site')).toBe(0);
});
