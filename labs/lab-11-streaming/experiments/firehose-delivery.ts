/** Firehose delivers every record of a run to S3 exactly once, within its buffering hints. */

import { DescribeDeliveryStreamCommand, FirehoseClient } from '@aws-sdk/client-firehose';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { BUFFER_MIB, BUFFER_SECONDS, DATA_PREFIX } from './guide-settings';
import { produce, type Reading, sensorsOf } from './stream-helpers';

/** Firehose experiment size: readings put, over this many sensors. */
const FIREHOSE_READINGS = 200;
/** How long delivery may take: the buffering interval plus delivery on AWS, moments on an emulator. */
const deliveryDeadlineMs = (context: ExperimentContext<Output>) =>
  context.target === 'aws' ? (BUFFER_SECONDS * 3 + 60) * 1000 : 30_000;

/** Object names carry a UTC time (yyyy-MM-dd-HH-mm-ss); this formats one as Firehose does. */
const utc = (time: Date, separator: string) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return [
    time.getUTCFullYear(),
    p(time.getUTCMonth() + 1),
    p(time.getUTCDate()),
    p(time.getUTCHours()),
    ...(separator === '-' ? [p(time.getUTCMinutes()), p(time.getUTCSeconds())] : []),
  ].join(separator);
};

export const firehoseExactlyOnce: Experiment<Output> = {
  name: 'Deliver the stream to S3 with Firehose, every record',
  fact: 'Firehose reads the stream and writes its records to S3 in objects, one per buffer (60 s or 1 MiB here)',
  proof: 'behaviour',
  measures: ['readingsDelivered', 'objectsWritten'],
  async run(context) {
    const firehose = clientOf(FirehoseClient, context);
    const s3 = clientOf(S3Client, context);
    const bucket = outputOf(context, 'ArchiveBucketName');
    const streamName = outputOf(context, 'DeliveryStreamName');
    const { DeliveryStreamDescription: description } = await firehose.send(
      new DescribeDeliveryStreamCommand({ DeliveryStreamName: streamName }),
    );
    const destination = description?.Destinations?.[0]?.ExtendedS3DestinationDescription;
    const hints = destination?.BufferingHints;
    const source = description?.Source?.KinesisStreamSourceDescription?.KinesisStreamARN ?? '';
    const readsOurStream = source.endsWith(`:stream/${outputOf(context, 'StreamName')}`);

    // Object names sort by the time in them: list only from a little before the run started (on AWS
    // from two buffers before, since a buffer opened by earlier records may hold ours too).
    const started = new Date(Date.now() - (context.target === 'aws' ? BUFFER_SECONDS * 2 + 30 : 2) * 1000);
    const startAfter = `${DATA_PREFIX}${utc(started, '/')}/${streamName}-${description?.VersionId ?? '1'}-${utc(started, '-')}`;

    const run = newRunId('firehose');
    const sensors = sensorsOf(FIREHOSE_READINGS / 10, 'archive');
    await produce(context, run, sensors, 10);

    const counts = new Map<string, number>();
    const objectsWithOurs = new Set<string>();
    const read = new Set<string>();
    const deadline = Date.now() + deliveryDeadlineMs(context);
    let pause = 500;
    for (;;) {
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: DATA_PREFIX,
            StartAfter: startAfter,
            ContinuationToken: token,
          }),
        );
        for (const object of page.Contents ?? []) {
          if (!object.Key || read.has(object.Key)) continue;
          read.add(object.Key);
          const body = await (
            await s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }))
          ).Body?.transformToString();
          for (const line of (body ?? '').split('\n')) {
            if (!line.includes(run)) continue;
            const reading = JSON.parse(line) as Reading;
            const id = `${reading.key}#${reading.n}`;
            counts.set(id, (counts.get(id) ?? 0) + 1);
            objectsWithOurs.add(object.Key);
          }
        }
        token = page.NextContinuationToken;
      } while (token);
      context.progress(`S3: ${counts.size}/${FIREHOSE_READINGS} readings in ${objectsWithOurs.size} objects`);
      if (counts.size >= FIREHOSE_READINGS || Date.now() >= deadline) break;
      await sleep(pause);
      pause = Math.min(pause * 2, 10_000);
    }
    const twice = [...counts.values()].filter((c) => c > 1).length;
    const delivered = [...counts.values()].reduce((a, b) => a + b, 0);
    const because = !readsOurStream
      ? 'not-our-stream'
      : hints?.IntervalInSeconds !== BUFFER_SECONDS || hints.SizeInMBs !== BUFFER_MIB
        ? 'buffering'
        : counts.size !== FIREHOSE_READINGS
          ? `delivered:${counts.size}`
          : // At least once on AWS: a retried delivery may write a record twice. An emulator must not.
            twice > 0 && context.target !== 'aws'
            ? `duplicates:${twice}`
            : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `delivery stream ${description?.DeliveryStreamStatus} reading ${readsOurStream ? 'the lab stream' : source || 'no stream'}, ` +
          `buffering ${hints?.IntervalInSeconds} s / ${hints?.SizeInMBs} MiB; put ${FIREHOSE_READINGS} readings -> ` +
          `${counts.size} distinct, ${delivered} lines in ${objectsWithOurs.size} objects under ${DATA_PREFIX}, ${twice} delivered more than once`,
        `reads the lab stream, buffering ${BUFFER_SECONDS} s / ${BUFFER_MIB} MiB; all ${FIREHOSE_READINGS} readings (once each on an emulator; on AWS a retry may add a copy)`,
        because,
      ),
      { readingsDelivered: counts.size, objectsWritten: objectsWithOurs.size },
    );
  },
};
