import { DescribeSecurityGroupRulesCommand, EC2Client, type SecurityGroupRule } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  fail,
} from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { serviceLoadBalancer } from './service-helpers';

const SERVICE_PORT = 80;
/** CDK's placeholder egress rule of a group that allows no outbound traffic. */
const NO_TRAFFIC_CIDR = '255.255.255.255/32';

async function rulesOf(context: ExperimentContext<Output>, groupId: string): Promise<SecurityGroupRule[]> {
  const { SecurityGroupRules = [] } = await clientOf(EC2Client, context).send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return SecurityGroupRules.filter((r) => r.CidrIpv4 !== NO_TRAFFIC_CIDR);
}

const describeRule = (r: SecurityGroupRule) =>
  `${r.IpProtocol}:${r.FromPort}-${r.ToPort} ${r.IsEgress ? 'to' : 'from'} ` +
  `${r.ReferencedGroupInfo?.GroupId ?? r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? '?'}`;

export const securityGroups: Experiment<Output> = {
  name: "Admit the service only from the forwarder's security group",
  fact: "The service admits only the function's security group; referencing a group, not a CIDR",
  proof: 'configuration',
  async run(context) {
    const lb = await serviceLoadBalancer(context);
    const serviceGroup = lb.SecurityGroups?.[0];
    if (!serviceGroup)
      return fail(
        `load balancer ${lb.LoadBalancerName} has no security group`,
        'a security group on the load balancer',
        'no-security-group',
      );
    const ingress = (await rulesOf(context, serviceGroup)).filter((r) => !r.IsEgress);
    const forwarderGroup = ingress[0]?.ReferencedGroupInfo?.GroupId;
    const egress = forwarderGroup ? (await rulesOf(context, forwarderGroup)).filter((r) => r.IsEgress) : [];
    const onlyPort = (r: SecurityGroupRule) =>
      r.IpProtocol === 'tcp' && r.FromPort === SERVICE_PORT && r.ToPort === SERVICE_PORT;
    const ingressOk = ingress.length === 1 && onlyPort(ingress[0]) && Boolean(forwarderGroup);
    const egressOk =
      egress.length === 1 && onlyPort(egress[0]) && egress[0].ReferencedGroupInfo?.GroupId === serviceGroup;
    const ok = lb.Scheme === 'internal' && ingressOk && egressOk;
    return expectThat(
      ok,
      `scheme ${lb.Scheme}; service group ${serviceGroup} ingress [${ingress.map(describeRule).join('; ')}]; ` +
        `forwarder group ${forwarderGroup ?? '?'} egress [${egress.map(describeRule).join('; ')}]`,
      `internal; one ingress tcp:${SERVICE_PORT} from the forwarder's group, no CIDR; its only egress tcp:${SERVICE_PORT} to the service group`,
      lb.Scheme !== 'internal' ? 'not-internal' : !ingressOk ? 'ingress-not-group' : 'egress-not-group',
    );
  },
};
