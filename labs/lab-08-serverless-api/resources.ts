import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-08: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  canarySplitsLiveAlias: ['Api', 'GreeterFunction'],
  stageVariablePicksAlias: ['Api', 'GreeterFunction'],
  apiKeyRequired: ['Api'],
  usagePlanThrottlesTrialKey: ['Api'],
  betaStageThrottlesMethod: ['Api'],
  malformedProxyResponse502: ['Api', 'GreeterFunction'],
  reservedConcurrencyCaps: ['LimitedFunction'],
  versionsImmutableAliasesMove: ['GreeterFunction'],
};
