import { DescribeNetworkInterfacesCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { EXPECTED_MASKS, RESERVED_PER_SUBNET, subnetsOf, TIERS } from './network-helpers';

export const fiveReservedAddresses: Experiment<Output> = {
  name: 'Count five reserved addresses in every subnet',
  fact: 'AWS reserves five addresses in every subnet (network, router, DNS, future use, broadcast): a /28 offers 11, a /27 27, a /26 59.',
  proof: 'behaviour',
  measures: ['usableInSlash28'],
  async run(context) {
    const ec2 = clientOf(EC2Client, context);
    const lines: string[] = [];
    let ok = true;
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
        ok &&= reserved === RESERVED_PER_SUBNET && mask === EXPECTED_MASKS[tier];
        lines.push(
          `${tier} ${subnet.CidrBlock}: ${size} addresses, ${available} available, ${inUse} in use -> ${reserved} reserved`,
        );
      }
    }
    return withMeasurements(
      expectThat(
        ok && lines.length === 6,
        lines.join('; '),
        `${RESERVED_PER_SUBNET} reserved in each of the six subnets`,
      ),
      { usableInSlash28: usableInSlash28 ?? -1 },
    );
  },
};
