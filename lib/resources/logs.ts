import { partOf } from './support';
import { defineService } from './types';

/** Amazon CloudWatch Logs: log groups (explicit in every lab; sweep deletes the ones left over). */
export const logs = defineService({
  prefix: 'AWS::Logs',
  types: {
    'AWS::Logs::LogGroup': {
      price: { usage: 'CloudWatch Logs: $0.50 per GB ingested, $0.03 per GB-month stored' },
      diagram: { hidden: 'where the functions log, not part of the architecture' },
      leftovers: {
        exists: async (name, config) => {
          const { CloudWatchLogsClient, DescribeLogGroupsCommand } = await import(
            '@aws-sdk/client-cloudwatch-logs'
          );
          const found = await new CloudWatchLogsClient(config).send(
            new DescribeLogGroupsCommand({ logGroupNamePrefix: name }),
          );
          return (found.logGroups ?? []).some((group) => group.logGroupName === name);
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { CloudWatchLogsClient, DescribeLogGroupsCommand } = await import(
            '@aws-sdk/client-cloudwatch-logs'
          );
          const groups = await new CloudWatchLogsClient(config).send(new DescribeLogGroupsCommand({}));
          return (groups.logGroups ?? [])
            .filter((g) => namedForLab(g.logGroupName))
            .map((g) => g.logGroupName ?? '');
        },
      },
      sweep: {
        delete: async ({ id }, { logs }) => {
          const { DeleteLogGroupCommand } = await import('@aws-sdk/client-cloudwatch-logs');
          await logs.send(new DeleteLogGroupCommand({ logGroupName: id }));
          return undefined;
        },
      },
    },
    'AWS::Logs::LogStream': {
      price: { free: 'a stream inside a log group; the group prices what is logged' },
      diagram: { hidden: 'where a delivery stream logs its errors, not part of the architecture' },
      leftovers: { cannotOutlive: partOf('log group') },
    },
  },
});
