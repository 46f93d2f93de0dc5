import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  type EC2Client,
  type IpPermission,
  RevokeSecurityGroupEgressCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { ignoring } from './ignoring';

/**
 * The properties of a Custom::LabkitSecurityGroupRule: those of the AWS::EC2::SecurityGroupIngress
 * or SecurityGroupEgress it stands for, plus its direction. CloudFormation passes numbers as strings.
 */
export interface SecurityGroupRuleProperties {
  readonly Direction: 'ingress' | 'egress';
  readonly GroupId: string;
  readonly IpProtocol: string;
  readonly FromPort?: string | number;
  readonly ToPort?: string | number;
  readonly CidrIp?: string;
  readonly SourceSecurityGroupId?: string;
  readonly DestinationSecurityGroupId?: string;
  readonly Description?: string;
}

const port = (value: string | number | undefined) => (value === undefined ? undefined : Number(value));

/** The EC2 API form of a rule. */
export function toIpPermission(rule: SecurityGroupRuleProperties): IpPermission {
  const peer = rule.Direction === 'ingress' ? rule.SourceSecurityGroupId : rule.DestinationSecurityGroupId;
  const description = rule.Description;
  return {
    IpProtocol: String(rule.IpProtocol),
    FromPort: port(rule.FromPort),
    ToPort: port(rule.ToPort),
    ...(peer ? { UserIdGroupPairs: [{ GroupId: peer, Description: description }] } : {}),
    ...(rule.CidrIp ? { IpRanges: [{ CidrIp: rule.CidrIp, Description: description }] } : {}),
  };
}

/** Creates the rule (a rule that is already there is fine: a retried create finds it). */
export async function createRule(
  ec2: Pick<EC2Client, 'send'>,
  rule: SecurityGroupRuleProperties,
): Promise<void> {
  const input = { GroupId: rule.GroupId, IpPermissions: [toIpPermission(rule)] };
  await ignoring(/Duplicate/i, async () => {
    if (rule.Direction === 'ingress') await ec2.send(new AuthorizeSecurityGroupIngressCommand(input));
    else await ec2.send(new AuthorizeSecurityGroupEgressCommand(input));
  });
  if (rule.Direction === 'egress') {
    // CloudFormation's SecurityGroupEgress removes EC2's default allow-all egress rule of the group
    // (aws/aws-cdk#987); EC2's AuthorizeSecurityGroupEgress alone does not.
    await ignoring(/NotFound|does not exist/i, () =>
      ec2.send(
        new RevokeSecurityGroupEgressCommand({
          GroupId: rule.GroupId,
          IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
        }),
      ),
    );
  }
}

/** Removes the rule (gone already, or its group gone: fine). */
export async function deleteRule(
  ec2: Pick<EC2Client, 'send'>,
  rule: SecurityGroupRuleProperties,
): Promise<void> {
  const input = { GroupId: rule.GroupId, IpPermissions: [toIpPermission(rule)] };
  await ignoring(/NotFound|does not exist|InvalidPermission/i, async () => {
    if (rule.Direction === 'ingress') await ec2.send(new RevokeSecurityGroupIngressCommand(input));
    else await ec2.send(new RevokeSecurityGroupEgressCommand(input));
  });
}
