/** Long polling waits for a message instead of answering empty at once. */

import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { newRunId, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

export const longPolling: Experiment<Output> = {
  name: 'Long-poll an empty queue',
  fact: 'Long polling (1-20 s; here 20 s) waits for messages instead of returning empty',
  proof: 'behaviour',
  mustFailWhen: {
    replaceOutput: ['LargeOrdersQueueUrl', 'BillingDeadLetterQueueUrl'],
    why: "a dead-letter queue keeps SQS's default wait of 0 s: a receive that names no wait answers empty at once",
    failsBecause: 'no-wait',
  },
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const queueUrl = outputOf(context, 'LargeOrdersQueueUrl');
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: queueUrl,
        AttributeNames: ['ReceiveMessageWaitTimeSeconds'],
      }),
    );
    // `waitSeconds` undefined: the receive names no wait, so the queue's own default applies.
    const timed = async (waitSeconds: number | undefined) => {
      const started = Date.now();
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          WaitTimeSeconds: waitSeconds,
          MaxNumberOfMessages: 10,
        }),
      );
      return { seconds: (Date.now() - started) / 1000, Messages };
    };
    // The queue was drained by the fan-out experiment; anything left here would end the wait early.
    const short = await timed(0);
    const long = await timed(2);

    // A receive that names no wait waits the queue's 20 s; a message sent 1 s in ends it about then.
    const marker = JSON.stringify({ longPoll: newRunId('poll') });
    const sender = sleep(1000).then(() =>
      sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: marker })),
    );
    const woken = await timed(undefined);
    await sender;
    // A receive that answered at once leaves the marker behind: take it off again.
    const got = woken.Messages.find((m) => m.Body === marker);
    const left = got ? undefined : (await timed(2)).Messages.find((m) => m.Body === marker);
    if (left?.ReceiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: left.ReceiptHandle }));
    }
    if (got?.ReceiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: got.ReceiptHandle }));
    }
    const defaultWaited = got !== undefined && woken.seconds >= 0.8 && woken.seconds < 5;
    return expectThat(
      Attributes.ReceiveMessageWaitTimeSeconds === '20' &&
        short.Messages.length === 0 &&
        short.seconds < 1 &&
        long.Messages.length === 0 &&
        long.seconds >= 1.8 &&
        defaultWaited,
      `queue ReceiveMessageWaitTimeSeconds ${Attributes.ReceiveMessageWaitTimeSeconds}; empty queue: wait 0 -> ` +
        `${short.seconds.toFixed(2)} s, wait 2 -> ${long.seconds.toFixed(2)} s (${long.Messages.length} messages); ` +
        `no wait named (queue default) with a send at 1 s -> ${got ? 'got it' : 'no message'} after ${woken.seconds.toFixed(1)} s`,
      "queue default 20 s; short poll answers at once, long poll waits ~2 s, the queue's default wait ends early with a message",
      !defaultWaited ? 'no-wait' : 'poll-timing',
    );
  },
};
