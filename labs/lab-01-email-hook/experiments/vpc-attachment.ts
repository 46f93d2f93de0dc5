import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, fail, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

const NO_VPC_CONFIG_ON_MINISTACK =
  "MiniStack 1.5.33 drops a function's VpcConfig (GetFunctionConfiguration returns none), so the attachment " +
  'cannot be observed there.';

export const vpcAttachment: Experiment<Output> = {
  name: 'Attach the forwarder to the VPC',
  fact: 'A Lambda function has no access to VPC resources unless it is attached to subnets with a security group',
  proof: 'configuration',
  skipOn: { ministack: NO_VPC_CONFIG_ON_MINISTACK },
  mustFailWhen: {
    replaceOutput: ['ForwarderFunctionName', 'InboxFunctionName'],
    why: 'the inbox function sits behind the ALB, which invokes it through the Lambda service: it has no VPC attachment',
    failsBecause: 'not-attached',
  },
  async run(context) {
    const lambda = clientOf(LambdaClient, context);
    const vpcOf = async (functionName: string) =>
      (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }))).VpcConfig;
    const forwarder = await vpcOf(outputOf(context, 'ForwarderFunctionName'));
    // The contrast: the inbox is reached by the ALB through the Lambda service, so it needs no VPC.
    const inbox = await vpcOf(outputOf(context, 'InboxFunctionName'));
    const subnets = forwarder?.SubnetIds ?? [];
    const groups = forwarder?.SecurityGroupIds ?? [];
    const observed =
      `forwarder: VPC ${forwarder?.VpcId || 'none'}, ${subnets.length} subnet(s), security groups ` +
      `${groups.join(', ') || 'none'}; inbox: VPC ${inbox?.VpcId || 'none'}`;
    const expected =
      'the forwarder in a VPC, in subnets of two AZs, with one security group; the inbox outside';
    if (!forwarder?.VpcId) return fail(observed, expected, 'not-attached');
    return expectThat(
      subnets.length >= 2 && groups.length === 1 && !inbox?.VpcId,
      observed,
      expected,
      subnets.length < 2 ? 'one-subnet' : groups.length !== 1 ? 'security-groups' : 'inbox-attached',
    );
  },
};
