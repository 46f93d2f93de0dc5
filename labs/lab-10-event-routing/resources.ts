import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-10: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  rulesRouteByContent: [
    'OrdersBus',
    'EuOrdersRule',
    'EuOrdersQueue',
    'MidSizeOrdersRule',
    'MidSizeOrdersQueue',
    'CouponOrdersRule',
    'CouponOrdersQueue',
    'LiveOrdersRule',
    'LiveOrdersQueue',
  ],
  inputTransformerReshapes: ['OrdersBus', 'BigOrderAlertsRule', 'BigOrderAlertsQueue'],
  undeliverableToDeadLetter: ['RefundsRule', 'RefundAuditQueue', 'RefundTargetDeadLetterQueue'],
  targetRetryPolicy: ['OrdersBus', 'RefundsRule', 'RefundAuditQueue', 'RefundTargetDeadLetterQueue'],
  archiveAndReplay: ['OrdersBus', 'OrdersBusOrdersArchive', 'ReplayedOrdersRule', 'ReplayedOrdersQueue'],
  scheduledRuleAndScheduler: ['TickRule', 'HeartbeatSchedule', 'TicksQueue'],
};
