import type { S3Client } from '@aws-sdk/client-s3';
import { gone, partOf, referencedId } from './support';
import { defineService } from './types';

/** Empties a bucket (every object version and delete marker, page by page) and deletes it. */
async function deleteBucket(s3: S3Client, bucket: string): Promise<void> {
  const { DeleteBucketCommand, DeleteObjectsCommand, ListObjectVersionsCommand } = await import(
    '@aws-sdk/client-s3'
  );
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker, VersionIdMarker }));
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
        throw new Error(`could not empty it: ${error.Key}: ${error.Code} ${error.Message ?? ''}`.trim());
    }
    [KeyMarker, VersionIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextVersionIdMarker] : [];
  } while (KeyMarker !== undefined);
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/** Amazon S3: buckets (emptied, then deleted, by sweep; drawn with their replication and event edges) and bucket policies. */
export const s3 = defineService({
  prefix: 'AWS::S3',
  drawnGrants: 's3',
  types: {
    'AWS::S3::Bucket': {
      price: { usage: 'S3: $0.023 per GB-month + requests' },
      diagram: {
        node: { label: 'S3 bucket', group: 'Storage' },
        edges: (id, props) => {
          const replication = props.ReplicationConfiguration as
            | { Rules?: { Filter?: { Prefix?: string }; Destination?: { Bucket?: unknown } }[] }
            | undefined;
          const notifications = props.NotificationConfiguration as
            | Record<string, { Event?: string; Queue?: unknown; Topic?: unknown; Function?: unknown }[]>
            | undefined;
          const replicated = (replication?.Rules ?? []).flatMap((rule) => {
            const to = referencedId(rule.Destination?.Bucket);
            const prefix = rule.Filter?.Prefix;
            return to ? [{ from: id, to, label: `replicates${prefix ? ` ${prefix}` : ''}` }] : [];
          });
          const notified = Object.values(notifications ?? {})
            .flat()
            .flatMap((n) => {
              const to = referencedId(n.Queue ?? n.Topic ?? n.Function);
              return to ? [{ from: id, to, label: n.Event ?? 'events' }] : [];
            });
          return [...replicated, ...notified];
        },
      },
      leftovers: {
        exists: async (name, config) => {
          const { HeadBucketCommand, S3Client } = await import('@aws-sdk/client-s3');
          return !(await gone(() =>
            new S3Client({ ...config, forcePathStyle: true }).send(new HeadBucketCommand({ Bucket: name })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { ListBucketsCommand, S3Client } = await import('@aws-sdk/client-s3');
          const buckets = await new S3Client({ ...config, forcePathStyle: true }).send(
            new ListBucketsCommand({}),
          );
          return (buckets.Buckets ?? []).filter((b) => namedForLab(b.Name)).map((b) => b.Name ?? '');
        },
      },
      sweep: {
        delete: async ({ id }, { s3 }) => {
          await deleteBucket(s3, id);
          return undefined;
        },
      },
    },
    'AWS::S3::BucketPolicy': {
      price: { free: 'a policy on a bucket' },
      diagram: { hidden: 'who may do what to the bucket: part of the bucket, not a flow' },
      leftovers: { cannotOutlive: partOf('bucket') },
    },
  },
});
