/** Retention: 4 days by default on the work queues, 14 on the dead-letter queues. */

import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { deadLetterOf } from './queue-helpers';
export const retention: Experiment<Output> = {
  name: 'Keep messages 4 days by default, 14 in the dead-letter queues',
  fact: 'Retention defaults to 4 days (1 minute to 14 days); the dead-letter queues here keep the maximum',
  proof: 'configuration',
  mustFailWhen: {
    replaceOutput: ['LargeOrdersQueueUrl', 'BillingDeadLetterQueueUrl'],
    why: 'a dead-letter queue keeps messages 14 days, not the 4-day default of a work queue',
    failsBecause: 'work-retention',
  },
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const attributesOf = async (queueUrl: string) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['MessageRetentionPeriod', 'RedrivePolicy'],
        }),
      );
      return { days: Number(Attributes.MessageRetentionPeriod) / 86_400, redrive: Attributes.RedrivePolicy };
    };
    // The stack sets no retention on the work queues, so 4 days here is SQS's own default.
    const queueUrls = [
      outputOf(context, 'BillingQueueUrl'),
      outputOf(context, 'EuAnalyticsQueueUrl'),
      outputOf(context, 'FulfilmentQueueUrl'),
      outputOf(context, 'LargeOrdersQueueUrl'),
      outputOf(context, 'LedgerQueueUrl'),
    ];
    const work: number[] = [];
    const dead: number[] = [];
    for (const url of queueUrls) {
      const queue = await attributesOf(url);
      work.push(queue.days);
      // A queue without a redrive policy has no dead-letter queue to read (counted, not thrown).
      if (queue.redrive) dead.push((await attributesOf((await deadLetterOf(sqs, url)).url)).days);
    }
    const workOk = work.every((d) => d === 4);
    return expectThat(
      workOk && dead.length === queueUrls.length && dead.every((d) => d === 14),
      `retention: 5 queues ${[...new Set(work)].join('/')} days, their ${dead.length} DLQs ` +
        `${[...new Set(dead)].join('/') || '-'} days`,
      'queues 4 days (the default), DLQs 14 days',
      !workOk ? 'work-retention' : 'dead-letter-retention',
    );
  },
};
