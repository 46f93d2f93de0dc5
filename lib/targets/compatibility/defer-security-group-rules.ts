import { CfnSecurityGroupEgress, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import type { CompatibilityStep } from './step';

/**
 * MiniStack's CloudFormation has no AWS::EC2::SecurityGroupIngress / SecurityGroupEgress, which CDK
 * emits whenever one group's rule names another group, and rejects a template that has one. On
 * MiniStack each such resource becomes a custom resource with the same logical id and properties,
 * which the kit's compatibility function creates through the EC2 API during the deploy (and
 * revokes on delete), so `describe-security-groups` shows the rule.
 */
export const deferSecurityGroupRules: CompatibilityStep = {
  name: 'defer-security-group-rules',
  target: 'ministack',
  why:
    'MiniStack CloudFormation lacks AWS::EC2::SecurityGroupIngress/Egress; on MiniStack each such rule becomes a ' +
    'custom resource (same logical id and properties) that creates it through the EC2 API during the deploy.',
  covers: { resourceTypes: ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'] },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.securityGroupRule,
  transform(node) {
    const scope = node.node.scope;
    if (!scope) return;
    let properties: Record<string, unknown>;
    if (node instanceof CfnSecurityGroupIngress) {
      properties = {
        Direction: 'ingress',
        GroupId: node.groupId,
        IpProtocol: node.ipProtocol,
        FromPort: node.fromPort,
        ToPort: node.toPort,
        CidrIp: node.cidrIp,
        SourceSecurityGroupId: node.sourceSecurityGroupId,
        Description: node.description,
      };
    } else if (node instanceof CfnSecurityGroupEgress) {
      properties = {
        Direction: 'egress',
        GroupId: node.groupId,
        IpProtocol: node.ipProtocol,
        FromPort: node.fromPort,
        ToPort: node.toPort,
        CidrIp: node.cidrIp,
        DestinationSecurityGroupId: node.destinationSecurityGroupId,
        Description: node.description,
      };
    } else {
      return;
    }
    // Same scope and id: same logical id, so anything that depends on the rule still does.
    const id = node.node.id;
    scope.node.tryRemoveChild(id);
    compatibilityResource(scope, id, COMPAT_RESOURCE_TYPES.securityGroupRule, properties);
  },
};
