import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { describe, NO_SUBNETS_ON_EMULATORS, probe, region } from './network-helpers';
export const securityGroupsStateful: Experiment<Output> = {
  name: 'Let answers back in through a group with no inbound rule',
  fact: 'Security groups are stateful: the probes\u2019 group has no inbound rule, yet the answers to their own connections come back; the stateless ACL needs its inbound ephemeral-port rule for the same answers.',
  proof: 'behaviour',
  skipOn: { ministack: NO_SUBNETS_ON_EMULATORS, localstack: NO_SUBNETS_ON_EMULATORS },
  mustFailWhen: {
    replaceOutput: ['ProbeSecurityGroupId', 'WebSecurityGroupId'],
    why: 'the web group admits HTTPS: an answer through it would not show that a group with no inbound rule lets answers in',
    failsBecause: 'inbound-rule',
  },
  async run(context) {
    const groupId = outputOf(context, 'ProbeSecurityGroupId');
    const { SecurityGroups } = await clientOf(EC2Client, context).send(
      new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }),
    );
    const inbound = SecurityGroups?.[0]?.IpPermissions ?? [];
    const where = await region(context);
    const [answer] = await probe(context, 'isolated', [
      { name: 's3', url: `https://s3.${where}.amazonaws.com/`, timeoutMs: 5_000 },
    ]);
    return expectThat(
      inbound.length === 0 && answer?.reached === true,
      `probe group ${groupId}: ${inbound.length} inbound rules; isolated probe: ${answer ? describe(answer) : 'no result'}`,
      'no inbound rule, and the answer from S3 arrives',
      inbound.length > 0 ? 'inbound-rule' : 'answer-lost',
    );
  },
};
