import {
  CfnFlowLog,
  CfnNetworkAcl,
  CfnNetworkAclEntry,
  CfnSubnetNetworkAclAssociation,
} from 'aws-cdk-lib/aws-ec2';
import type { CompatibilityStep } from './step';

const TYPES = [
  'AWS::EC2::NetworkAcl',
  'AWS::EC2::NetworkAclEntry',
  'AWS::EC2::SubnetNetworkAclAssociation',
  'AWS::EC2::FlowLog',
] as const;

/**
 * MiniStack 1.5.33's CloudFormation has none of the network ACL types nor AWS::EC2::FlowLog and
 * rejects a whole template that holds one. Its EC2 API has CreateNetworkAcl, CreateNetworkAclEntry
 * and CreateFlowLogs, but a step creating them there would show a lab that is not there: it stores
 * an entry without its port range, a ReplaceNetworkAclAssociation without the subnet, filters no
 * packet, and writes no flow log record. So on MiniStack these resources are left out of the
 * template (the VPC's default network ACL, which MiniStack models, stays), and the experiments
 * that read them say they are skipped there and why. On AWS the template keeps all of them.
 */
export const leaveOutNetworkAclsAndFlowLogs: CompatibilityStep = {
  name: 'leave-out-network-acls-and-flow-logs',
  target: 'ministack',
  why:
    'MiniStack CloudFormation lacks AWS::EC2::NetworkAcl, NetworkAclEntry, SubnetNetworkAclAssociation and FlowLog ' +
    '(it rejects the whole template), and its EC2 API keeps no port range of an ACL entry, no subnet of an ACL ' +
    'association and writes no flow log record; on MiniStack these resources are left out of the template, and ' +
    'the experiments that read them are skipped there with that reason.',
  covers: { resourceTypes: TYPES },
  phase: 'synth',
  transform(node) {
    if (
      !(node instanceof CfnNetworkAcl) &&
      !(node instanceof CfnNetworkAclEntry) &&
      !(node instanceof CfnSubnetNetworkAclAssociation) &&
      !(node instanceof CfnFlowLog)
    ) {
      return;
    }
    node.node.scope?.node.tryRemoveChild(node.node.id);
  },
};
