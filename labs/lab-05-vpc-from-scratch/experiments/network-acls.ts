import { DescribeNetworkAclsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, fail, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { entryLine, subnetsOf } from './network-helpers';

const MINISTACK_NO_ACL =
  'On MiniStack the step leave-out-network-acls-and-flow-logs leaves the network ACL out: its CloudFormation has no ' +
  'NetworkAcl types and its EC2 API keeps no port range of an entry.';

export const defaultAclAllowsAll: Experiment<Output> = {
  name: 'Find the default network ACL allowing everything',
  fact: "A VPC's default network ACL allows all inbound and outbound traffic (rule 100), before the final * deny; a custom one denies everything until rules are added.",
  proof: 'configuration',
  async run(context) {
    const { NetworkAcls } = await clientOf(EC2Client, context).send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [outputOf(context, 'VpcId')] },
          { Name: 'default', Values: ['true'] },
        ],
      }),
    );
    const entries = NetworkAcls?.[0]?.Entries ?? [];
    const allowsAll = (egress: boolean) =>
      entries.some(
        (e) =>
          e.Egress === egress &&
          e.RuleNumber === 100 &&
          e.RuleAction === 'allow' &&
          e.Protocol === '-1' &&
          e.CidrBlock === '0.0.0.0/0',
      );
    return expectThat(
      (NetworkAcls ?? []).length === 1 && allowsAll(false) && allowsAll(true),
      `default ACL ${NetworkAcls?.[0]?.NetworkAclId ?? 'not found'}: ${entries.map(entryLine).join('; ')}`,
      'in 100 allow all 0.0.0.0/0 and out 100 allow all 0.0.0.0/0',
      (NetworkAcls ?? []).length === 1 ? 'not-allow-all' : 'no-default-acl',
    );
  },
};

export const dataTierAclRuleOrder: Experiment<Output> = {
  name: "Read the data tier's network ACL in rule order",
  fact: 'A network ACL is stateless and evaluated lowest rule number first: rule 90 denies outbound HTTP before rule 100 allows all TCP, and inbound rule 100 admits the return traffic on ephemeral ports 1024-65535.',
  proof: 'configuration',
  skipOn: { ministack: MINISTACK_NO_ACL },
  mustFailWhen: {
    replaceOutput: ['IsolatedSubnetIds', 'PrivateSubnetIds'],
    why: "the private subnets have the VPC's default ACL: its first match for outbound HTTP is rule 100 allow",
    failsBecause: 'http-not-denied-first',
  },
  async run(context) {
    // The ACL the data tier's subnets are associated with (a subnet has exactly one).
    const isolated = subnetsOf(context, 'isolated');
    const { NetworkAcls } = await clientOf(EC2Client, context).send(
      new DescribeNetworkAclsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [outputOf(context, 'VpcId')] },
          { Name: 'association.subnet-id', Values: isolated },
        ],
      }),
    );
    const acl = NetworkAcls?.[0];
    if (!acl || NetworkAcls?.length !== 1)
      return fail(
        `${NetworkAcls?.length ?? 0} network ACLs on the isolated subnets`,
        'one ACL for both',
        'acl-per-tier',
      );
    const entries = [...(acl.Entries ?? [])].sort((a, b) => (a.RuleNumber ?? 0) - (b.RuleNumber ?? 0));
    const first = (egress: boolean, port: number) =>
      entries.find(
        (e) =>
          e.Egress === egress &&
          (e.Protocol === '-1' ||
            (e.Protocol === '6' && (e.PortRange?.From ?? 0) <= port && port <= (e.PortRange?.To ?? 65535))) &&
          e.CidrBlock === '0.0.0.0/0',
      );
    const http = first(true, 80);
    const https = first(true, 443);
    const returning = first(false, 40000);
    const associated = new Set((acl.Associations ?? []).map((a) => a.SubnetId));
    const httpDeniedFirst = http?.RuleNumber === 90 && http.RuleAction === 'deny';
    const httpsAllowed = https?.RuleNumber === 100 && https.RuleAction === 'allow';
    const returnAllowed = returning?.RuleAction === 'allow' && returning.PortRange?.From === 1024;
    const onlyIsolated = isolated.every((s) => associated.has(s)) && associated.size === isolated.length;
    return expectThat(
      httpDeniedFirst && httpsAllowed && returnAllowed && onlyIsolated,
      `${acl.NetworkAclId} on ${[...associated].join(' ')}: ${entries.map(entryLine).join('; ')}; ` +
        `first match for out tcp/80: ${http ? entryLine(http) : 'none'}, out tcp/443: ${https ? entryLine(https) : 'none'}, in tcp/40000: ${returning ? entryLine(returning) : 'none'}`,
      'on the two isolated subnets; out tcp/80 first matches 90 deny, out tcp/443 100 allow, in tcp/40000 100 allow 1024-65535',
      !httpDeniedFirst
        ? 'http-not-denied-first'
        : !httpsAllowed
          ? 'https-not-allowed'
          : !returnAllowed
            ? 'no-return-rule'
            : 'not-only-isolated',
    );
  },
};
