import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-05: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  fiveReservedAddresses: ['IsolatedProbeFunction'],
  defaultRoutePerTier: [
    'PublicProbeFunction',
    'NetworkVpcIGW',
    'PrivateProbeFunction',
    'IsolatedProbeFunction',
  ],
  gatewayEndpointsOnRouteTables: [
    'NetworkVpcS3Endpoint',
    'NetworkVpcDynamoDbEndpoint',
    'PrivateProbeFunction',
    'IsolatedProbeFunction',
  ],
  gatewayEndpointPrefixListRoutes: [
    'NetworkVpcS3Endpoint',
    'NetworkVpcDynamoDbEndpoint',
    'PrivateProbeFunction',
    'IsolatedProbeFunction',
  ],
  defaultAclAllowsAll: ['PrivateProbeFunction'],
  dataTierAclRuleOrder: ['DataTierAcl', 'IsolatedProbeFunction'],
  securityGroupsChainTiers: ['WebTier', 'AppTier', 'DbTier'],
  flowLogsToLogGroup: ['NetworkVpcFlowLog'],
  reachFromEachTier: [
    'PublicProbeFunction',
    'NetworkVpcIGW',
    'PrivateProbeFunction',
    'NetworkVpcS3Endpoint',
    'IsolatedProbeFunction',
  ],
  dataTierAclDropsHttp: ['DataTierAcl', 'IsolatedProbeFunction'],
  securityGroupsStateful: ['PrivateProbeFunction', 'IsolatedProbeFunction'],
  interfaceEndpointPerAz: [],
};
