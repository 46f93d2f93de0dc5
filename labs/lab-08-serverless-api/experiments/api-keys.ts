/** API keys and usage plans: no key is refused; the trial key's plan throttles it. */

import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { mapWithConcurrency } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { get, keyValue, requests, stageUrl, tally } from './api-helpers';

export const apiKeyRequired: Experiment<Output> = {
  name: 'Refuse a request without an API key',
  fact: 'A method that requires an API key answers 403 to a request without one (or with a key that no usage plan of the stage holds), before the integration runs.',
  proof: 'behaviour',
  relaxedOn: {
    ministack:
      'with the standard key MiniStack answers 500, not 200: it lets the request past the key check, then fails to call the alias because it does not substitute stage variables in the integration URI; a 500 counts as past the key check there',
  },
  measures: ['noKeyStatus'],
  async run(context) {
    const url = stageUrl(context, outputOf(context, 'ProdUrl'), '/hello');
    const noKey = await get(url);
    const unknownKey = await get(url, 'lab08-not-a-key-0123456789abcdefghij');
    const withKey = await get(url, await keyValue(context, outputOf(context, 'StandardKeyId')));
    // Past the key check means the greeting (200); on MiniStack the integration's known 500 (relaxedOn).
    const served = withKey.status === 200 || (context.target === 'ministack' && withKey.status === 500);
    return withMeasurements(
      expectThat(
        noKey.status === 403 && unknownKey.status === 403 && served,
        `GET /prod/hello without x-api-key: HTTP ${noKey.status}; with an unknown key: HTTP ${unknownKey.status}; with the standard key: HTTP ${withKey.status}`,
        '403 without a key and with an unknown key; served (200) with the standard key',
        noKey.status !== 403 || unknownKey.status !== 403 ? 'not-refused' : 'key-refused',
      ),
      { noKeyStatus: noKey.status },
    );
  },
};

export const usagePlanThrottlesTrialKey: Experiment<Output> = {
  name: "Throttle the trial key over its usage plan's rate",
  fact: 'A usage plan throttles per API key: the trial plan (1 request per second, burst 1) answers 429 to a burst of 10 requests with its key, while the standard key sends the same burst unthrottled.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['TrialKeyId', 'StandardKeyId'],
    why: 'with the keys swapped, the burst sent as the trial client is not throttled and the standard one is',
    failsBecause: 'trial-not-throttled',
  },
  measures: ['trialThrottled'],
  async run(context) {
    const url = stageUrl(context, outputOf(context, 'ProdUrl'), '/hello');
    const [trialKey, standardKey] = [
      await keyValue(context, outputOf(context, 'TrialKeyId')),
      await keyValue(context, outputOf(context, 'StandardKeyId')),
    ];
    const trial = (await mapWithConcurrency(requests(10), 10, () => get(url, trialKey))).map((a) => a.status);
    const standard = (await mapWithConcurrency(requests(10), 10, () => get(url, standardKey))).map(
      (a) => a.status,
    );
    const throttled = trial.filter((s) => s === 429).length;
    return withMeasurements(
      expectThat(
        throttled >= 1 && throttled < trial.length && !standard.includes(429),
        `10 concurrent GET /prod/hello with the trial key: ${tally(trial)}; with the standard key: ${tally(standard)}`,
        'some 429 (and at least one admitted) for the trial key, no 429 for the standard key',
        throttled === 0
          ? 'trial-not-throttled'
          : throttled === trial.length
            ? 'trial-all-refused'
            : 'standard-throttled',
      ),
      { trialThrottled: throttled },
    );
  },
};
