import { DescribeFlowLogsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

const MINISTACK_NO_FLOW_LOG =
  'On MiniStack the step leave-out-network-acls-and-flow-logs leaves the flow log out: its CloudFormation has no ' +
  'AWS::EC2::FlowLog and it writes no flow log record.';

export const flowLogsToLogGroup: Experiment<Output> = {
  name: 'Send the flow logs of the VPC to the log group',
  fact: 'VPC flow logs record accepted and rejected flows of every interface in the VPC (not packet contents) and deliver them to CloudWatch Logs through a role.',
  proof: 'configuration',
  skipOn: { ministack: MINISTACK_NO_FLOW_LOG },
  mustFailWhen: {
    replaceOutput: ['FlowLogGroupName', 'PublicProbeName'],
    why: 'the flow log delivers to the lab log group, not to a group of that name: the destination check must see it',
    failsBecause: 'destination',
  },
  async run(context) {
    const vpcId = outputOf(context, 'VpcId');
    const group = outputOf(context, 'FlowLogGroupName');
    const { FlowLogs } = await clientOf(EC2Client, context).send(
      new DescribeFlowLogsCommand({ Filter: [{ Name: 'resource-id', Values: [vpcId] }] }),
    );
    const seen = (FlowLogs ?? []).map(
      (f) =>
        `${f.FlowLogId} ${f.FlowLogStatus} ${f.TrafficType} -> ${f.LogDestinationType} ${f.LogGroupName ?? f.LogDestination}`,
    );
    const active = (FlowLogs ?? []).filter(
      (f) => f.FlowLogStatus === 'ACTIVE' && f.TrafficType === 'ALL' && Boolean(f.DeliverLogsPermissionArn),
    );
    const ok = active.some(
      (f) =>
        f.LogDestinationType === 'cloud-watch-logs' &&
        (f.LogGroupName === group || (f.LogDestination ?? '').endsWith(`:log-group:${group}`)),
    );
    return expectThat(
      ok,
      seen.join('; ') || `no flow log on ${vpcId}`,
      `an ACTIVE flow log of ALL traffic to ${group}, delivered through a role`,
      active.length === 0 ? 'no-active-flow-log' : 'destination',
    );
  },
};
