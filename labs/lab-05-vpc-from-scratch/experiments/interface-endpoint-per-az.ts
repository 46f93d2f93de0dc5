import { DescribeVpcEndpointsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, skipped } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { subnetsOf } from './network-helpers';
export const interfaceEndpointPerAz: Experiment<Output> = {
  name: 'Place an interface endpoint in each AZ it serves',
  fact: 'An interface endpoint (PrivateLink) is a network interface with a private IP in each chosen subnet, billed per AZ and hour plus per GB; gateway endpoints are free.',
  proof: 'configuration',
  relaxedOn: {
    ministack:
      'MiniStack creates no network interface for an endpoint, so the one interface per subnet is not counted',
  },
  async run(context) {
    const id = context.outputs.InterfaceEndpointId;
    if (!id)
      return skipped('the interface endpoint is opt-in: deploy with -c interfaceEndpoint=true to see it');
    const { VpcEndpoints } = await clientOf(EC2Client, context).send(
      new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] }),
    );
    const endpoint = VpcEndpoints?.[0];
    const subnets = endpoint?.SubnetIds ?? [];
    const interfaces = endpoint?.NetworkInterfaceIds ?? [];
    const privateSubnets = subnetsOf(context, 'private');
    // MiniStack records the subnets but creates no network interface for an endpoint: see relaxedOn.
    const interfacesOk = context.target === 'ministack' || interfaces.length === privateSubnets.length;
    const inEachSubnet =
      subnets.length === privateSubnets.length && privateSubnets.every((s) => subnets.includes(s));
    return expectThat(
      endpoint?.VpcEndpointType === 'Interface' && inEachSubnet && interfacesOk,
      `${id} ${endpoint?.VpcEndpointType} ${endpoint?.ServiceName}: subnets ${subnets.join(' ')}; interfaces ${interfaces.join(' ') || 'none'}`,
      `an Interface endpoint in the ${privateSubnets.length} private subnets, one network interface each`,
      endpoint?.VpcEndpointType !== 'Interface' ? 'not-interface' : inEachSubnet ? 'interfaces' : 'subnets',
    );
  },
};
