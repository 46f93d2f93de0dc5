import { gone, partOf, referencedId } from './support';
import { defineService } from './types';

/** Amazon SQS: queues (with their redrive edges) and queue policies. */
export const sqs = defineService({
  prefix: 'AWS::SQS',
  drawnGrants: 'sqs',
  types: {
    'AWS::SQS::Queue': {
      price: {
        // FIFO requests cost more than standard ones; a request is each 64 KiB chunk of a payload.
        usage: (props) =>
          props.FifoQueue
            ? 'SQS FIFO: $0.50 per million requests (64 KiB chunks; first million a month free, shared with standard)'
            : 'SQS standard: $0.40 per million requests (64 KiB chunks; first million a month free)',
      },
      diagram: {
        node: { label: 'SQS queue', group: 'Messaging' },
        edges: (id, props) => {
          const redrive = props.RedrivePolicy as
            | { deadLetterTargetArn?: unknown; maxReceiveCount?: number }
            | undefined;
          const dlq = referencedId(redrive?.deadLetterTargetArn);
          return dlq
            ? [{ from: id, to: dlq, label: `after ${redrive?.maxReceiveCount} receives`, dotted: true }]
            : [];
        },
      },
      leftovers: {
        exists: async (url, config) => {
          const { GetQueueAttributesCommand, SQSClient } = await import('@aws-sdk/client-sqs');
          return !(await gone(() =>
            new SQSClient(config).send(new GetQueueAttributesCommand({ QueueUrl: url })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { ListQueuesCommand, SQSClient } = await import('@aws-sdk/client-sqs');
          const queues = await new SQSClient(config).send(new ListQueuesCommand({}));
          return (queues.QueueUrls ?? []).filter((url) => namedForLab(url));
        },
      },
    },
    'AWS::SQS::QueuePolicy': {
      price: { free: 'a policy on a queue' },
      diagram: { hidden: 'it lets the subscribed topic send; the subscription edge shows that' },
      leftovers: { cannotOutlive: partOf('queue') },
    },
  },
});
