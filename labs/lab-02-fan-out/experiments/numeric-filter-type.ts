/** A numeric filter condition matches Number attributes only. */

import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import { receiveAndDelete } from '../../../lib/experiments/queues';
import type { Output } from '../outputs';
export const numericFilterType: Experiment<Output> = {
  name: 'Match a numeric filter only with a Number attribute',
  measures: ['stringAmountDelivered'],
  fact: 'A numeric filter condition compares Number attributes; the same digits sent as a String attribute do not match it',
  proof: 'behaviour',
  skipOn: {
    localstack:
      'LocalStack 4.13.1 also matches a String attribute "500" against a numeric condition (AWS documents numeric ' +
      'matching for Number attributes only): an emulator difference.',
  },
  mustFailWhen: {
    replaceOutput: ['LargeOrdersQueueUrl', 'BillingQueueUrl'],
    why: "billing's filter looks only at eventType, which neither message has: the Number amount is not delivered there",
    failsBecause: 'number-not-delivered',
  },
  async run(context) {
    const sns = clientOf(SNSClient, context);
    const sqs = clientOf(SQSClient, context);
    const topicArn = outputOf(context, 'OrdersTopicArn');
    const queueUrl = outputOf(context, 'LargeOrdersQueueUrl');
    const runId = newRunId('type');
    // Only an amount attribute: LargeOrders (100 <= amount <= 1000) is the only filter that looks at it.
    for (const dataType of ['Number', 'String'] as const) {
      await sns.send(
        new PublishCommand({
          TopicArn: topicArn,
          Message: JSON.stringify({ runId, amountSentAs: dataType }),
          MessageAttributes: { amount: { DataType: dataType, StringValue: '500' } },
        }),
      );
    }
    const received = new Set<string>();
    const deadline = Date.now() + (context.target === 'aws' ? 20_000 : 8_000);
    while (Date.now() < deadline) {
      for (const message of await receiveAndDelete(sqs, queueUrl, 2)) {
        const match = /"amountSentAs\\?":\\?"(Number|String)/.exec(message.Body ?? '');
        if (message.Body?.includes(runId) && match) received.add(match[1]);
      }
    }
    return withMeasurements(
      expectThat(
        received.has('Number') && !received.has('String'),
        `amount 500 as Number: ${received.has('Number') ? 'delivered' : 'not delivered'}; ` +
          `as String: ${received.has('String') ? 'delivered' : 'not delivered'}`,
        'the Number is delivered to LargeOrders, the String is not',
        received.has('String') ? 'string-matched' : 'number-not-delivered',
      ),
      { stringAmountDelivered: received.has('String') ? 'yes' : 'no' },
    );
  },
};
