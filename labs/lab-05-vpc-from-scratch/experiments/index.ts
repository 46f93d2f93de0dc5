/**
 * lab-05 experiments. The configuration ones read the deployed network back through the EC2 API
 * (route tables, endpoints, ACLs, security groups, flow logs). The behaviour ones run on AWS only:
 * they invoke the probe function of each tier, which tries HTTP(S) connections from its subnet and
 * reports which ones got any answer. Emulators run functions on the host, not in a subnet.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { dataTierAclDropsHttp } from './data-tier-acl-drops-http';
import { defaultRoutePerTier } from './default-route-per-tier';
import { fiveReservedAddresses } from './five-reserved-addresses';
import { flowLogsToLogGroup } from './flow-logs';
import { gatewayEndpointPrefixListRoutes, gatewayEndpointsOnRouteTables } from './gateway-endpoints';
import { interfaceEndpointPerAz } from './interface-endpoint-per-az';
import { dataTierAclRuleOrder, defaultAclAllowsAll } from './network-acls';
import { reachFromEachTier } from './reach-from-each-tier';
import { securityGroupsChainTiers } from './security-groups-chain-tiers';
import { securityGroupsStateful } from './security-groups-stateful';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  fiveReservedAddresses,
  defaultRoutePerTier,
  gatewayEndpointsOnRouteTables,
  gatewayEndpointPrefixListRoutes,
  defaultAclAllowsAll,
  dataTierAclRuleOrder,
  securityGroupsChainTiers,
  flowLogsToLogGroup,
  reachFromEachTier,
  dataTierAclDropsHttp,
  securityGroupsStateful,
  interfaceEndpointPerAz,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
