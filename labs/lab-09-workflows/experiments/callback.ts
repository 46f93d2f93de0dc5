/** The callback task waits (RUNNING) until its task token comes back with SendTaskSuccess. */

import { DescribeExecutionCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { APPROVAL_THRESHOLD, finished, order, sfnOf, startOrder } from './workflow-helpers';

/** How long the callback experiment leaves the approval unanswered, to see the execution wait. */
const APPROVAL_DELAY_MS = 3000;
/**
 * How long to wait for the approval request: it is on the queue about a second after the start (the
 * order passes two states first); 15 s is ample, and bounds what a workflow that sends none costs.
 */
const REQUEST_DEADLINE_MS = 15_000;

export const callback: Experiment<Output> = {
  name: 'Wait for an approval until the task token comes back',
  fact:
    'A .waitForTaskToken task sends its task token (here in an SQS message) and pauses: the execution stays ' +
    'RUNNING until SendTaskSuccess returns that token, and the output given there becomes the task result',
  proof: 'behaviour',
  measures: ['statusWhileWaiting'],
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'the quote workflow has no callback task: it sends no task token and does not wait for one',
    failsBecause: 'no-token',
  },
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const queueUrl = outputOf(context, 'ApprovalsQueueUrl');
    const input = order('approval', { total: APPROVAL_THRESHOLD + 500 });
    const executionArn = await startOrder(context, input);
    const message = await pollUntil(REQUEST_DEADLINE_MS, 0, async () => {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 2 }),
      );
      return Messages.find(
        (m) => (JSON.parse(m.Body ?? '{}') as { orderId?: string }).orderId === input.orderId,
      );
    });
    if (!message)
      return fail(
        `no approval request for ${input.orderId} on the queue within ${REQUEST_DEADLINE_MS / 1000} s`,
        'an approval request with a task token on the queue',
        'no-token',
      );
    const { taskToken } = JSON.parse(message.Body ?? '{}') as { taskToken?: string };
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    await sleep(APPROVAL_DELAY_MS);
    const sfn = sfnOf(context);
    const waiting = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    const statusWhileWaiting = waiting.status ?? 'unknown';
    await sfn.send(
      new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ approvedBy: 'verify' }) }),
    );
    const result = await finished(context, executionArn);
    const output = JSON.parse(result.output ?? '{}') as { approval?: { approvedBy?: string } };
    const because = !taskToken
      ? 'no-token'
      : statusWhileWaiting !== 'RUNNING'
        ? 'not-waiting'
        : result.status !== 'SUCCEEDED' || output.approval?.approvedBy !== 'verify'
          ? 'not-resumed'
          : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `token ${taskToken ? 'received' : 'missing'} in the message; ${APPROVAL_DELAY_MS / 1000} s later the ` +
          `execution was ${statusWhileWaiting}; after SendTaskSuccess: ${result.status}, approval ` +
          `${JSON.stringify(output.approval ?? null)}`,
        'RUNNING while the token is out; SUCCEEDED after SendTaskSuccess, with {"approvedBy":"verify"} as the result',
        because,
      ),
      { statusWhileWaiting },
    );
  },
};
