/**
 * lab-06 experiments: objects written to the data bucket through the S3 API, read back by version,
 * from the replica bucket, from the uploads queue, and through presigned URLs.
 *
 * - A delete in a versioned bucket adds a delete marker; every earlier version stays readable by id,
 *   and an overwrite is read back at once (strong read-after-write consistency).
 * - A deleted object comes back by deleting its delete marker, or by copying an old version on top.
 * - Puts that do not ask for SSE-KMS, and plain-HTTP requests, are refused by the bucket policy
 *   (where the target evaluates bucket policies).
 * - Objects are stored under the lab's KMS key; the bucket's default encryption uses a bucket key.
 * - Block Public Access refuses a bucket policy that would make objects public.
 * - A new object under `replicated/` appears in the replica bucket; one written while replication
 *   was off does not, and neither does one outside the prefix. A delete in the source leaves the
 *   replica alone (delete markers are not replicated).
 * - Each object created under `incoming/` sends one event to the uploads queue.
 * - A presigned URL works for anyone until it expires, then is refused.
 * - The lifecycle rules (read back: transitions take days).
 */

import {
  CopyObjectCommand,
  DeleteBucketReplicationCommand,
  DeleteObjectCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketPolicyCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  type LifecycleRule,
  ListObjectVersionsCommand,
  PutBucketPolicyCommand,
  PutBucketReplicationCommand,
  PutObjectCommand,
  type ReplicationConfiguration,
  S3Client,
} from '@aws-sdk/client-s3';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { acceptedOrRefused, newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

// The lab's documented settings (labs/lab-06-s3-data-protection/stack.ts and the guide), stated here
// on purpose: the experiments check the deployed buckets against the guide.
const REPLICATED_PREFIX = 'replicated/';
const NOTIFIED_PREFIX = 'incoming/';

/**
 * How long to wait for a replica: S3 replicates most objects within seconds but promises 15 minutes
 * only with Replication Time Control; an emulator copies at once, so waiting longer there only slows
 * the miswired runs down.
 */
const replicationDeadlineMs = (context: ExperimentContext<Output>) =>
  context.target === 'aws' ? 15 * 60_000 : 15_000;
/** S3 sends an event within seconds of the put. */
const NOTIFICATION_DEADLINE_MS = 30_000;

const s3Of = (context: ExperimentContext<Output>) =>
  // Emulators on loopback serve buckets by path; AWS by virtual host.
  new S3Client({ ...context.clientConfig, forcePathStyle: 'endpoint' in context.clientConfig });

/** A put that asks for SSE-KMS with the lab's key, as the bucket policy requires. */
async function putEncrypted(
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
async function readObject(s3: S3Client, bucket: string, key: string, versionId?: string): Promise<string> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, VersionId: versionId }));
    return (await object.Body?.transformToString()) ?? '';
  } catch (error) {
    const { name, $metadata } = error as Error & { $metadata?: { httpStatusCode?: number } };
    return $metadata?.httpStatusCode === 404 ? '404' : `error ${name}`;
  }
}

/** HeadObject, or undefined when the object is not there. */
async function headOf(
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
async function versionsOf(s3: S3Client, bucket: string, key: string) {
  const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
  return {
    versions: (page.Versions ?? []).filter((v) => v.Key === key),
    markers: (page.DeleteMarkers ?? []).filter((m) => m.Key === key),
  };
}

const deleteMarkerKeepsVersions: Experiment<Output> = {
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
    const ok =
      Status === 'Enabled' &&
      readAfterOverwrite === 'final' &&
      deleted.DeleteMarker === true &&
      readAfterDelete === '404' &&
      firstById === 'first draft' &&
      secondById === 'final' &&
      versions.length === 2 &&
      markers.length === 1 &&
      latestMarker?.VersionId === deleted.VersionId;
    return withMeasurements(
      expectThat(
        ok,
        `versioning ${Status ?? 'never enabled'}; read right after the overwrite: "${readAfterOverwrite}"; ` +
          `delete answered DeleteMarker=${deleted.DeleteMarker ?? false}; plain GET then: ${readAfterDelete}; ` +
          `by version id: "${firstById}", "${secondById}"; ${versions.length} versions and ${markers.length} ` +
          `delete marker(s) listed${latestMarker ? ', the marker is the latest' : ''}`,
        'versioning Enabled; "final" at once; DeleteMarker=true; GET 404; both versions readable by id; 2 versions + 1 latest marker',
      ),
      { readAfterOverwrite, readAfterDelete, versionsKept: versions.length },
    );
  },
};

const restoreVersion: Experiment<Output> = {
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
    const ok =
      whileDeleted === '404' &&
      afterMarkerRemoved === 'v2' &&
      afterCopyBack === 'v1' &&
      copied.VersionId !== undefined &&
      copied.VersionId !== v1.VersionId &&
      versions.length === 3 &&
      markers.length === 0;
    return withMeasurements(
      expectThat(
        ok,
        `deleted: GET ${whileDeleted}; marker deleted: "${afterMarkerRemoved}"; version 1 copied back: ` +
          `"${afterCopyBack}" as ${copied.VersionId === v1.VersionId ? 'the same' : 'a new'} version; ` +
          `${versions.length} versions, ${markers.length} delete markers left`,
        'GET 404 while deleted; "v2" after the marker is deleted; "v1" as a new version after the copy; 3 versions, no marker',
      ),
      { afterMarkerRemoved, versionsAfterCopyBack: versions.length },
    );
  },
};

/** Why the policy experiments cannot observe a refusal on MiniStack. */
const POLICY_ON_MINISTACK =
  'MiniStack 1.5.33 does not apply a bucket policy Deny to the credentials the kit uses (tried: a put without ' +
  'an encryption header and one asking for AES256 were both stored), so the refusal cannot be observed there.';

const refuseUnencryptedPut: Experiment<Output> = {
  name: 'Refuse a put that does not ask for SSE-KMS',
  fact:
    'A bucket policy Deny on s3:PutObject with StringNotEquals s3:x-amz-server-side-encryption aws:kms refuses a ' +
    'put without the header (a missing key makes StringNotEquals true) and one asking for SSE-S3',
  proof: 'behaviour',
  measures: ['putWithoutHeader'],
  skipOn: { ministack: POLICY_ON_MINISTACK },
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const key = `docs/${newRunId('unencrypted')}.txt`;
    const withoutHeader = await acceptedOrRefused(() =>
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'no header' })),
    );
    const withSseS3 = await acceptedOrRefused(() =>
      s3.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'aes', ServerSideEncryption: 'AES256' }),
      ),
    );
    const withSseKms = await acceptedOrRefused(() => putEncrypted(context, s3, bucket, key, 'kms'));
    const refused = (outcome: string) => outcome.startsWith('refused (AccessDenied');
    return withMeasurements(
      expectThat(
        refused(withoutHeader) && refused(withSseS3) && withSseKms === 'accepted',
        `no encryption header: ${withoutHeader}; AES256: ${withSseS3}; aws:kms with the lab key: ${withSseKms}`,
        'the first two refused (AccessDenied), the SSE-KMS put accepted',
      ),
      { putWithoutHeader: refused(withoutHeader) ? 'refused' : 'accepted' },
    );
  },
};

const EMULATOR_HTTP =
  'serves plain HTTP only and sets no aws:SecureTransport, so the TLS condition cannot be observed (every request ' +
  'the kit sends there is plain HTTP and is served).';

const refusePlainHttp: Experiment<Output> = {
  name: 'Refuse a plain-HTTP request',
  fact: 'A bucket policy Deny on aws:SecureTransport false refuses every request that does not use TLS',
  proof: 'behaviour',
  skipOn: { ministack: `MiniStack ${EMULATOR_HTTP}`, localstack: `LocalStack on the host ${EMULATOR_HTTP}` },
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
    const overHttp = await acceptedOrRefused(() =>
      plain.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
    );
    const overHttps = await readObject(s3Of(context), bucket, key);
    return expectThat(
      overHttp.startsWith('refused (AccessDenied') && overHttps === 'over TLS',
      `GET over http://: ${overHttp}; the same GET over https://: "${overHttps}"`,
      'http refused (AccessDenied), https served',
    );
  },
};

const encryptWithLabKey: Experiment<Output> = {
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
    );
  },
};

const defaultEncryption: Experiment<Output> = {
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
    return expectThat(ok, lines.join('; '), `aws:kms with ${keyArn} and a bucket key on both buckets`);
  },
};

const publicStatement = (bucket: string) => ({
  Sid: 'LabProbePublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: `arn:aws:s3:::${bucket}/*`,
});

const refusePublicPolicy: Experiment<Output> = {
  name: 'Refuse a bucket policy that would make objects public',
  fact:
    'Block Public Access (all four settings on) refuses a bucket policy that grants anyone access; ACLs are ' +
    'disabled (bucket owner enforced)',
  proof: 'behaviour',
  measures: ['publicPolicy'],
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    const { PublicAccessBlockConfiguration: block = {} } = await s3.send(
      new GetPublicAccessBlockCommand({ Bucket: bucket }),
    );
    const original = (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}';
    const document = JSON.parse(original) as { Statement?: unknown[] };
    const widened = JSON.stringify({
      ...document,
      Statement: [...(document.Statement ?? []), publicStatement(bucket)],
    });
    const attempt = await acceptedOrRefused(() =>
      s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: widened })),
    );
    // Should the bucket have taken it, put the lab's own policy back at once.
    if (attempt === 'accepted')
      await s3.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: original }));
    const settings = [
      'BlockPublicAcls',
      'IgnorePublicAcls',
      'BlockPublicPolicy',
      'RestrictPublicBuckets',
    ] as const;
    const on = settings.filter((s) => block[s] === true);
    return withMeasurements(
      expectThat(
        attempt.startsWith('refused (AccessDenied') && on.length === settings.length,
        `Block Public Access on: ${on.join(', ') || 'none'}; a policy adding public read: ${attempt}` +
          `${attempt === 'accepted' ? ' (the lab policy was put back)' : ''}`,
        'all four settings on; the public policy refused (AccessDenied)',
      ),
      { publicPolicy: attempt === 'accepted' ? 'accepted' : 'refused' },
    );
  },
};

const replicateNewObjects: Experiment<Output> = {
  name: 'Replicate new objects, not those written before replication was on',
  fact:
    'Replication (versioning on both buckets) copies objects created after the rule exists and matching its ' +
    'filter; objects written earlier are not copied (S3 Batch Replication does that)',
  proof: 'behaviour',
  measures: ['replicatedAfter', 'replicatedBefore'],
  mustFailWhen: {
    swapOutputs: ['DataBucketName', 'ReplicaBucketName'],
    why: 'the replica bucket has no replication rule: nothing written there is copied anywhere',
  },
  async run(context) {
    const s3 = s3Of(context);
    const source = outputOf(context, 'DataBucketName');
    const replica = outputOf(context, 'ReplicaBucketName');
    const run = newRunId('repl');
    let config: ReplicationConfiguration | undefined;
    try {
      config = (await s3.send(new GetBucketReplicationCommand({ Bucket: source }))).ReplicationConfiguration;
    } catch (error) {
      return fail(`no replication configuration on the source bucket (${(error as Error).name})`);
    }
    if (!config) return fail('no replication configuration on the source bucket');
    const before = `${REPLICATED_PREFIX}${run}/before.txt`;
    const after = `${REPLICATED_PREFIX}${run}/after.txt`;
    const outside = `docs/${run}/outside.txt`;
    // Replication off for one put, then the same configuration back before anything else.
    await s3.send(new DeleteBucketReplicationCommand({ Bucket: source }));
    try {
      await putEncrypted(context, s3, source, before, 'written while replication was off');
    } finally {
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
      ),
      { replicatedAfter: replicaOfAfter ? 'yes' : 'no', replicatedBefore: replicaOfBefore ? 'yes' : 'no' },
    );
  },
};

const keepReplicaOnDelete: Experiment<Output> = {
  name: 'Keep the replica when the source object is deleted',
  fact:
    'Delete markers are not replicated unless the rule turns DeleteMarkerReplication on, and a delete of a ' +
    'specific version never is: the replica keeps what a mistaken or malicious delete removed from the source',
  proof: 'behaviour',
  measures: ['replicaAfterSourceDelete'],
  mustFailWhen: {
    swapOutputs: ['DataBucketName', 'ReplicaBucketName'],
    why: 'the replica bucket replicates nothing, so the object never reaches the data bucket to be kept',
  },
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
    if (!replicated) return fail(`${key} never reached the replica bucket, so there is nothing to keep`);
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
      ),
      { replicaAfterSourceDelete: kept ? 'kept' : 'deleted' },
    );
  },
};

interface S3Event {
  Records?: { eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }[];
}

const notifyPerPut: Experiment<Output> = {
  name: 'Send one queue event per object created under incoming/',
  fact:
    'An event notification sends an s3:ObjectCreated event to SQS for each new object matching its filter ' +
    '(the queue policy must let s3.amazonaws.com send, for this bucket only)',
  proof: 'behaviour',
  measures: ['eventsPerPut', 'eventsOutsidePrefix'],
  mustFailWhen: {
    swapOutputs: ['DataBucketName', 'ReplicaBucketName'],
    why: 'the replica bucket sends no events, so puts there leave the queue empty',
  },
  async run(context) {
    const s3 = s3Of(context);
    const sqs = new SQSClient({ ...context.clientConfig });
    const bucket = outputOf(context, 'DataBucketName');
    const queueUrl = outputOf(context, 'UploadsQueueUrl');
    const run = newRunId('events');
    const inside = [1, 2, 3].map((n) => `${NOTIFIED_PREFIX}${run}/upload-${n}.csv`);
    const outside = `docs/${run}/not-an-upload.csv`;
    for (const key of [...inside, outside]) await putEncrypted(context, s3, bucket, key, 'a,b\n1,2\n');

    const counts = new Map<string, number>();
    const deadline = Date.now() + NOTIFICATION_DEADLINE_MS;
    let ours = () => [...counts.values()].reduce((sum, n) => sum + n, 0);
    while (Date.now() < deadline && !inside.every((key) => (counts.get(key) ?? 0) >= 1)) {
      context.progress(`events received ${ours()}/${inside.length}`);
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
      );
      for (const message of Messages) {
        // Other runs' events and the s3:TestEvent sent when the configuration was written are not counted.
        const event = JSON.parse(message.Body ?? '{}') as S3Event;
        for (const record of event.Records ?? []) {
          const key = decodeURIComponent((record.s3?.object?.key ?? '').replace(/\+/g, ' '));
          if (
            record.s3?.bucket?.name === bucket &&
            key.includes(run) &&
            record.eventName?.startsWith('ObjectCreated:')
          )
            counts.set(key, (counts.get(key) ?? 0) + 1);
        }
      }
      if (Messages.length > 0) {
        await sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
          }),
        );
      }
    }
    // A moment more, so an event for the key outside the prefix would have arrived too.
    await sleep(1000);
    ours = () => [...counts.values()].reduce((sum, n) => sum + n, 0);
    const perKey = inside.map((key) => counts.get(key) ?? 0);
    const outsideCount = counts.get(outside) ?? 0;
    return withMeasurements(
      expectThat(
        perKey.every((n) => n === 1) && outsideCount === 0,
        `${inside.length} puts under ${NOTIFIED_PREFIX}: events per object ${perKey.join(', ')}; ` +
          `put outside the prefix: ${outsideCount} events`,
        'exactly one event per object under the prefix, none outside',
      ),
      {
        eventsPerPut:
          ours() === 0 ? 0 : Math.round((perKey.reduce((a, b) => a + b, 0) / inside.length) * 100) / 100,
        eventsOutsidePrefix: outsideCount,
      },
    );
  },
};

/** How long the presigned URL lives: long enough for one request, short enough to wait out. */
const PRESIGN_SECONDS = 3;

const presignedUrl: Experiment<Output> = {
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
      ),
      { beforeExpiry: first.status, afterExpiry: late.status },
    );
  },
};

const lifecycleRules: Experiment<Output> = {
  name: 'Read the lifecycle rules',
  fact:
    'Lifecycle rules move current objects to Standard-IA after 30 days and Glacier Flexible Retrieval after 90, ' +
    'move noncurrent versions to Glacier Instant Retrieval after 30 days and expire them after 60 (keeping the ' +
    'newest 3), and clean up incomplete multipart uploads and lone delete markers',
  // Transitions run days after the fact; reading the rules back is all a lab session can do.
  proof: 'configuration',
  async run(context) {
    const s3 = s3Of(context);
    const bucket = outputOf(context, 'DataBucketName');
    let all: LifecycleRule[];
    try {
      all = (await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules ?? [];
    } catch (error) {
      return fail(`no lifecycle configuration (${(error as Error).name})`);
    }
    const enabled = all.filter((r) => r.Status === 'Enabled');
    const transitions = enabled.flatMap((r) => r.Transitions ?? []).map((t) => `${t.StorageClass}@${t.Days}`);
    const noncurrentTransitions = enabled
      .flatMap((r) => r.NoncurrentVersionTransitions ?? [])
      .map((t) => `${t.StorageClass}@${t.NoncurrentDays}`);
    const expiry = enabled.find((r) => r.NoncurrentVersionExpiration)?.NoncurrentVersionExpiration;
    const abort = enabled.find((r) => r.AbortIncompleteMultipartUpload)?.AbortIncompleteMultipartUpload;
    const markers = enabled.some((r) => r.Expiration?.ExpiredObjectDeleteMarker === true);
    const ok =
      transitions.includes('STANDARD_IA@30') &&
      transitions.includes('GLACIER@90') &&
      noncurrentTransitions.includes('GLACIER_IR@30') &&
      expiry?.NoncurrentDays === 60 &&
      expiry.NewerNoncurrentVersions === 3 &&
      abort?.DaysAfterInitiation === 7 &&
      markers;
    return expectThat(
      ok,
      `${enabled.length} enabled rules; current: ${transitions.join(', ') || 'no transitions'}; noncurrent: ` +
        `${noncurrentTransitions.join(', ') || 'no transitions'}, expire after ${expiry?.NoncurrentDays ?? '-'} days ` +
        `keeping ${expiry?.NewerNoncurrentVersions ?? '-'}; incomplete uploads aborted after ` +
        `${abort?.DaysAfterInitiation ?? '-'} days; lone delete markers removed: ${markers}`,
      'STANDARD_IA@30, GLACIER@90; noncurrent GLACIER_IR@30, expire after 60 keeping 3; abort after 7; markers removed',
    );
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  deleteMarkerKeepsVersions,
  restoreVersion,
  encryptWithLabKey,
  defaultEncryption,
  refuseUnencryptedPut,
  refusePlainHttp,
  refusePublicPolicy,
  replicateNewObjects,
  keepReplicaOnDelete,
  notifyPerPut,
  presignedUrl,
  lifecycleRules,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
