import { gone, shortName } from './support';
import { defineService } from './types';

/** Amazon Kinesis Data Streams: streams (provisioned ones bill per shard-hour, on-demand per stream-hour). */
export const kinesis = defineService({
  prefix: 'AWS::Kinesis',
  drawnGrants: 'kinesis',
  types: {
    'AWS::Kinesis::Stream': {
      price: {
        hourly: ({ id, props, add }) => {
          const mode = (props.StreamModeDetails as { StreamMode?: string } | undefined)?.StreamMode;
          if (mode === 'ON_DEMAND')
            add(`Kinesis on-demand stream ${shortName(id)}`, 1, 'kinesis:on-demand-stream-hour');
          else
            add(
              `Kinesis shards of ${shortName(id)} (provisioned)`,
              Number(props.ShardCount ?? 1),
              'kinesis:shard-hour',
            );
        },
        usage:
          'Kinesis Data Streams: provisioned $0.014 per million PUT payload units (25 KB); on-demand $0.08 per GB in, $0.04 per GB out',
      },
      diagram: { node: { label: 'Kinesis data stream', group: 'Streaming' } },
      leftovers: {
        exists: async (name, config) => {
          const { DescribeStreamSummaryCommand, KinesisClient } = await import('@aws-sdk/client-kinesis');
          return !(await gone(() =>
            new KinesisClient(config).send(new DescribeStreamSummaryCommand({ StreamName: name })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { KinesisClient, ListStreamsCommand } = await import('@aws-sdk/client-kinesis');
          const streams = await new KinesisClient(config).send(new ListStreamsCommand({}));
          return (streams.StreamNames ?? []).filter((name) => namedForLab(name));
        },
      },
    },
  },
});
