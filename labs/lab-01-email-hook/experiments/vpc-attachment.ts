import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

const NO_VPC_CONFIG_ON_MINISTACK =
  "MiniStack 1.5.33 drops a function's VpcConfig (GetFunctionConfiguration returns none), so the attachment " +
  'cannot be observed there.';

export const vpcAttachment: Experiment<Output> = {
  name: 'Attach the forwarder to the VPC',
  fact: 'A Lambda function has no access to VPC resources unless it is attached to subnets with a security group',
  proof: 'configuration',
  skipOn: { ministack: NO_VPC_CONFIG_ON_MINISTACK },
  async run(context) {
    const config = await clientOf(LambdaClient, context).send(
      new GetFunctionConfigurationCommand({ FunctionName: outputOf(context, 'ForwarderFunctionName') }),
    );
    const subnets = config.VpcConfig?.SubnetIds ?? [];
    const groups = config.VpcConfig?.SecurityGroupIds ?? [];
    return expectThat(
      subnets.length >= 2 && groups.length === 1 && Boolean(config.VpcConfig?.VpcId),
      `VPC ${config.VpcConfig?.VpcId ?? 'none'}, ${subnets.length} subnet(s), security groups ${groups.join(', ') || 'none'}`,
      'a VPC, subnets in two AZs, one security group',
    );
  },
};
