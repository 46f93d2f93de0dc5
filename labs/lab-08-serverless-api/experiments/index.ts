/**
 * lab-08 experiments: HTTP requests to the API's stages (axios, a small pool of concurrent
 * requests), and Lambda calls (Invoke, UpdateFunctionConfiguration, UpdateAlias) on the greeter's
 * versions and aliases. What an experiment changes (a stage variable, an alias, an environment
 * variable) it puts back, whatever happens.
 *
 * On a local emulator the stages are reached through the emulator's path form of the data plane,
 * `<endpoint>/_aws/execute-api/<api id>/<stage>/<path>` (MiniStack and LocalStack both route it);
 * on AWS through the stage's own URL.
 */

import {
  APIGatewayClient,
  GetApiKeyCommand,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import axios from 'axios';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { mapWithConcurrency, pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

// The lab's documented settings (stack.ts), stated here on purpose: the experiments check the
// deployed lab against the guide, not against whatever the template says.
const CANARY_WEIGHT = 0.1;
const CANARY_REQUESTS = 1_000;
/** Standard deviations of the binomial count allowed either side of the expected canary count. */
const CANARY_SIGMAS = 5;
const ALIAS_VARIABLE = 'lambdaAlias';
const POOL = 16;

/**
 * The bound on how many of `n` requests land on the canary version when each does so with
 * probability `p` independently: n p +/- k sqrt(n p (1 - p)), rounded outwards.
 * For 1,000 requests at 0.1 and 5 sigma: 100 +/- 47.4, so 52 to 148 (a correct lab falls outside
 * with a probability below one in a million).
 */
export function canaryBound(n: number, p: number, k: number): { low: number; high: number; sigma: number } {
  const sigma = Math.sqrt(n * p * (1 - p));
  return { low: Math.floor(n * p - k * sigma), high: Math.ceil(n * p + k * sigma), sigma };
}

const NO_STAGE_VARIABLES_IN_URI_ON_MINISTACK =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes at request time
  'MiniStack 1.5.33 does not substitute ${stageVariables.*} in a Lambda integration URI ' +
  '(services/apigateway_v1.py _extract_lambda_ref_from_integration_uri takes the text as it is): the ' +
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes at request time
  'integration names a function qualifier "${stageVariables.lambdaAlias}" that does not exist, so every ' +
  'request that passes the key and throttling checks is answered 500 (tried).';
const WEIGHTS_IGNORED_ON_MINISTACK =
  ' Its aliases also ignore RoutingConfig weights: 200 direct invocations of the live alias all ran ' +
  'release 1 (tried).';
const METHOD_SETTINGS_KEY_ON_MINISTACK =
  "MiniStack 1.5.33's CloudFormation keeps a stage's method settings under the escaped resource path " +
  '("/~1hello/GET", as the template writes it), while its data plane looks them up as "/hello/GET": ' +
  'the beta stage throttles nothing (tried: 10 concurrent requests, none answered 429).';
const isLocal = (context: ExperimentContext<Output>) => context.target !== 'aws';
const lambdaOf = (context: ExperimentContext<Output>) => new LambdaClient({ ...context.clientConfig });
const apiOf = (context: ExperimentContext<Output>) => new APIGatewayClient({ ...context.clientConfig });

/** The URL of `path` on a stage, from the value of the stage URL output (`https://<id>.execute-api.<region>.<suffix>/<stage>/`). */
function stageUrl(context: ExperimentContext<Output>, stageUrlOutput: string, path: string): string {
  const url = new URL(stageUrlOutput);
  if (!isLocal(context)) return `${url.origin}${url.pathname.replace(/\/$/, '')}${path}`;
  const apiId = url.hostname.split('.')[0];
  const stage = url.pathname.split('/').filter(Boolean)[0];
  const endpoint = new URL(String(context.clientConfig.endpoint));
  return `${endpoint.origin}/_aws/execute-api/${apiId}/${stage}${path}`;
}

/** The value of an API key (GetApiKey with includeValue). */
async function keyValue(context: ExperimentContext<Output>, keyId: string) {
  const key = await apiOf(context).send(new GetApiKeyCommand({ apiKey: keyId, includeValue: true }));
  if (!key.value) throw new Error(`GetApiKey returned no value for key ${keyId}`);
  return key.value;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

async function get(url: string, apiKey?: string): Promise<Answer> {
  const response = await axios.get<string>(url, {
    headers: apiKey ? { 'x-api-key': apiKey } : {},
    responseType: 'text',
    transformResponse: (data: string) => data,
    validateStatus: () => true,
    timeout: 30_000,
  });
  return { status: response.status, body: response.data };
}

/** `count` identical requests, for {@link mapWithConcurrency}. */
const requests = (count: number) => Array.from({ length: count }, (_, i) => i);

/** The function version a greeting reports, or undefined when the answer is not a greeting. */
function versionOf(answer: Answer): string | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const version = (JSON.parse(answer.body) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Counts of each value, as `a x3, b x1`. */
function tally(values: readonly (string | number | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v ?? 'none'), (counts.get(String(v ?? 'none')) ?? 0) + 1);
  return [...counts.entries()]
    .sort()
    .map(([v, n]) => `${v} x${n}`)
    .join(', ');
}

/** Invokes the greeter directly with a qualifier; returns the version that ran and its body. */
async function invokeGreeter(context: ExperimentContext<Output>, qualifier?: string) {
  const result = await lambdaOf(context).send(
    new InvokeCommand({
      FunctionName: outputOf(context, 'GreeterFunctionName'),
      Qualifier: qualifier,
      Payload: Buffer.from('{}'),
    }),
  );
  const payload = JSON.parse(Buffer.from(result.Payload ?? []).toString() || '{}') as { body?: string };
  const body = JSON.parse(payload.body ?? '{}') as { version?: string; greeting?: string | null };
  return { executed: result.ExecutedVersion, version: body.version, greeting: body.greeting ?? null };
}

async function waitForUpdate(context: ExperimentContext<Output>, functionName: string) {
  await waitUntilFunctionUpdatedV2(
    { client: lambdaOf(context), maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { FunctionName: functionName },
  );
}

/** Sets the prod stage's alias variable (a stage setting: no new deployment). */
async function setProdAlias(context: ExperimentContext<Output>, alias: string) {
  await apiOf(context).send(
    new UpdateStageCommand({
      restApiId: outputOf(context, 'RestApiId'),
      stageName: outputOf(context, 'ProdStageName'),
      patchOperations: [{ op: 'replace', path: `/variables/${ALIAS_VARIABLE}`, value: alias }],
    }),
  );
}

const splitLiveAliasBetween: Experiment<Output> = {
  name: 'Split the live alias between two versions',
  fact: `The live alias sends a weighted share (${CANARY_WEIGHT}) of its invocations to the new version: of ${CANARY_REQUESTS} requests to the prod stage, the count on release 2 stays within ${CANARY_SIGMAS} binomial standard deviations of ${CANARY_REQUESTS * CANARY_WEIGHT}.`,
  proof: 'behaviour',
  skipOn: { ministack: NO_STAGE_VARIABLES_IN_URI_ON_MINISTACK + WEIGHTS_IGNORED_ON_MINISTACK },
  measures: ['canaryCount'],
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const url = stageUrl(context, outputOf(context, 'ProdUrl'), '/hello');
    const [release1, release2] = [outputOf(context, 'Release1Version'), outputOf(context, 'Release2Version')];
    let done = 0;
    const answers = await mapWithConcurrency(requests(CANARY_REQUESTS), POOL, async () => {
      const answer = await get(url, key);
      if (++done % 100 === 0) context.progress(`${done}/${CANARY_REQUESTS} requests`);
      return answer;
    });
    const versions = answers.map(versionOf);
    const onNew = versions.filter((v) => v === release2).length;
    const onOld = versions.filter((v) => v === release1).length;
    const bound = canaryBound(CANARY_REQUESTS, CANARY_WEIGHT, CANARY_SIGMAS);
    return withMeasurements(
      expectThat(
        onNew + onOld === CANARY_REQUESTS && onNew >= bound.low && onNew <= bound.high,
        `${CANARY_REQUESTS} GET /prod/hello: release ${release2} ${onNew}, release ${release1} ${onOld}` +
          (onNew + onOld < CANARY_REQUESTS
            ? `; other answers: ${tally(answers.filter((_, i) => versions[i] === undefined).map((a) => a.status))}`
            : ''),
        `every answer from release ${release1} or ${release2}; ${bound.low}-${bound.high} on release ${release2} (${CANARY_REQUESTS} x ${CANARY_WEIGHT} +/- ${CANARY_SIGMAS} x ${bound.sigma.toFixed(1)})`,
      ),
      { canaryCount: onNew },
    );
  },
};

const pickAliasStageVariable: Experiment<Output> = {
  name: 'Pick the alias with the stage variable',
  fact: 'Each stage calls the alias its lambdaAlias variable names (beta: next, release 2 only); changing the variable of prod to next serves release 2 there without a new deployment.',
  proof: 'behaviour',
  skipOn: { ministack: NO_STAGE_VARIABLES_IN_URI_ON_MINISTACK },
  measures: ['betaVersions'],
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const release2 = outputOf(context, 'Release2Version');
    const sample = async (stageUrlOutput: string, n: number) =>
      (
        await mapWithConcurrency(requests(n), 4, () => get(stageUrl(context, stageUrlOutput, '/hello'), key))
      ).map(versionOf);
    const beta = await sample(outputOf(context, 'BetaUrl'), 10);
    const original =
      (
        await apiOf(context).send(
          new GetStageCommand({
            restApiId: outputOf(context, 'RestApiId'),
            stageName: outputOf(context, 'ProdStageName'),
          }),
        )
      ).variables?.[ALIAS_VARIABLE] ?? 'live';
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
      ),
      { betaVersions: tally(beta) },
    );
  },
};

const refuseRequestWithoutApi: Experiment<Output> = {
  name: 'Refuse a request without an API key',
  fact: 'A method that requires an API key answers 403 to a request without one (or with a key that no usage plan of the stage holds), before the integration runs.',
  proof: 'behaviour',
  measures: ['noKeyStatus'],
  async run(context) {
    const url = stageUrl(context, outputOf(context, 'ProdUrl'), '/hello');
    const noKey = await get(url);
    const unknownKey = await get(url, 'lab08-not-a-key-0123456789abcdefghij');
    const withKey = await get(url, await keyValue(context, outputOf(context, 'StandardKeyId')));
    return withMeasurements(
      expectThat(
        noKey.status === 403 && unknownKey.status === 403 && withKey.status !== 403,
        `GET /prod/hello without x-api-key: HTTP ${noKey.status}; with an unknown key: HTTP ${unknownKey.status}; with the standard key: HTTP ${withKey.status}`,
        '403 without a key and with an unknown key; past the key check (not 403) with the standard key',
      ),
      { noKeyStatus: noKey.status },
    );
  },
};

const throttleTrialKeyOver: Experiment<Output> = {
  name: "Throttle the trial key over its usage plan's rate",
  fact: 'A usage plan throttles per API key: the trial plan (1 request per second, burst 1) answers 429 to a burst of 10 requests with its key, while the standard key sends the same burst unthrottled.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['TrialKeyId', 'StandardKeyId'],
    why: 'with the keys swapped, the burst sent as the trial client is not throttled and the standard one is',
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
      ),
      { trialThrottled: throttled },
    );
  },
};

const throttleGetHelloBeta: Experiment<Output> = {
  name: 'Throttle GET /hello on the beta stage',
  fact: 'Method throttling on a stage (beta: GET /hello at 2 requests per second, burst 2) answers 429 to a burst, whatever the usage plan allows the key.',
  proof: 'behaviour',
  skipOn: { ministack: METHOD_SETTINGS_KEY_ON_MINISTACK },
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const statuses = (
      await mapWithConcurrency(requests(12), 12, () =>
        get(stageUrl(context, outputOf(context, 'BetaUrl'), '/hello'), key),
      )
    ).map((a) => a.status);
    const throttled = statuses.filter((s) => s === 429).length;
    return expectThat(
      throttled >= 1 && statuses.includes(200),
      `12 concurrent GET /beta/hello with the standard key: ${tally(statuses)}`,
      'some 200 and some 429',
    );
  },
};

const answerMalformedProxyResponse: Experiment<Output> = {
  name: 'Answer a malformed proxy response with 502',
  fact: 'With a Lambda proxy integration the function must return statusCode and a string body; a body that is an object makes API Gateway answer 502 (the function itself succeeded).',
  proof: 'behaviour',
  skipOn: {
    ministack: `${NO_STAGE_VARIABLES_IN_URI_ON_MINISTACK} (Its proxy response shaper also turns an object body into JSON and answers 200: services/lambda_svc.py lambda_execute_result_to_api_proxy_response.)`,
  },
  measures: ['malformedStatus'],
  async run(context) {
    const key = await keyValue(context, outputOf(context, 'StandardKeyId'));
    const good = await get(stageUrl(context, outputOf(context, 'ProdUrl'), '/hello'), key);
    const bad = await get(stageUrl(context, outputOf(context, 'ProdUrl'), '/malformed'), key);
    return withMeasurements(
      expectThat(
        good.status === 200 && bad.status === 502,
        `GET /prod/hello: HTTP ${good.status}; GET /prod/malformed (body returned as an object): HTTP ${bad.status} ${bad.body.slice(0, 80)}`,
        '200 for /hello, 502 for /malformed',
      ),
      { malformedStatus: bad.status },
    );
  },
};

const throttleFunctionPastReserved: Experiment<Output> = {
  name: 'Throttle a function past its reserved concurrency',
  fact: 'Reserved concurrency is also a maximum: with 1 reserved, a second call while the first runs is refused (TooManyRequestsException, HTTP 429), not queued.',
  proof: 'behaviour',
  measures: ['throttledInvocations'],
  async run(context) {
    const functionName = outputOf(context, 'LimitedFunctionName');
    // One attempt: the SDK would otherwise retry a throttled call and hide it.
    const lambda = new LambdaClient({ ...context.clientConfig, maxAttempts: 1 });
    const reserved = (await lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: functionName })))
      .ReservedConcurrentExecutions;
    // Each call holds the one execution environment for 2 s: 5 calls at once cannot all run.
    const outcomes = await mapWithConcurrency(requests(5), 5, async () => {
      try {
        await lambda.send(new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from('{}') }));
        return 'ran';
      } catch (error) {
        return (error as Error).name;
      }
    });
    const throttled = outcomes.filter((o) => o === 'TooManyRequestsException').length;
    return withMeasurements(
      expectThat(
        reserved === 1 && throttled >= 1 && outcomes.includes('ran'),
        `reserved concurrency ${reserved ?? 'none'}; 5 concurrent invocations: ${tally(outcomes)}`,
        'reserved concurrency 1; at least one ran and at least one TooManyRequestsException',
      ),
      { throttledInvocations: throttled },
    );
  },
};

const keepPublishedVersionsImmutable: Experiment<Output> = {
  name: 'Keep published versions immutable while aliases move',
  fact: 'A published version cannot be changed (an update addressed to it is refused, and a change of $LATEST does not reach it), while an alias is a pointer that moves to another version at once.',
  proof: 'behaviour',
  measures: ['versionAfterChange'],
  async run(context) {
    const lambda = lambdaOf(context);
    const functionName = outputOf(context, 'GreeterFunctionName');
    const [release1, release2] = [outputOf(context, 'Release1Version'), outputOf(context, 'Release2Version')];
    const nextAlias = outputOf(context, 'NextAliasName');
    const lines: string[] = [];
    let ok = true;

    // 1. An update addressed to a published version is refused.
    let refused = 'accepted';
    try {
      await lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: `${functionName}:${release1}`,
          Description: 'changed by the lab-08 experiment',
        }),
      );
      ok = false;
    } catch (error) {
      refused = `refused (${(error as Error).name})`;
    }
    lines.push(`UpdateFunctionConfiguration on version ${release1}: ${refused}`);

    // 2. A change of $LATEST reaches $LATEST only.
    const before = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
    const variables = before.Environment?.Variables ?? {};
    const marker = `changed-${Date.now()}`;
    let latest: Awaited<ReturnType<typeof invokeGreeter>>;
    let published: Awaited<ReturnType<typeof invokeGreeter>>;
    try {
      await lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: functionName,
          Environment: { Variables: { ...variables, GREETING: marker } },
        }),
      );
      await waitForUpdate(context, functionName);
      latest = await invokeGreeter(context, '$LATEST');
      published = await invokeGreeter(context, release1);
    } finally {
      await lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: functionName,
          Environment: { Variables: variables },
        }),
      );
      await waitForUpdate(context, functionName);
    }
    if (latest.greeting !== marker || published.greeting === marker || published.executed !== release1)
      ok = false;
    lines.push(
      `GREETING=${marker} on $LATEST: $LATEST says ${latest.greeting ?? 'none'}, version ${published.executed} says ${published.greeting ?? 'none'}`,
    );

    // 3. The next alias moves to release 1 and back.
    const alias = await lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: nextAlias }));
    const pointed = alias.FunctionVersion ?? 'none';
    const initially = await invokeGreeter(context, nextAlias);
    let moved: Awaited<ReturnType<typeof invokeGreeter>>;
    try {
      await lambda.send(
        new UpdateAliasCommand({ FunctionName: functionName, Name: nextAlias, FunctionVersion: release1 }),
      );
      moved = await invokeGreeter(context, nextAlias);
    } finally {
      await lambda.send(
        new UpdateAliasCommand({ FunctionName: functionName, Name: nextAlias, FunctionVersion: pointed }),
      );
    }
    if (pointed !== release2 || initially.executed !== release2 || moved.executed !== release1) ok = false;
    lines.push(
      `alias ${nextAlias} -> version ${pointed} ran ${initially.executed}; moved to ${release1} it ran ${moved.executed}; moved back to ${pointed}`,
    );
    return withMeasurements(
      expectThat(
        ok,
        lines.join('; '),
        `the update of version ${release1} refused; only $LATEST gets the new variable; ${nextAlias} runs ${release2}, then ${release1} once moved`,
      ),
      { versionAfterChange: published.greeting === marker ? 'changed' : 'unchanged' },
    );
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  splitLiveAliasBetween,
  pickAliasStageVariable,
  refuseRequestWithoutApi,
  throttleTrialKeyOver,
  throttleGetHelloBeta,
  answerMalformedProxyResponse,
  throttleFunctionPastReserved,
  keepPublishedVersionsImmutable,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
