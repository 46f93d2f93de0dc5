import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-01: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  delivery: ['MailTopic', 'ForwarderFunction', 'InternalService', 'InboxFunction', 'InboxTable'],
  vpcAttachment: ['ForwarderFunction'],
  securityGroups: ['ForwarderFunction', 'InternalService'],
  isolation: ['InternalService'],
  syncFailure: ['MailTopic', 'ForwarderFunction'],
  asyncFailure: ['MailTopic', 'ForwarderFunction', 'FailedDeliveriesQueue'],
};
