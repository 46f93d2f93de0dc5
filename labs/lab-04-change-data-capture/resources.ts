import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-04: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  auditLifecycle: ['Orders', 'AuditWriterFunction', 'AuditTrail'],
  partialBatchResponse: ['Orders', 'AuditWriterFunction', 'FailedRecordsQueue', 'AuditTrail'],
  onFailureDestination: ['Orders', 'AuditWriterFunction', 'FailedRecordsQueue'],
  replay: ['Orders', 'AuditWriterFunction', 'AuditTrail'],
  gsiByStatus: ['Orders'],
  indexesLater: ['Orders'],
  ttlRemove: ['Orders', 'AuditWriterFunction', 'AuditTrail'],
};
