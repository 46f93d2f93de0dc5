import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-03: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  albSpansTwoAzs: ['LoadBalancer'],
  singleAzAlbRefused: ['LoadBalancer'],
  port80ForwardsToTargets: ['LoadBalancer', 'WebServersASG'],
  albHasDnsName: ['LoadBalancer'],
  groupKeepsTwoToFour: ['WebServersASG'],
  groupUsesElbHealth: ['LoadBalancer', 'WebServersASG'],
  instancesRegistered: ['LoadBalancer', 'WebServersASG'],
  instancesInTwoAzs: ['WebServersASG'],
  cpuTargetTracking: ['WebServersASG'],
  httpHealthCheck: ['LoadBalancer', 'WebServersASG'],
  httpOnlyFromAlb: ['LoadBalancer', 'WebServersASG'],
  al2023WithImdsv2: ['WebServersASG'],
  http200ThroughAlb: ['LoadBalancer', 'WebServersASG'],
  imdsv1Refused: ['LoadBalancer', 'WebServersASG'],
  unhealthyInstanceReplaced: ['LoadBalancer', 'WebServersASG'],
  answersFromTwoAzs: ['LoadBalancer', 'WebServersASG'],
};
