import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-09: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  routeEveryBranch: ['OrderWorkflow', 'ApprovalsQueue'],
  directDynamoDb: ['OrderWorkflow', 'Orders'],
  retryTimeout: ['OrderWorkflow', 'ChargePaymentFunction'],
  retryNamedError: ['OrderWorkflow', 'ChargePaymentFunction'],
  compensate: ['OrderWorkflow', 'ChargePaymentFunction', 'Orders'],
  mapConcurrency: ['OrderWorkflow', 'ReserveItemFunction'],
  callback: ['OrderWorkflow', 'ApprovalsQueue'],
  expressSync: ['QuoteWorkflow'],
  expressNoHistory: ['QuoteWorkflow'],
};
