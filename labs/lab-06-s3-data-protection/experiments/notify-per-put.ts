import { SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId, sleep } from '../../../lib/experiments/helpers';
import { receiveAndDelete } from '../../../lib/experiments/queues';
import type { Output } from '../outputs';
import { NOTIFIED_PREFIX, putEncrypted, s3Of } from './bucket-helpers';

/** S3 sends an event within seconds of the put. */
const NOTIFICATION_DEADLINE_MS = 30_000;

interface S3Event {
  Records?: { eventName?: string; s3?: { bucket?: { name?: string }; object?: { key?: string } } }[];
}

export const notifyPerPut: Experiment<Output> = {
  name: 'Send one queue event per object created under incoming/',
  fact:
    'An event notification sends an s3:ObjectCreated event to SQS for each new object matching its filter ' +
    '(the queue policy must let s3.amazonaws.com send, for this bucket only)',
  proof: 'behaviour',
  measures: ['eventsPerPut', 'eventsOutsidePrefix'],
  async run(context) {
    const s3 = s3Of(context);
    const sqs = clientOf(SQSClient, context);
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
      for (const message of await receiveAndDelete(sqs, queueUrl, 2)) {
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
        perKey.some((n) => n === 0)
          ? 'no-event'
          : outsideCount > 0
            ? 'event-outside-prefix'
            : 'repeated-event',
      ),
      {
        eventsPerPut:
          ours() === 0 ? 0 : Math.round((perKey.reduce((a, b) => a + b, 0) / inside.length) * 100) / 100,
        eventsOutsidePrefix: outsideCount,
      },
    );
  },
};
