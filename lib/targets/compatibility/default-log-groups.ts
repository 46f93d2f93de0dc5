import {
  CloudWatchLogsClient,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { localClientConfig } from '../local-endpoint';
import { type CompatibilityStep, hasResource } from './step';

/**
 * LocalStack 4.13.1 ignores a function's LoggingConfig (it logs that the setting is mocked) and
 * writes every invocation's logs to /aws/lambda/<function name>, a log group the stack never made,
 * so it outlives the lab. After `labs destroy` the kit deletes that group for each function the
 * destroyed stack had, before the leftover scan.
 */
export const defaultLogGroups: CompatibilityStep = {
  name: 'default-log-groups',
  target: 'localstack',
  why:
    "LocalStack 4.13.1 ignores a function's LoggingConfig and writes its logs to /aws/lambda/<function name>, a " +
    'group the stack never made; after labs destroy the kit deletes that group for each of its functions.',
  covers: {
    resourceTypes: ['AWS::Logs::LogGroup'],
    behaviour: "functions' default log groups",
    appliesTo: (template) => hasResource(template, ['AWS::Lambda::Function']),
  },
  phase: 'labs-destroy',
  plainCdk:
    'plain cdk destroy does not run it: the /aws/lambda/<function name> groups stay (delete them with ' +
    'aws logs delete-log-group)',
  async afterDestroy({ resources, endpoint }) {
    const groups = resources
      .filter((r) => r.type === 'AWS::Lambda::Function')
      .map((r) => `/aws/lambda/${r.physicalId}`);
    if (groups.length === 0) return undefined;
    const logs = new CloudWatchLogsClient(localClientConfig(endpoint));
    const deleted: string[] = [];
    try {
      for (const name of groups) {
        const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
        if (!(found.logGroups ?? []).some((g) => g.logGroupName === name)) continue;
        await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
        deleted.push(name);
      }
    } finally {
      logs.destroy();
    }
    return deleted.length > 0 ? `deleted ${deleted.join(', ')}` : undefined;
  },
};
