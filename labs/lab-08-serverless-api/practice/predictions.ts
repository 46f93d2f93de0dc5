import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

const CHANGED = { kind: 'choice', choices: ['changed', 'unchanged'] } as const;

/** What to predict before `npx labs verify lab-08`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'canary-count',
    question:
      'The live alias runs release 1 with 10 % of its calls on release 2. Of 1,000 requests to the prod stage, how many does release 2 answer?',
    experiment: 'canarySplitsLiveAlias',
    measure: 'canaryCount',
    answer: { kind: 'number', tolerance: 20 },
    fact: 'Each invocation picks a version at random by weight: about 100, rarely outside 52-148 (5 standard deviations of a binomial count).',
  },
  {
    id: 'no-key-status',
    question: 'GET /hello requires an API key. Which HTTP status does a request without x-api-key get?',
    experiment: 'apiKeyRequired',
    measure: 'noKeyStatus',
    answer: { kind: 'number' },
    fact: 'API Gateway answers 403 Forbidden before the integration runs; 401 is not what it sends for a missing key.',
  },
  {
    id: 'trial-throttled',
    question:
      'The trial usage plan allows 1 request per second with a burst of 1. Of 10 requests sent at once with the trial key, how many get 429?',
    experiment: 'usagePlanThrottlesTrialKey',
    measure: 'trialThrottled',
    answer: { kind: 'number', tolerance: 1 },
    fact: 'A token bucket of size 1 admits one request of a burst and refuses the rest until it refills (AWS applies limits on a best-effort basis, so one or two more may pass).',
  },
  {
    id: 'version-after-change',
    question:
      'You change an environment variable of the function ($LATEST). Does version 1, published before, see the change? (changed/unchanged)',
    experiment: 'versionsImmutableAliasesMove',
    measure: 'versionAfterChange',
    answer: CHANGED,
    fact: 'A published version is a snapshot of code and configuration: only $LATEST changes.',
  },
  {
    id: 'reserved-throttled',
    question:
      'A function has reserved concurrency 1 and each call takes 2 s. Of 5 synchronous calls made at once, how many are throttled?',
    experiment: 'reservedConcurrencyCaps',
    measure: 'throttledInvocations',
    answer: { kind: 'number', tolerance: 1 },
    fact: 'Reserved concurrency is a ceiling too: one call runs, the others are refused with TooManyRequestsException (4), not queued.',
  },
  {
    id: 'malformed-status',
    question:
      'A function behind a Lambda proxy integration returns { statusCode: 200, body: { ... } } (an object, not a string). Which HTTP status does the client get?',
    experiment: 'malformedProxyResponse502',
    measure: 'malformedStatus',
    answer: { kind: 'number' },
    fact: 'API Gateway cannot map that response and answers 502 Bad Gateway, although the function succeeded.',
  },
];
