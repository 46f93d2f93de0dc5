/**
 * lab-07 experiments: objects are written to the private bucket, then read as a viewer would, over
 * HTTP(S) through the distribution's domain name, and straight from S3. Each experiment writes its
 * own objects under a run id and deletes them afterwards.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { missingPageGetsErrorPage } from './custom-error-page';
import { edgeCachesStaticOnly, staleUntilInvalidation } from './edge-cache';
import { hstsHeaderAdded, httpRedirectedToHttps } from './https-only';
import { directS3Refused, policyAdmitsOnlyDistribution, servedThroughDistribution } from './private-origin';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  servedThroughDistribution,
  directS3Refused,
  policyAdmitsOnlyDistribution,
  httpRedirectedToHttps,
  missingPageGetsErrorPage,
  hstsHeaderAdded,
  edgeCachesStaticOnly,
  staleUntilInvalidation,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
