/** The FIFO topic drops a duplicate within the deduplication window and keeps order per message group. */

import { GetTopicAttributesCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { type Message, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  fail,
  outputOf,
} from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import { receiveAndDelete } from '../../../lib/experiments/queues';
import type { Output } from '../outputs';
import { deadLetterOf } from './queue-helpers'; /** Receives everything on a FIFO queue until `done` says so; deletes each batch so its group moves on. */

async function receiveFifo(
  sqs: SQSClient,
  queueUrl: string,
  runId: string,
  done: (bodies: readonly Message[]) => boolean,
  deadline: number,
): Promise<Message[]> {
  const mine: Message[] = [];
  while (Date.now() < deadline && !done(mine)) {
    const Messages = await receiveAndDelete(sqs, queueUrl, 1, {
      MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'],
    });
    mine.push(...Messages.filter((m) => m.Body?.includes(runId)));
  }
  return mine;
}

/** Both FIFO experiments rewired to the standard orders topic: it keeps no order and drops no duplicate. */
const STANDARD_TOPIC = {
  replaceOutput: ['OrdersFifoTopicArn', 'OrdersTopicArn'],
  why: 'the standard orders topic neither deduplicates nor orders: the experiment finds it is not FIFO',
  failsBecause: 'not-fifo',
} as const;

/** The FIFO topic's attributes as the experiments describe them, and whether they make it FIFO with dedup. */
async function fifoTopicOf(sns: SNSClient, context: ExperimentContext<Output>) {
  const topicArn = outputOf(context, 'OrdersFifoTopicArn');
  const { Attributes: topic = {} } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
  return {
    topicArn,
    fifo: topic.FifoTopic === 'true' && topic.ContentBasedDeduplication === 'true',
    described: `topic FifoTopic ${topic.FifoTopic ?? 'unset'}, ContentBasedDeduplication ${topic.ContentBasedDeduplication ?? 'unset'}`,
  };
}

export const fifoDedup: Experiment<Output> = {
  name: 'Drop a duplicate publish on the FIFO topic',
  fact: 'FIFO names end in `.fifo`; deduplication window 5 minutes; order is kept per message group',
  proof: 'behaviour',
  // On MiniStack this relies on the kit's fifo-topic-attributes compatibility step.
  mustFailWhen: STANDARD_TOPIC,
  async run(context) {
    const sns = clientOf(SNSClient, context);
    const sqs = clientOf(SQSClient, context);
    const { topicArn, fifo: topicFifo, described } = await fifoTopicOf(sns, context);
    // A standard topic takes no MessageGroupId and deduplicates nothing: nothing to publish.
    if (!topicFifo) return fail(described, 'a FIFO topic with content-based deduplication', 'not-fifo');
    const queueUrl = outputOf(context, 'LedgerQueueUrl');
    const runId = newRunId('dedup');
    const group = `${runId}-g`;
    const payment = JSON.stringify({ runId, ledger: 'payment', amount: 250 });
    const sentinel = JSON.stringify({ runId, ledger: 'sentinel' });
    // Same content twice (content-based deduplication id), then a sentinel behind it in the same group.
    const ids: string[] = [];
    for (const message of [payment, payment, sentinel]) {
      const response = await sns.send(
        new PublishCommand({ TopicArn: topicArn, Message: message, MessageGroupId: group }),
      );
      ids.push(response.MessageId ?? '?');
    }
    const received = await receiveFifo(
      sqs,
      queueUrl,
      runId,
      (got) => got.some((m) => m.Body === sentinel),
      Date.now() + 15_000,
    );
    const copies = received.filter((m) => m.Body === payment).length;
    const dlq = await deadLetterOf(sqs, queueUrl);
    const fifoNames = [topicArn, queueUrl, dlq.arn].every((name) => name.endsWith('.fifo'));
    const sentinelSeen = received.some((m) => m.Body === sentinel);
    return expectThat(
      copies === 1 && sentinelSeen && fifoNames,
      `${described}; published the same content twice: ledger got ${copies} cop${copies === 1 ? 'y' : 'ies'} ` +
        `(publish ids ${ids[0] === ids[1] ? 'identical' : 'distinct'}); sentinel ` +
        `${received.some((m) => m.Body === sentinel) ? 'received' : 'missing'}; topic, queue and DLQ names ` +
        `${fifoNames ? 'end in .fifo' : 'do not all end in .fifo'}`,
      'a FIFO topic with content-based deduplication, one copy of the duplicate, all FIFO names ending in .fifo',
      copies > 1 ? 'duplicate-delivered' : !sentinelSeen || copies === 0 ? 'not-delivered' : 'names',
    );
  },
};

export const fifoOrder: Experiment<Output> = {
  name: 'Keep order within each FIFO message group',
  fact: 'FIFO names end in `.fifo`; deduplication window 5 minutes; order is kept per message group',
  proof: 'behaviour',
  mustFailWhen: STANDARD_TOPIC,
  async run(context) {
    const sns = clientOf(SNSClient, context);
    const sqs = clientOf(SQSClient, context);
    const { topicArn, fifo, described } = await fifoTopicOf(sns, context);
    // A standard topic takes no MessageGroupId: there is no group order to observe.
    if (!fifo) return fail(described, 'a FIFO topic: order is kept per message group', 'not-fifo');
    const queueUrl = outputOf(context, 'LedgerQueueUrl');
    const runId = newRunId('order');
    const perGroup = 10;
    const groups = [`${runId}-A`, `${runId}-B`];
    // Interleaved A0 B0 A1 B1 ...: each group's order must survive, whatever the order across groups.
    for (let seq = 0; seq < perGroup; seq++) {
      for (const group of groups) {
        await sns.send(
          new PublishCommand({
            TopicArn: topicArn,
            Message: JSON.stringify({ runId, group, seq }),
            MessageGroupId: group,
          }),
        );
      }
    }
    const received = await receiveFifo(
      sqs,
      queueUrl,
      runId,
      (got) => got.length >= perGroup * groups.length,
      Date.now() + 20_000,
    );
    const sequences = groups.map((group) =>
      received
        .map((m) => JSON.parse(m.Body ?? '{}') as { group: string; seq: number })
        .filter((m) => m.group === group)
        .map((m) => m.seq),
    );
    const inOrder = sequences.every(
      (seqs) => seqs.join(',') === Array.from({ length: perGroup }, (_, i) => i).join(','),
    );
    const groupAttr = received.every((m) => groups.includes(m.Attributes?.MessageGroupId ?? ''));
    return expectThat(
      inOrder && groupAttr,
      `published ${perGroup} x 2 groups interleaved; received ${received.length}; ` +
        groups.map((g, i) => `${g.slice(-1)}: ${sequences[i].join(' ')}`).join('; ') +
        `; MessageGroupId ${groupAttr ? 'on every message' : 'missing or wrong'}`,
      `each group 0..${perGroup - 1} in order`,
      !inOrder ? 'out-of-order' : 'group-id',
    );
  },
};
