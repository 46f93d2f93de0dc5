import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-11: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  firehoseExactlyOnce: ['Readings', 'Delivery', 'ArchiveBucket'],
  sameKeySameShard: ['Readings'],
  perKeyOrder: ['Readings', 'ReadingConsumerFunction', 'Results'],
  poisonFailsBatch: ['Readings', 'ReadingConsumerFunction', 'Results'],
  poisonIsolated: ['Readings', 'ReadingConsumerFunction', 'FailedBatchesQueue'],
  mappingSettings: ['Readings', 'ReadingConsumerFunction', 'FailedBatchesQueue'],
  encryptedAtRest: ['Readings'],
};
