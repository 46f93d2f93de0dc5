import { DescribeSecurityGroupsCommand, EC2Client, type IpPermission } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { PORTS } from './network-helpers';

/** Rules of a security group, as `tcp:8080 from sg-...` lines. */
function ruleLines(permissions: IpPermission[] | undefined, direction: 'from' | 'to'): string[] {
  return (permissions ?? []).flatMap((p) => {
    const port = p.IpProtocol === '-1' ? 'all' : `${p.IpProtocol}:${p.FromPort}`;
    return [
      ...(p.UserIdGroupPairs ?? []).map((g) => `${port} ${direction} ${g.GroupId}`),
      ...(p.IpRanges ?? []).map((r) => `${port} ${direction} ${r.CidrIp}`),
    ];
  });
}

export const securityGroupsChainTiers: Experiment<Output> = {
  name: 'Admit each tier only from the security group in front of it',
  fact: 'Security groups can name other groups: the app tier admits 8080 only from the web group, the database 5432 only from the app group, and each sends only to the next tier.',
  proof: 'configuration',
  mustFailWhen: {
    swapOutputs: ['WebSecurityGroupId', 'DbSecurityGroupId'],
    why: 'the database group admits only the app group, not HTTPS from anywhere',
    failsBecause: 'web-rules',
  },
  async run(context) {
    const ids = {
      web: outputOf(context, 'WebSecurityGroupId'),
      app: outputOf(context, 'AppSecurityGroupId'),
      db: outputOf(context, 'DbSecurityGroupId'),
    };
    const { SecurityGroups } = await clientOf(EC2Client, context).send(
      new DescribeSecurityGroupsCommand({ GroupIds: Object.values(ids) }),
    );
    const byId = new Map((SecurityGroups ?? []).map((g) => [g.GroupId, g]));
    const rules = (id: string) => {
      const group = byId.get(id);
      return {
        in: ruleLines(group?.IpPermissions, 'from').sort(),
        // CDK's placeholder for "no egress" (255.255.255.255/32, icmp 252-86) is not a destination.
        out: ruleLines(group?.IpPermissionsEgress, 'to')
          .filter((l) => !l.endsWith('255.255.255.255/32'))
          .sort(),
      };
    };
    const expected = {
      web: { in: [`tcp:${PORTS.web} from 0.0.0.0/0`], out: [`tcp:${PORTS.app} to ${ids.app}`] },
      app: { in: [`tcp:${PORTS.app} from ${ids.web}`], out: [`tcp:${PORTS.db} to ${ids.db}`] },
      db: { in: [`tcp:${PORTS.db} from ${ids.app}`], out: [] as string[] },
    };
    const seen = (['web', 'app', 'db'] as const).map((tier) => ({ tier, ...rules(ids[tier]) }));
    const wrong = seen.find(
      (s) => JSON.stringify({ in: s.in, out: s.out }) !== JSON.stringify(expected[s.tier]),
    );
    const show = (s: { tier: string; in: string[]; out: string[] }) =>
      `${s.tier}: in [${s.in.join(', ')}] out [${s.out.join(', ')}]`;
    return expectThat(
      wrong === undefined,
      seen.map(show).join('; '),
      (['web', 'app', 'db'] as const).map((tier) => show({ tier, ...expected[tier] })).join('; '),
      `${wrong?.tier}-rules`,
    );
  },
};
