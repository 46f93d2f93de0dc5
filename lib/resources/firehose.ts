import { gone, referencedId } from './support';
import { defineService } from './types';

/** Amazon Data Firehose: delivery streams, drawn with the stream they read and the bucket they write. */
export const firehose = defineService({
  prefix: 'AWS::KinesisFirehose',
  drawnGrants: 'firehose',
  types: {
    'AWS::KinesisFirehose::DeliveryStream': {
      price: {
        usage:
          'Amazon Data Firehose: $0.029 per GB ingested (each record rounded up to 5 KB), no hourly charge',
      },
      diagram: {
        node: { label: 'Firehose delivery stream', group: 'Streaming' },
        edges: (id, props) => {
          const source = referencedId(
            (props.KinesisStreamSourceConfiguration as { KinesisStreamARN?: unknown } | undefined)
              ?.KinesisStreamARN,
          );
          const destination = (props.ExtendedS3DestinationConfiguration ??
            props.S3DestinationConfiguration) as
            | { BucketARN?: unknown; BufferingHints?: { IntervalInSeconds?: number } }
            | undefined;
          const bucket = referencedId(destination?.BucketARN);
          const interval = destination?.BufferingHints?.IntervalInSeconds;
          return [
            ...(source ? [{ from: source, to: id, label: 'reads' }] : []),
            ...(bucket
              ? [
                  {
                    from: id,
                    to: bucket,
                    label: interval === undefined ? 'delivers' : `delivers every ${interval} s`,
                  },
                ]
              : []),
          ];
        },
      },
      leftovers: {
        exists: async (name, config) => {
          const { DescribeDeliveryStreamCommand, FirehoseClient } = await import('@aws-sdk/client-firehose');
          return !(await gone(() =>
            new FirehoseClient(config).send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { FirehoseClient, ListDeliveryStreamsCommand } = await import('@aws-sdk/client-firehose');
          const streams = await new FirehoseClient(config).send(new ListDeliveryStreamsCommand({}));
          return (streams.DeliveryStreamNames ?? []).filter((name) => namedForLab(name));
        },
      },
    },
  },
});
