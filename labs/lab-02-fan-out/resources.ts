import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-02: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  fanOut: [
    'OrdersTopic',
    'BillingQueue',
    'EuAnalyticsQueue',
    'LargeOrdersQueue',
    'FulfilmentQueue',
    'FulfilmentConsumerFunction',
    'FulfilledOrders',
  ],
  deadLetter: ['BillingQueue', 'BillingDeadLetterQueue'],
  visibility: ['EuAnalyticsQueue'],
  lambdaQueueTimeout: ['FulfilmentQueue', 'FulfilmentConsumerFunction'],
  longPolling: ['LargeOrdersQueue'],
  fifoDedup: ['OrdersFifoTopic', 'LedgerQueue'],
  fifoOrder: ['OrdersFifoTopic', 'LedgerQueue'],
  retention: [
    'OrdersTopic',
    'BillingQueue',
    'EuAnalyticsQueue',
    'FulfilmentQueue',
    'LargeOrdersQueue',
    'OrdersFifoTopic',
    'LedgerQueue',
  ],
  messageSize: ['OrdersTopic', 'BillingQueue'],
  numericFilterType: ['OrdersTopic', 'LargeOrdersQueue'],
};
