/** A stage variable picks the alias a stage calls; changing it needs no new deployment. */

import { APIGatewayClient, GetStageCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { mapWithConcurrency, pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { get, keyValue, requests, stageUrl, tally, versionOf } from './api-helpers';

// The lab's documented settings (stack.ts), stated here on purpose: the experiments check the
// deployed lab against the guide, not against whatever the template says.
const ALIAS_VARIABLE = 'lambdaAlias';

/** Sets the prod stage's alias variable (a stage setting: no new deployment). */
async function setProdAlias(context: ExperimentContext<Output>, alias: string) {
  await clientOf(APIGatewayClient, context).send(
    new UpdateStageCommand({
      restApiId: outputOf(context, 'RestApiId'),
      stageName: outputOf(context, 'ProdStageName'),
      patchOperations: [{ op: 'replace', path: `/variables/${ALIAS_VARIABLE}`, value: alias }],
    }),
  );
}

/** Requests to the beta stage, and the pause between them (below its 2 requests per second). */
const BETA_SAMPLES = 6;
const BETA_PACE_MS = 600;

export const stageVariablePicksAlias: Experiment<Output> = {
  name: 'Pick the alias with the stage variable',
  fact: 'Each stage calls the alias its lambdaAlias variable names (beta: next, release 2 only); changing the variable of prod to next serves release 2 there without a new deployment.',
  proof: 'behaviour',
  measures: ['betaVersions'],
  mustFailWhen: {
    replaceOutput: ['NextAliasName', 'LiveAliasName'],
    why: 'prod switched to the live alias still runs release 1 for about 90 % of its requests, so it does not serve release 2 only',
    failsBecause: 'not-switched',
  },
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const release2 = outputOf(context, 'Release2Version');
    const sample = async (stageUrlOutput: string, n: number) =>
      (
        await mapWithConcurrency(requests(n), 4, () => get(stageUrl(context, stageUrlOutput, '/hello'), key))
      ).map(versionOf);
    // The beta stage throttles GET /hello (2 requests per second, burst 2): ask it one at a time, paced.
    const beta: (string | undefined)[] = [];
    for (let i = 0; i < BETA_SAMPLES; i++) {
      if (i > 0) await sleep(BETA_PACE_MS);
      beta.push(versionOf(await get(stageUrl(context, outputOf(context, 'BetaUrl'), '/hello'), key)));
    }
    const original =
      (
        await clientOf(APIGatewayClient, context).send(
          new GetStageCommand({
            restApiId: outputOf(context, 'RestApiId'),
            stageName: outputOf(context, 'ProdStageName'),
          }),
        )
      ).variables?.[ALIAS_VARIABLE] ?? outputOf(context, 'LiveAliasName');
    let switched: (string | undefined)[] = [];
    try {
      await setProdAlias(context, outputOf(context, 'NextAliasName'));
      // A stage update reaches the gateway within seconds.
      await pollUntil(isLocal(context) ? 5_000 : 60_000, 2_000, async () => {
        switched = await sample(outputOf(context, 'ProdUrl'), 20);
        return switched.every((v) => v === release2) ? true : undefined;
      });
    } finally {
      await setProdAlias(context, original);
    }
    return withMeasurements(
      expectThat(
        beta.every((v) => v === release2) && switched.every((v) => v === release2),
        `beta (alias next): ${tally(beta)}; prod with ${ALIAS_VARIABLE}=next: ${tally(switched)}; prod set back to ${original}`,
        `release ${release2} only, on both`,
        !beta.every((v) => v === release2) ? 'beta-alias' : 'not-switched',
      ),
      { betaVersions: tally(beta) },
    );
  },
};
