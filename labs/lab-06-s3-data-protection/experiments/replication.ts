import {
  DeleteBucketReplicationCommand,
  DeleteObjectCommand,
  GetBucketReplicationCommand,
  PutBucketReplicationCommand,
  type ReplicationConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { headOf, putEncrypted, REPLICATED_PREFIX, readObject, s3Of } from './bucket-helpers';

/**
 * How long to wait for a replica: S3 replicates most objects within seconds but promises 15 minutes
 * only with Replication Time Control; an emulator copies at once, so waiting longer there only slows
 * the miswired runs down.
 */
const replicationDeadlineMs = (context: ExperimentContext<Output>) =>
  context.target === 'aws' ? 15 * 60_000 : 15_000;

/** The bucket's replication configuration, or `undefined` when it has none. */
async function replicationOf(s3: S3Client, bucket: string): Promise<ReplicationConfiguration | undefined> {
  try {
    return (await s3.send(new GetBucketReplicationCommand({ Bucket: bucket }))).ReplicationConfiguration;
  } catch (error) {
    if ((error as Error).name === 'ReplicationConfigurationNotFoundError') return undefined;
    throw error;
  }
}

export const replicateNewObjects: Experiment<Output> = {
  name: 'Replicate new objects, not those written before replication was on',
  fact:
    'Replication (versioning on both buckets) copies objects created after the rule exists and matching its ' +
    'filter; objects written earlier are not copied (S3 Batch Replication does that)',
  proof: 'behaviour',
  measures: ['replicatedAfter', 'replicatedBefore'],
  mustFailWhen: {
    swapOutputs: ['DataBucketName', 'ReplicaBucketName'],
    why: 'the replica bucket has no replication rule: an object written there never reaches the data bucket',
    failsBecause: 'not-replicated',
  },
  async run(context) {
    const s3 = s3Of(context);
    const source = outputOf(context, 'DataBucketName');
    const replica = outputOf(context, 'ReplicaBucketName');
    const run = newRunId('repl');
    // A bucket without a rule (ReplicationConfigurationNotFoundError) still gets the puts: what is
    // observed is whether they are copied, not whether a rule can be read.
    const config = await replicationOf(s3, source);
    const before = `${REPLICATED_PREFIX}${run}/before.txt`;
    const after = `${REPLICATED_PREFIX}${run}/after.txt`;
    const outside = `docs/${run}/outside.txt`;
    // Replication off for one put, then the same configuration back before anything else.
    if (config) await s3.send(new DeleteBucketReplicationCommand({ Bucket: source }));
    try {
      await putEncrypted(context, s3, source, before, 'written while replication was off');
    } finally {
      if (config)
        await s3.send(new PutBucketReplicationCommand({ Bucket: source, ReplicationConfiguration: config }));
    }
    await putEncrypted(context, s3, source, after, 'written with replication on');
    await putEncrypted(context, s3, source, outside, 'outside the prefix');
    const started = Date.now();
    const replicaOfAfter = await pollUntil(replicationDeadlineMs(context), 1000, async () => {
      context.progress(`waiting for the replica of ${after}`);
      return headOf(s3, replica, after);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // The later object has arrived: anything still missing was never going to be copied.
    const replicaOfBefore = await headOf(s3, replica, before);
    const replicaOfOutside = await headOf(s3, replica, outside);
    const sourceAfter = await headOf(s3, source, after);
    const sourceBefore = await headOf(s3, source, before);
    const ok =
      replicaOfAfter?.ReplicationStatus === 'REPLICA' &&
      replicaOfAfter.ServerSideEncryption === 'aws:kms' &&
      sourceAfter?.ReplicationStatus === 'COMPLETED' &&
      replicaOfBefore === undefined &&
      sourceBefore?.ReplicationStatus === undefined &&
      replicaOfOutside === undefined;
    return withMeasurements(
      expectThat(
        ok,
        `written after: ${replicaOfAfter ? `in the replica after ${seconds} s (${replicaOfAfter.ReplicationStatus}, ${replicaOfAfter.ServerSideEncryption})` : `not in the replica after ${seconds} s`}, source status ${sourceAfter?.ReplicationStatus ?? 'none'}; ` +
          `written before: ${replicaOfBefore ? 'in the replica' : 'not in the replica'}, source status ${sourceBefore?.ReplicationStatus ?? 'none'}; ` +
          `outside ${REPLICATED_PREFIX}: ${replicaOfOutside ? 'in the replica' : 'not in the replica'}`,
        'after: a REPLICA under SSE-KMS, source COMPLETED; before and outside: not copied, no status',
        !replicaOfAfter
          ? 'not-replicated'
          : replicaOfBefore
            ? 'earlier-object-copied'
            : replicaOfOutside
              ? 'outside-prefix-copied'
              : 'replica-status',
      ),
      { replicatedAfter: replicaOfAfter ? 'yes' : 'no', replicatedBefore: replicaOfBefore ? 'yes' : 'no' },
    );
  },
};

export const keepReplicaOnDelete: Experiment<Output> = {
  name: 'Keep the replica when the source object is deleted',
  fact:
    'Delete markers are not replicated unless the rule turns DeleteMarkerReplication on, and a delete of a ' +
    'specific version never is: the replica keeps what a mistaken or malicious delete removed from the source',
  proof: 'behaviour',
  measures: ['replicaAfterSourceDelete'],
  async run(context) {
    const s3 = s3Of(context);
    const source = outputOf(context, 'DataBucketName');
    const replica = outputOf(context, 'ReplicaBucketName');
    const key = `${REPLICATED_PREFIX}${newRunId('kept')}.txt`;
    await putEncrypted(context, s3, source, key, 'keep me');
    const started = Date.now();
    const replicated = await pollUntil(replicationDeadlineMs(context), 1000, async () => {
      context.progress(`waiting for the replica of ${key}`);
      return headOf(s3, replica, key);
    });
    if (!replicated)
      return fail(
        `${key} never reached the replica bucket, so there is nothing to keep`,
        `${key} copied to the replica bucket`,
        'not-replicated',
      );
    const replicationMs = Date.now() - started;
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: source, Key: key }));
    // A replicated marker would arrive about as fast as the object did: wait twice that (at least 3 s).
    await sleep(Math.max(3000, 2 * replicationMs));
    const sourceRead = await readObject(s3, source, key);
    const replicaRead = await readObject(s3, replica, key);
    const kept = replicaRead === 'keep me';
    return withMeasurements(
      expectThat(
        deleted.DeleteMarker === true && sourceRead === '404' && kept,
        `deleted in the source (delete marker ${deleted.DeleteMarker ?? false}, GET ${sourceRead}); ` +
          `the replica, ${((Date.now() - started) / 1000).toFixed(1)} s after the put: ` +
          `${kept ? `still serves "${replicaRead}"` : `GET ${replicaRead}`}`,
        'source GET 404, the replica still serves "keep me"',
        kept ? 'source-not-deleted' : 'replica-deleted',
      ),
      { replicaAfterSourceDelete: kept ? 'kept' : 'deleted' },
    );
  },
};
