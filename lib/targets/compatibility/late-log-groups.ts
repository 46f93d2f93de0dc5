import {
  CloudWatchLogsClient,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { sleep } from '../../experiments/helpers';
import { localClientConfig } from '../local-endpoint';
import { type CompatibilityStep, hasResource } from './step';

/**
 * MiniStack writes a Lambda invocation's logs without applying IAM, so an invocation still running
 * when the stack is deleted (a stream poller's last batch) creates the function's log group again.
 * On AWS the function's role may not create log groups. After `labs destroy` this deletes such a
 * group once more, before the leftover scan.
 */
export const lateLogGroups: CompatibilityStep = {
  name: 'late-log-groups',
  target: 'ministack',
  why:
    'MiniStack writes Lambda logs without applying IAM, so an invocation still running while a lab is destroyed ' +
    'recreates its log group; after labs destroy the kit deletes such a group again, before the leftover scan.',
  covers: {
    resourceTypes: ['AWS::Logs::LogGroup'],
    behaviour: "functions' log groups",
    appliesTo: (template) =>
      hasResource(template, ['AWS::Lambda::Function']) && hasResource(template, ['AWS::Logs::LogGroup']),
  },
  phase: 'labs-destroy',
  plainCdk:
    'plain cdk destroy does not run it: a log group recreated by a late invocation stays (npx labs sweep lists it ' +
    'when labs deploy recorded the stack; else delete it with aws logs delete-log-group)',
  async afterDestroy({ resources }) {
    const names = resources.filter((r) => r.type === 'AWS::Logs::LogGroup').map((r) => r.physicalId);
    if (names.length === 0) return undefined;
    await sleep(2000); // let in-flight invocations finish writing
    const logs = new CloudWatchLogsClient(localClientConfig());
    const recreated: string[] = [];
    for (const name of names) {
      const found = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
      if (!(found.logGroups ?? []).some((g) => g.logGroupName === name)) continue;
      await logs.send(new DeleteLogGroupCommand({ logGroupName: name }));
      recreated.push(name);
    }
    return recreated.length > 0
      ? `deleted ${recreated.join(', ')} again (recreated by a late invocation)`
      : undefined;
  },
};
