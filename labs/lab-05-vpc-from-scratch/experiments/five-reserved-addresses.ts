import { DescribeNetworkInterfacesCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { EXPECTED_MASKS, RESERVED_PER_SUBNET, subnetsOf, TIERS } from './network-helpers';

export const fiveReservedAddresses: Experiment<Output> = {
  name: 'Count five reserved addresses in every subnet',
  fact: 'AWS reserves five addresses in every subnet (network, router, DNS, future use, broadcast): a /28 offers 11, a /27 27, a /26 59.',
  // It reads the count EC2 reports (AvailableIpAddressCount) back; filling a subnet with interfaces
  // to watch it refuse the twelfth address of a /28 would be behaviour, at a cost a lab run does not need.
  proof: 'configuration',
  mustFailWhen: {
    swapOutputs: ['PublicSubnetIds', 'PrivateSubnetIds'],
    why: 'the private subnets are /26s: 59 usable addresses where the public tier (a /28) has 11',
    failsBecause: 'usable',
  },
  measures: ['usableInSlash28'],
  async run(context) {
    const ec2 = clientOf(EC2Client, context);
    const lines: string[] = [];
    let ok = true;
    let because = '';
    let usableInSlash28: number | undefined;
    for (const tier of TIERS) {
      const ids = subnetsOf(context, tier);
      const { Subnets } = await ec2.send(new DescribeSubnetsCommand({ SubnetIds: ids }));
      for (const subnet of Subnets ?? []) {
        const mask = Number(subnet.CidrBlock?.split('/')[1]);
        // Addresses in use (the probes' and endpoints' interfaces) are not available either.
        const { NetworkInterfaces } = await ec2.send(
          new DescribeNetworkInterfacesCommand({
            Filters: [{ Name: 'subnet-id', Values: [subnet.SubnetId ?? ''] }],
          }),
        );
        const inUse = (NetworkInterfaces ?? []).reduce(
          (n, eni) => n + (eni.PrivateIpAddresses?.length ?? 1),
          0,
        );
        const size = 2 ** (32 - mask);
        const available = subnet.AvailableIpAddressCount ?? -1;
        const reserved = size - inUse - available;
        if (mask === 28) usableInSlash28 = available + inUse;
        // The tier's documented size less the five reserved: 11 for the public /28.
        const usable = available + inUse;
        const documented = 2 ** (32 - EXPECTED_MASKS[tier]) - RESERVED_PER_SUBNET;
        because ||= reserved !== RESERVED_PER_SUBNET ? 'reserved' : usable !== documented ? 'usable' : '';
        ok &&= reserved === RESERVED_PER_SUBNET && usable === documented;
        lines.push(
          `${tier} ${subnet.CidrBlock}: ${size} addresses, ${available} available, ${inUse} in use -> ` +
            `${reserved} reserved, ${usable} usable`,
        );
      }
    }
    return withMeasurements(
      expectThat(
        ok && lines.length === 6,
        lines.join('; '),
        `${RESERVED_PER_SUBNET} reserved in each of the six subnets: 11 usable in a public /28, 59 in a ` +
          'private /26, 27 in an isolated /27',
        because || 'subnets',
      ),
      { usableInSlash28: usableInSlash28 ?? -1 },
    );
  },
};
