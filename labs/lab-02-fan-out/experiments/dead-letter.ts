/** A message received maxReceiveCount times without being deleted moves to the dead-letter queue. */

import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { deadLetterOf, receiveMarker } from './queue-helpers';
export const deadLetter: Experiment<Output> = {
  name: 'Move a message to the DLQ after 3 receives',
  fact: 'A message received maxReceiveCount times (here 3) without being deleted moves to the DLQ',
  proof: 'behaviour',
  measures: ['receivesBeforeDeadLetter'],
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const queueUrl = outputOf(context, 'BillingQueueUrl');
    const dlq = await deadLetterOf(sqs, queueUrl);
    const marker = JSON.stringify({ poison: newRunId('dlq') });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: marker }));

    // Receive without deleting; visibility 0 right after each receive instead of waiting 30 s.
    const counts: string[] = [];
    const deadline = Date.now() + 20_000;
    for (let receive = 1; receive <= dlq.maxReceiveCount; receive++) {
      const message = await receiveMarker(sqs, queueUrl, marker, { waitSeconds: 1, deadline });
      if (!message)
        return fail(
          `marker not received on receive ${receive} (counts so far ${counts.join(', ')})`,
          `the marker back on each of the ${dlq.maxReceiveCount} receives`,
          'not-received',
        );
      counts.push(message.Attributes?.ApproximateReceiveCount ?? '?');
      await sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: message.ReceiptHandle,
          VisibilityTimeout: 0,
        }),
      );
    }
    // The next receive finds the count exhausted and moves the message instead of returning it.
    const fourth = await receiveMarker(sqs, queueUrl, marker, { waitSeconds: 1, deadline: 0 });
    if (fourth?.ReceiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: fourth.ReceiptHandle }));
    }
    // Looked for in the dead-letter queue the stack names, not only the one the policy points at.
    const dlqUrl = outputOf(context, 'BillingDeadLetterQueueUrl');
    const moved = await receiveMarker(sqs, dlqUrl, marker, {
      waitSeconds: 1,
      deadline: Date.now() + 10_000,
    });
    if (moved?.ReceiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: dlqUrl, ReceiptHandle: moved.ReceiptHandle }));
    }
    const dlqName = dlq.arn.split(':').pop();
    // Observed: the receive count SQS itself reported on the last receive before the move.
    const measured = { receivesBeforeDeadLetter: moved ? Number(counts[counts.length - 1]) : 'never' };
    return withMeasurements(
      expectThat(
        counts.join(',') === '1,2,3' && !fourth && moved !== undefined,
        `RedrivePolicy maxReceiveCount ${dlq.maxReceiveCount} -> ${dlqName}; receive counts ${counts.join(', ')}; ` +
          `receive ${counts.length + 1} ${fourth ? 'returned it again' : 'empty'}; in DLQ: ${moved ? 'yes' : 'no'}` +
          `${moved?.Attributes?.DeadLetterQueueSourceArn ? ' (DeadLetterQueueSourceArn set)' : ''}`,
        'receive counts 1, 2, 3, then the message is in the DLQ and no longer on the queue',
        counts.join(',') !== '1,2,3' ? 'receive-counts' : fourth ? 'returned-again' : 'not-moved',
      ),
      measured,
    );
  },
};
