/** A received message stays hidden for its visibility timeout; a Lambda-read queue needs more than the function timeout. */

import {
  GetFunctionConfigurationCommand,
  LambdaClient,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  type Message,
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
import { receiveMarker } from './queue-helpers';

/** SQS's visibility timeout when a queue sets none: what a received message is hidden for. */
const DEFAULT_VISIBILITY_SECONDS = 30;

export const visibility: Experiment<Output> = {
  name: 'Hide a received message for the default 30 s',
  measures: ['hiddenForSeconds'],
  fact: 'A received message is hidden for the visibility timeout (30 s unless the queue or the receive sets one), then comes back',
  proof: 'behaviour',
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    // The stack sets no visibility timeout on this queue: what hides the message is SQS's default.
    const queueUrl = outputOf(context, 'EuAnalyticsQueueUrl');
    const marker = JSON.stringify({ visibility: newRunId('vis') });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: marker }));
    const first = await receiveMarker(sqs, queueUrl, marker, {
      waitSeconds: 1,
      deadline: Date.now() + 10_000,
    });
    if (!first)
      return fail(
        'the marker never arrived',
        'the marker received within 10 s of sending it',
        'not-received',
      );
    const receivedAt = Date.now();
    const hidden = await receiveMarker(sqs, queueUrl, marker, { waitSeconds: 0, deadline: 0 });
    // Short receives until it is back; each returns at once, so the measurement is about 1 s fine.
    let again: Message | undefined;
    while (!again && Date.now() - receivedAt < (DEFAULT_VISIBILITY_SECONDS + 15) * 1000) {
      context.progress(`hidden for ${((Date.now() - receivedAt) / 1000).toFixed(0)} s so far`);
      again = await receiveMarker(sqs, queueUrl, marker, { waitSeconds: 1, deadline: 0 });
    }
    const backAfter = (Date.now() - receivedAt) / 1000;
    if (again?.ReceiptHandle) {
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: again.ReceiptHandle }));
    }
    return withMeasurements(
      expectThat(
        !hidden &&
          again?.Attributes?.ApproximateReceiveCount === '2' &&
          backAfter >= DEFAULT_VISIBILITY_SECONDS - 1 &&
          backAfter <= DEFAULT_VISIBILITY_SECONDS + 10,
        `immediate 2nd receive ${hidden ? 'returned it' : 'empty'}; back after ${backAfter.toFixed(1)} s ` +
          `with ApproximateReceiveCount ${again?.Attributes?.ApproximateReceiveCount ?? 'none (never came back)'}`,
        `hidden at once, back after about ${DEFAULT_VISIBILITY_SECONDS} s with receive count 2`,
        hidden ? 'not-hidden' : again ? `hidden-for:${Math.round(backAfter)}` : 'never-back',
      ),
      { hiddenForSeconds: Math.round(backAfter) },
    );
  },
};

export const lambdaQueueTimeout: Experiment<Output> = {
  name: 'Give the Lambda-read queue more visibility than the function timeout',
  fact: 'A queue read by Lambda needs a visibility timeout of at least the function timeout (Lambda refuses the mapping otherwise); AWS recommends 6x',
  proof: 'configuration',
  mustFailWhen: {
    replaceOutput: ['FulfilmentQueueUrl', 'BillingQueueUrl'],
    why: "the billing queue keeps SQS's default 30 s visibility, less than six times the consumer's 10 s timeout",
    failsBecause: 'below-6x',
  },
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const lambda = clientOf(LambdaClient, context);
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: outputOf(context, 'FulfilmentQueueUrl'),
        AttributeNames: ['VisibilityTimeout', 'QueueArn'],
      }),
    );
    const functionName = outputOf(context, 'FulfilmentFunctionName');
    const { Timeout: functionTimeout, FunctionArn } = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: functionName }),
    );
    const { EventSourceMappings = [] } = await lambda.send(
      new ListEventSourceMappingsCommand({ FunctionName: functionName }),
    );
    const mapped = EventSourceMappings.some((m) => m.EventSourceArn === Attributes.QueueArn);
    const queueVisibility = Number(Attributes.VisibilityTimeout);
    const atLeast6x = functionTimeout !== undefined && queueVisibility >= 6 * functionTimeout;
    return expectThat(
      atLeast6x && mapped,
      `fulfilment queue visibility ${queueVisibility} s; consumer ${FunctionArn?.split(':').pop()} timeout ` +
        `${functionTimeout ?? '?'} s, mapped to this queue: ${mapped ? 'yes' : 'no'}`,
      'the consumer mapped to the queue; visibility >= the function timeout (required), here 6x (recommended)',
      atLeast6x ? 'not-mapped' : 'below-6x',
    );
  },
};
