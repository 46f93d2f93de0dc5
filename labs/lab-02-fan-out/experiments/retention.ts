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
  async run(context) {
    const sqs = clientOf(SQSClient, context);
    const retentionOf = async (queueUrl: string) => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['MessageRetentionPeriod'] }),
      );
      return Number(Attributes.MessageRetentionPeriod) / 86_400;
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
      work.push(await retentionOf(url));
      dead.push(await retentionOf((await deadLetterOf(sqs, url)).url));
    }
    return expectThat(
      work.every((d) => d === 4) && dead.every((d) => d === 14),
      `retention: 5 queues ${[...new Set(work)].join('/')} days, their 5 DLQs ${[...new Set(dead)].join('/')} days`,
      'queues 4 days (the default), DLQs 14 days',
    );
  },
};
