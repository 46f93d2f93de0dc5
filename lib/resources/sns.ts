import { gone, partOf, referencedId } from './support';
import { defineService } from './types';

/** Amazon SNS: topics, subscriptions (edges with their filter keys) and topic policies. */
export const sns = defineService({
  prefix: 'AWS::SNS',
  drawnGrants: 'sns',
  types: {
    'AWS::SNS::Topic': {
      price: {
        usage: (props) =>
          props.FifoTopic
            ? 'SNS FIFO: $0.30 per million publishes, plus charges per GB of payload and per delivery (not standard pricing; check the SNS pricing page)'
            : 'SNS standard: $0.50 per million publishes; deliveries to SQS and Lambda free',
      },
      diagram: { node: { label: 'SNS topic', group: 'Messaging' } },
      leftovers: {
        exists: async (arn, config) => {
          const { GetTopicAttributesCommand, SNSClient } = await import('@aws-sdk/client-sns');
          return !(await gone(() =>
            new SNSClient(config).send(new GetTopicAttributesCommand({ TopicArn: arn })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { ListTopicsCommand, SNSClient } = await import('@aws-sdk/client-sns');
          const topics = await new SNSClient(config).send(new ListTopicsCommand({}));
          return (topics.Topics ?? []).filter((t) => namedForLab(t.TopicArn)).map((t) => t.TopicArn ?? '');
        },
      },
    },
    'AWS::SNS::Subscription': {
      price: { free: 'deliveries are priced with the topic' },
      diagram: {
        hidden: 'drawn as the edge from its topic to its endpoint',
        edges: (_id, props, { drawn }) => {
          const topic = referencedId(props.TopicArn);
          const endpoint = referencedId(props.Endpoint);
          if (!(topic && endpoint && drawn.has(topic) && drawn.has(endpoint))) return [];
          const filter = props.FilterPolicy
            ? `filter: ${Object.keys(props.FilterPolicy as object).join(', ')}`
            : '';
          const raw = props.RawMessageDelivery ? 'raw' : '';
          return [
            { from: topic, to: endpoint, label: [filter, raw].filter(Boolean).join(', ') || 'subscription' },
          ];
        },
      },
      leftovers: { cannotOutlive: partOf('topic') },
    },
    'AWS::SNS::TopicPolicy': {
      price: { free: 'a policy on a topic' },
      diagram: { hidden: 'it lets the publishers publish; their edges show that' },
      leftovers: { cannotOutlive: partOf('topic') },
    },
  },
});
