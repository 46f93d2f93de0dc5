import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { gone, shortName } from './support';
import { type ClientConfig, defineService } from './types';

/**
 * A Kinesis client that speaks HTTP/1.1. The SDK's Kinesis client defaults to HTTP/2 (for
 * SubscribeToShard, which the kit does not call), and LocalStack's host gateway closes such a
 * session (ERR_HTTP2_SESSION_ERROR): the leftover scan after any lab failed there.
 */
export async function kinesisClient(config: ClientConfig): Promise<KinesisClient> {
  const { KinesisClient } = await import('@aws-sdk/client-kinesis');
  const { NodeHttpHandler } = await import('@smithy/node-http-handler');
  return new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() });
}

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
          const { DescribeStreamSummaryCommand } = await import('@aws-sdk/client-kinesis');
          const client = await kinesisClient(config);
          return !(await gone(() => client.send(new DescribeStreamSummaryCommand({ StreamName: name }))));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { ListStreamsCommand } = await import('@aws-sdk/client-kinesis');
          const streams = await (await kinesisClient(config)).send(new ListStreamsCommand({}));
          return (streams.StreamNames ?? []).filter((name) => namedForLab(name));
        },
      },
    },
  },
});
