/** 1,000 orders through the orders topic reach exactly the subscriptions whose filter policy matches. */

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PublishBatchCommand, type PublishBatchRequestEntry, SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { mapWithConcurrency, newRunId, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { attributesOf, compare, EXPECTED, fulfilledOf, ordersOf, tallyQueue } from './fan-out-helpers';

const ORDER_COUNT = 1000;

export const fanOut: Experiment<Output> = {
  name: 'Fan out 1,000 orders through four filter policies',
  fact: 'Filter policies drop what does not match; fan-out delivers one publish to every match',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['BillingQueueUrl', 'EuAnalyticsQueueUrl'],
    why: "each queue's count is checked against its own filter, so two swapped queues cannot pass",
    failsBecause: 'filter-mismatch',
  },
  measures: ['billing', 'euAnalytics', 'largeOrders', 'fulfilment', 'noEventTypeFulfilled'],
  async run(context) {
    const sns = clientOf(SNSClient, context);
    const sqs = clientOf(SQSClient, context);
    const dynamodb = clientOf(DynamoDBClient, context);
    const topicArn = outputOf(context, 'OrdersTopicArn');
    const runId = newRunId('fanout');
    const orders = ordersOf(runId, ORDER_COUNT);

    // 100 PublishBatch calls of 10; every entry must be accepted.
    const batches = Array.from({ length: ORDER_COUNT / 10 }, (_, b) => orders.slice(b * 10, b * 10 + 10));
    let published = 0;
    const rejected: string[] = [];
    await mapWithConcurrency(batches, 5, async (batch) => {
      const entries: PublishBatchRequestEntry[] = batch.map((order, i) => ({
        Id: `m${i}`,
        Message: JSON.stringify(order.body),
        MessageAttributes: attributesOf(order),
      }));
      const response = await sns.send(
        new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }),
      );
      published += response.Successful?.length ?? 0;
      for (const failure of response.Failed ?? []) rejected.push(`${failure.Code}: ${failure.Message}`);
      if (published % 250 === 0) context.progress(`published ${published}/${ORDER_COUNT}`);
    });
    if (published !== ORDER_COUNT) {
      return fail(
        `${published} of ${ORDER_COUNT} published (${rejected.slice(0, 3).join('; ')})`,
        `all ${ORDER_COUNT} orders published`,
        'not-published',
      );
    }

    const expectedOf = (queue: keyof typeof EXPECTED) =>
      new Set(orders.filter(EXPECTED[queue]).map((o) => o.orderId));
    const deadline = Date.now() + 45_000;
    const queues = [
      { name: 'billing', url: outputOf(context, 'BillingQueueUrl'), shape: { kind: 'raw' } },
      {
        name: 'euAnalytics',
        url: outputOf(context, 'EuAnalyticsQueueUrl'),
        shape: { kind: 'envelope', topicArn },
      },
      {
        name: 'largeOrders',
        url: outputOf(context, 'LargeOrdersQueueUrl'),
        shape: { kind: 'envelope', topicArn },
      },
    ] as const;
    context.progress('draining billing, euAnalytics, largeOrders');
    const tallies = await Promise.all(
      queues.map((q) => tallyQueue(sqs, q.url, runId, expectedOf(q.name).size, q.shape, deadline)),
    );

    const lines: string[] = [];
    let ok = true;
    // The first part of the fact that failed: which orders arrived, then how often, then their shape.
    const broken = new Set<string>();
    queues.forEach((queue, i) => {
      const tally = tallies[i];
      const expected = expectedOf(queue.name);
      const { missing, unexpected, duplicates } = compare(expected, tally.received);
      const deliveries = [...tally.received.values()].reduce((a, b) => a + b, 0);
      // Each orderId is published once, so a second copy can only be an at-least-once redelivery,
      // which AWS allows rarely; an emulator delivers in process and must not duplicate.
      const duplicatesOk = duplicates === 0 || context.target === 'aws';
      const shapeOk =
        tally.wellFormed === deliveries &&
        (queue.shape.kind !== 'raw' || tally.withAttributes === deliveries);
      ok &&= missing.length === 0 && unexpected.length === 0 && duplicatesOk && shapeOk;
      if (missing.length || unexpected.length) broken.add('filter-mismatch');
      if (!duplicatesOk) broken.add('duplicate');
      if (!shapeOk) broken.add('shape');
      // In plain words, and only what went wrong besides the count (the learner reads this in `check`).
      const problems = [
        missing.length ? `${missing.length} missing` : '',
        unexpected.length ? `${unexpected.length} that its filter should have kept out` : '',
        duplicates ? `${duplicates} delivered twice` : '',
        deliveries - tally.wellFormed
          ? `${deliveries - tally.wellFormed} not ${queue.shape.kind === 'raw' ? 'raw orders' : 'SNS envelopes'}`
          : '',
        queue.shape.kind === 'raw' && deliveries - tally.withAttributes
          ? `${deliveries - tally.withAttributes} without their message attributes`
          : '',
      ].filter(Boolean);
      const shape = queue.shape.kind === 'raw' ? 'raw, attributes kept' : 'in SNS envelopes';
      lines.push(
        `${queue.name} got ${tally.received.size} of its ${expected.size} orders` +
          (problems.length ? ` (${problems.join(', ')})` : deliveries ? ` (${shape})` : '') +
          (tally.foreign ? ` [${tally.foreign} left over from an earlier run removed]` : ''),
      );
      if (missing.length) lines.push(`${queue.name} missing e.g. ${missing.slice(0, 2).join(', ')}`);
      if (unexpected.length) lines.push(`${queue.name} unexpected e.g. ${unexpected.slice(0, 2).join(', ')}`);
    });

    // The fulfilment queue belongs to the Lambda consumer: its conditional put makes the table the
    // de-duplicated record of what reached that queue (a redelivery cannot show there, by design).
    const tableName = outputOf(context, 'FulfilledOrdersTableName');
    const expectedFulfilled = expectedOf('fulfilment');
    const tableDeadline = Date.now() + 60_000;
    let fulfilled = new Set<string>();
    while (Date.now() < tableDeadline) {
      fulfilled = await fulfilledOf(dynamodb, tableName, orders);
      context.progress(`fulfilment table ${fulfilled.size}/${expectedFulfilled.size}`);
      if ([...expectedFulfilled].every((id) => fulfilled.has(id))) break;
      await sleep(1000);
    }
    const fulfilment = compare(expectedFulfilled, new Map([...fulfilled].map((id) => [id, 1])));
    ok &&= fulfilment.missing.length === 0 && fulfilment.unexpected.length === 0;
    if (fulfilment.missing.length || fulfilment.unexpected.length) broken.add('filter-mismatch');
    const fulfilmentProblems = [
      fulfilment.missing.length ? `${fulfilment.missing.length} missing` : '',
      fulfilment.unexpected.length
        ? `${fulfilment.unexpected.length} that its filter should have kept out`
        : '',
    ].filter(Boolean);
    lines.push(
      `fulfilment table holds ${fulfilled.size} of its ${expectedFulfilled.size} orders` +
        (fulfilmentProblems.length ? ` (${fulfilmentProblems.join(', ')})` : ''),
    );
    // What was received, measured (not what was expected): the predictions are scored on these.
    const noEventType = new Set(orders.filter((o) => o.eventType === undefined).map((o) => o.orderId));
    return withMeasurements(
      expectThat(
        ok,
        `${ORDER_COUNT} published; ${lines.join('; ')}`,
        'each queue gets exactly the orders its filter policy matches, once; billing raw with its attributes, the others in SNS envelopes',
        ['filter-mismatch', 'duplicate', 'shape'].find((reason) => broken.has(reason)),
      ),
      {
        ...Object.fromEntries(queues.map((queue, i) => [queue.name, tallies[i].received.size])),
        fulfilment: fulfilled.size,
        noEventTypeFulfilled: [...fulfilled].some((id) => noEventType.has(id)) ? 'yes' : 'no',
      },
    );
  },
};
