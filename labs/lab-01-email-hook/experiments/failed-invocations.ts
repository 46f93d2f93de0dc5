import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import { answerOf, invokeFunction } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';
import { sesReceivedNotification } from '../ses-notification';
import { simulatedMail, snsEvent, withServiceDown } from './service-helpers';
export const syncFailure: Experiment<Output> = {
  name: "Fail the forwarder's invocation when the service is down",
  fact: 'Non-2xx answers and timeouts fail the invocation; async retries, then the on-failure queue',
  proof: 'behaviour',
  measures: ['invokeResult'],
  mustFailWhen: {
    replaceOutput: ['ForwarderFunctionName', 'InboxFunctionName'],
    why: 'the inbox function does not call the service: it answers the SNS event with an HTTP 405 result and no function error',
    failsBecause: 'not-failed',
  },
  async run(context) {
    const topicArn = outputOf(context, 'MailTopicArn');
    const event = snsEvent(topicArn, sesReceivedNotification(simulatedMail(newRunId('down'))));
    const lambda = clientOf(LambdaClient, context);
    return withServiceDown(context, async () => {
      // A target leaves the group within seconds; keep invoking until the service is really gone.
      const outcome = await pollUntil(context.target === 'aws' ? 60_000 : 10_000, 2000, async () => {
        const result = await invokeFunction(lambda, outputOf(context, 'ForwarderFunctionName'), event);
        const { errorMessage } = answerOf<{ errorMessage?: unknown }>(result, {});
        return result.functionError
          ? { error: result.functionError, message: String(errorMessage) }
          : undefined;
      });
      if (!outcome)
        return fail(
          'every invocation succeeded although the service had no target',
          'the invocation to fail: the service behind it has no target',
          'not-failed',
        );
      return withMeasurements(
        expectThat(
          /answered HTTP 5\d\d|did not answer/.test(outcome.message),
          `FunctionError ${outcome.error}: ${outcome.message}`,
          'a FunctionError saying the service answered 5xx or did not answer',
          'other-error',
        ),
        { invokeResult: 'function error' },
      );
    });
  },
};

export const asyncFailure: Experiment<Output> = {
  name: 'Land a failed asynchronous delivery in the on-failure queue',
  fact: 'Non-2xx answers and timeouts fail the invocation; async retries, then the on-failure queue',
  proof: 'behaviour',
  measures: ['attempts'],
  async run(context) {
    const runId = newRunId('lost');
    const queueUrl = outputOf(context, 'FailedDeliveriesQueueUrl');
    const sqs = clientOf(SQSClient, context);
    const event = snsEvent(outputOf(context, 'MailTopicArn'), sesReceivedNotification(simulatedMail(runId)));
    // Lambda retries an async event twice (about 1 and 2 minutes apart on AWS) before giving up.
    const deadline = context.target === 'aws' ? 8 * 60_000 : 30_000;
    return withServiceDown(context, async () => {
      if (context.target === 'aws') await sleep(15_000); // let the deregistration take effect
      // SNS invokes its Lambda subscribers asynchronously; this is that same invocation, made directly
      // (MiniStack's SNS calls subscribers once, synchronously, so publishing would not show retries).
      await clientOf(LambdaClient, context).send(
        new InvokeCommand({
          FunctionName: outputOf(context, 'ForwarderFunctionName'),
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify(event)),
        }),
      );
      const started = Date.now();
      const record = await pollUntil(deadline, 1000, async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        const mine = Messages.find((m) => m.Body?.includes(runId));
        if (mine)
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: mine.ReceiptHandle }));
        return mine ? JSON.parse(mine.Body ?? '{}') : undefined;
      });
      if (!record)
        return fail(
          `nothing about ${runId} in the on-failure queue after ${deadline / 1000} s`,
          'a record of the failed invocation in the on-failure queue',
          'not-in-queue',
        );
      const condition = record.requestContext?.condition;
      const attempts = record.requestContext?.approximateInvokeCount;
      return withMeasurements(
        expectThat(
          condition === 'RetriesExhausted' && attempts === 3,
          `on-failure record after ${((Date.now() - started) / 1000).toFixed(1)} s: condition ${condition}, ` +
            `${attempts} attempt(s), error "${String(record.responsePayload?.errorMessage ?? '?').slice(0, 120)}"`,
          'condition RetriesExhausted after 3 attempts (1 + 2 retries)',
          condition === 'RetriesExhausted' ? `attempts:${attempts}` : `condition:${condition}`,
        ),
        { attempts: attempts ?? 'none' },
      );
    });
  },
};
