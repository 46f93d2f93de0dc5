/** The archive keeps the bus's events; a replay sends them again, marked with the replay's name. */

import {
  DescribeArchiveCommand,
  DescribeReplayCommand,
  EventBridgeClient,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import {
  bodyOf,
  drain,
  type OrderEvent,
  ofRun,
  orderIdOf,
  putEvents,
  quiet,
  SHIPPED,
  SOURCE,
} from './bus-helpers';
export const archiveAndReplay: Experiment<Output> = {
  name: 'Archive events, then replay them',
  fact: "The archive keeps the bus's shop events; a replay sends them to the bus again, each marked with the replay's name in replay-name, which a rule can match.",
  proof: 'behaviour',
  measures: ['replayedDelivered'],
  async run(context) {
    const run = newRunId('replay');
    const events = Array.from(
      { length: 5 },
      (_, seq): OrderEvent => ({
        source: SOURCE,
        detailType: SHIPPED,
        detail: { run, orderId: `${run}-${seq}`, region: 'us-east-1', amount: 10 + seq, status: 'paid' },
      }),
    );
    const client = clientOf(EventBridgeClient, context);
    const archiveName = outputOf(context, 'ArchiveName');
    const start = new Date(Date.now() - 2_000);
    const before =
      (await client.send(new DescribeArchiveCommand({ ArchiveName: archiveName }))).EventCount ?? 0;
    await putEvents(context, events);
    const replayedQueue = outputOf(context, 'ReplayedOrdersQueueUrl');
    // Live: the replayed-only rule must not fire.
    const live = await drain(context, replayedQueue, ofRun(run), {
      quietMs: quiet(context),
      deadlineMs: 30_000,
    });
    // The archive takes the events in after a while on AWS.
    context.progress('waiting for the archive to hold the events');
    const archived = await pollUntil(
      isLocal(context) ? 15_000 : 900_000,
      isLocal(context) ? 1_000 : 30_000,
      async () => {
        const count =
          (await client.send(new DescribeArchiveCommand({ ArchiveName: archiveName }))).EventCount ?? 0;
        return count >= before + events.length ? count : undefined;
      },
    );
    await sleep(isLocal(context) ? 0 : 60_000);
    const replayName = run;
    await client.send(
      new StartReplayCommand({
        ReplayName: replayName,
        EventSourceArn: outputOf(context, 'ArchiveArn'),
        EventStartTime: start,
        EventEndTime: new Date(),
        Destination: {
          Arn: outputOf(context, 'OrdersBusArn'),
          FilterArns: [outputOf(context, 'ReplayedOrdersRuleArn')],
        },
      }),
    );
    context.progress(`replay ${replayName} started`);
    const state = await pollUntil(
      isLocal(context) ? 20_000 : 900_000,
      isLocal(context) ? 500 : 15_000,
      async () => {
        const s = (await client.send(new DescribeReplayCommand({ ReplayName: replayName }))).State;
        return s === 'COMPLETED' || s === 'FAILED' || s === 'CANCELLED' ? s : undefined;
      },
    );
    const replayed = await drain(context, replayedQueue, ofRun(run), {
      quietMs: quiet(context),
      deadlineMs: isLocal(context) ? 20_000 : 180_000,
      enough: (got) => new Set(got.map(orderIdOf)).size >= events.length,
    });
    const marked = replayed.filter((m) => bodyOf(m)?.['replay-name'] === replayName);
    const ids = new Set(marked.map(orderIdOf));
    return withMeasurements(
      expectThat(
        live.length === 0 && state === 'COMPLETED' && ids.size === events.length,
        `live: ${live.length} reached the replayed-only rule; archive count ${before} -> ${archived ?? 'not grown'}; replay ${state ?? 'not finished'}; ${replayed.length} replayed delivered, ${marked.length} with replay-name ${replayName} (${ids.size} distinct orders)`,
        `none live; replay COMPLETED; the ${events.length} events delivered again with replay-name ${replayName}`,
        live.length > 0
          ? 'live-matched'
          : state !== 'COMPLETED'
            ? `replay:${state ?? 'unfinished'}`
            : 'not-replayed',
      ),
      { replayedDelivered: ids.size },
    );
  },
};
