import { DynamoDBClient, GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { sesReceivedNotification } from '../ses-notification';
import { simulatedMail } from './service-helpers';

/** How long a published mail may take to reach the inbox table (SNS, Lambda, ALB, Lambda, DynamoDB). */
const deliveryDeadline = (context: ExperimentContext<Output>) => (context.target === 'aws' ? 60_000 : 20_000);

export const delivery: Experiment<Output> = {
  name: 'Deliver a mail notification to the internal service',
  fact: 'SES -> SNS carries the mail to a VPC function, which POSTs its metadata to the internal service',
  proof: 'behaviour',
  measures: ['inboxRecords'],
  async run(context) {
    const runId = newRunId('mail');
    const mail = simulatedMail(runId);
    await clientOf(SNSClient, context).send(
      new PublishCommand({
        TopicArn: outputOf(context, 'MailTopicArn'),
        Message: sesReceivedNotification(mail),
      }),
    );
    const started = Date.now();
    const dynamodb = clientOf(DynamoDBClient, context);
    const item = await pollUntil(deliveryDeadline(context), 500, async () => {
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: outputOf(context, 'InboxTableName'),
          Key: { messageId: { S: runId } },
        }),
      );
      return Item;
    });
    if (!item)
      return fail(
        `no inbox record for ${runId} after ${deliveryDeadline(context) / 1000} s`,
        'the forwarded mail stored in the inbox table before the deadline',
        'not-delivered',
      );
    // Counted, not assumed: the records the table holds for this mail's id.
    const { Count: inboxRecords = 0 } = await dynamodb.send(
      new QueryCommand({
        TableName: outputOf(context, 'InboxTableName'),
        KeyConditionExpression: 'messageId = :id',
        ExpressionAttributeValues: { ':id': { S: runId } },
        Select: 'COUNT',
      }),
    );
    const stored = {
      from: item.from?.L?.map((v) => v.S).join(','),
      to: item.to?.L?.map((v) => v.S).join(','),
      subject: item.subject?.S,
      timestamp: item.timestamp?.S,
    };
    const expected = {
      from: mail.from,
      to: mail.to.join(','),
      subject: mail.subject,
      timestamp: mail.timestamp,
    };
    return withMeasurements(
      expectThat(
        JSON.stringify(stored) === JSON.stringify(expected),
        `inbox record after ${((Date.now() - started) / 1000).toFixed(1)} s: from ${stored.from}, to ${stored.to}, ` +
          `subject "${stored.subject}", timestamp ${stored.timestamp}`,
        `from ${expected.from}, to ${expected.to}, subject "${expected.subject}", timestamp ${expected.timestamp}`,
        'fields-differ',
      ),
      { inboxRecords },
    );
  },
};
