/**
 * lab-08 experiments: HTTP requests to the API's stages (axios, a small pool of concurrent
 * requests), and Lambda calls (Invoke, UpdateFunctionConfiguration, UpdateAlias) on the greeter's
 * versions and aliases. What an experiment changes (a stage variable, an alias, an environment
 * variable) it puts back, whatever happens.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { apiKeyRequired, usagePlanThrottlesTrialKey } from './api-keys';
import { canarySplitsLiveAlias } from './canary';
import { versionsImmutableAliasesMove } from './immutable-versions';
import { malformedProxyResponse502 } from './malformed-proxy-response';
import { reservedConcurrencyCaps } from './reserved-concurrency';
import { betaStageThrottlesMethod } from './stage-throttling';
import { stageVariablePicksAlias } from './stage-variable-alias';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  canarySplitsLiveAlias,
  stageVariablePicksAlias,
  apiKeyRequired,
  usagePlanThrottlesTrialKey,
  betaStageThrottlesMethod,
  malformedProxyResponse502,
  reservedConcurrencyCaps,
  versionsImmutableAliasesMove,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
