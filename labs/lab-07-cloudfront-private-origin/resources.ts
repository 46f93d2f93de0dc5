import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-07: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  servedThroughDistribution: ['Distribution', 'SiteBucket'],
  directS3Refused: ['SiteBucket'],
  policyAdmitsOnlyDistribution: ['Distribution', 'SiteBucket'],
  httpRedirectedToHttps: ['Distribution'],
  missingPageGetsErrorPage: ['Distribution', 'SiteBucket'],
  hstsHeaderAdded: ['Distribution'],
  edgeCachesStaticOnly: ['Distribution', 'SiteBucket'],
  staleUntilInvalidation: ['Distribution', 'SiteBucket'],
};
