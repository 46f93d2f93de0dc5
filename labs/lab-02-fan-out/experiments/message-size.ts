/** The message size limits: 1 MiB on SQS, 256 KiB on SNS. */

import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, newRunId, refusalOf } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { receiveMarker } from './queue-helpers';

const SQS_MAX_MESSAGE_BYTES = 1024 * 1024;
const SNS_MAX_MESSAGE_BYTES = 256 * 1024;
/** How each service refuses a message over its limit (SQS: InvalidParameterValue; SNS: InvalidParameter). */
const SQS_TOO_LONG = ['InvalidParameterValue', 'InvalidParameterValueException'];
const SNS_TOO_LONG = ['InvalidParameter', 'InvalidParameterException'];

export const messageSize: Experiment<Output> = {
  name: 'Take 1 MiB on SQS and 256 KiB on SNS, not a byte more',
  fact: 'SQS takes messages up to 1 MiB; an SNS topic takes 256 KiB (message and attributes) unless its MaximumMessageSize is raised',
  proof: 'behaviour',
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const sns = clientOf(SNSClient, context);
    // Straight to a queue: the SQS limit. The queue sets no MaximumMessageSize, so its default applies.
    const queueUrl = outputOf(context, 'BillingQueueUrl');
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['MaximumMessageSize'] }),
    );
    const body = (bytes: number, tag: string) => tag + 'x'.repeat(bytes - tag.length);
    const tag = newRunId('size');
    const sqsAtLimit = await refusalOf(() =>
      sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body(SQS_MAX_MESSAGE_BYTES, tag) })),
    );
    const sqsOverLimit = await refusalOf(() =>
      sqs.send(
        new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body(SQS_MAX_MESSAGE_BYTES + 1, tag) }),
      ),
    );
    // Take the accepted 1 MiB message off the queue again: the later experiments expect it empty.
    const big = await receiveMarker(sqs, queueUrl, body(SQS_MAX_MESSAGE_BYTES, tag), {
      waitSeconds: 1,
      deadline: Date.now() + 10_000,
    });
    if (big?.ReceiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: big.ReceiptHandle }));
    }
    // Through the topic: the SNS limit. No attributes, so no filter policy matches and nothing is delivered.
    const topicArn = outputOf(context, 'OrdersTopicArn');
    const publish = (bytes: number) =>
      refusalOf(() => sns.send(new PublishCommand({ TopicArn: topicArn, Message: 'x'.repeat(bytes) })));
    const snsAtLimit = await publish(SNS_MAX_MESSAGE_BYTES);
    const snsOverLimit = await publish(SNS_MAX_MESSAGE_BYTES + 1);
    const atLimitOk = !sqsAtLimit && big !== undefined && !snsAtLimit;
    const overLimitOk = isRefusal(sqsOverLimit, SQS_TOO_LONG) && isRefusal(snsOverLimit, SNS_TOO_LONG);
    return expectThat(
      Attributes.MaximumMessageSize === String(SQS_MAX_MESSAGE_BYTES) && atLimitOk && overLimitOk,
      `queue MaximumMessageSize ${Attributes.MaximumMessageSize}; SQS ${SQS_MAX_MESSAGE_BYTES} bytes ${describeRefusal(sqsAtLimit)}` +
        `${big ? ' (received back whole)' : ' (not received back)'}, ${SQS_MAX_MESSAGE_BYTES + 1} ${describeRefusal(sqsOverLimit)}; ` +
        `SNS ${SNS_MAX_MESSAGE_BYTES} bytes ${describeRefusal(snsAtLimit)}, ${SNS_MAX_MESSAGE_BYTES + 1} ${describeRefusal(snsOverLimit)}`,
      `SQS: ${SQS_MAX_MESSAGE_BYTES} accepted, one more refused with InvalidParameterValue; SNS: ${SNS_MAX_MESSAGE_BYTES} accepted, one more refused with InvalidParameter`,
      !atLimitOk ? 'at-limit-refused' : !overLimitOk ? 'over-limit-not-refused' : 'queue-limit',
    );
  },
};
