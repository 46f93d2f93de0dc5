/** Published versions are immutable; aliases are pointers that move. */

import {
  GetAliasCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  UpdateAliasCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, refusalOf } from '../../../lib/experiments/helpers';
import { answerOf, invokeFunction } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';

/** Invokes the greeter directly with a qualifier; returns the version that ran and its body. */
async function invokeGreeter(context: ExperimentContext<Output>, qualifier?: string) {
  const result = await invokeFunction(
    clientOf(LambdaClient, context),
    outputOf(context, 'GreeterFunctionName'),
    {},
    qualifier,
  );
  const payload = answerOf<{ body?: string }>(result, {});
  const body = JSON.parse(payload.body ?? '{}') as { version?: string; greeting?: string | null };
  return { executed: result.executedVersion, version: body.version, greeting: body.greeting ?? null };
}

/** How Lambda refuses a configuration update addressed to a version: a parameter it does not accept. */
const QUALIFIED_UPDATE_REFUSALS = ['InvalidParameterValueException', 'ValidationException'];

async function waitForUpdate(context: ExperimentContext<Output>, functionName: string) {
  await waitUntilFunctionUpdatedV2(
    { client: clientOf(LambdaClient, context), maxWaitTime: 60, minDelay: 1, maxDelay: 2 },
    { FunctionName: functionName },
  );
}

export const versionsImmutableAliasesMove: Experiment<Output> = {
  name: 'Keep published versions immutable while aliases move',
  fact: 'A published version cannot be changed (an update addressed to it is refused, and a change of $LATEST does not reach it), while an alias is a pointer that moves to another version at once.',
  proof: 'behaviour',
  measures: ['versionAfterChange'],
  mustFailWhen: {
    swapOutputs: ['Release1Version', 'Release2Version'],
    why: 'the next alias points at release 2, so read as release 1 it is not where the fact says it points',
    failsBecause: 'alias-version',
  },
  async run(context) {
    const lambda = clientOf(LambdaClient, context);
    const functionName = outputOf(context, 'GreeterFunctionName');
    const [release1, release2] = [outputOf(context, 'Release1Version'), outputOf(context, 'Release2Version')];
    const nextAlias = outputOf(context, 'NextAliasName');
    const lines: string[] = [];
    const because: string[] = [];

    // 1. An update addressed to a published version is refused as a request Lambda does not take
    // (a qualifier is not allowed there), not as a missing function.
    const refusal = await refusalOf(() =>
      lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: `${functionName}:${release1}`,
          Description: 'changed by the lab-08 experiment',
        }),
      ),
    );
    if (!isRefusal(refusal, QUALIFIED_UPDATE_REFUSALS)) because.push('version-updated');
    lines.push(`UpdateFunctionConfiguration on version ${release1}: ${describeRefusal(refusal)}`);

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
      because.push('version-changed');
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
    if (pointed !== release2 || initially.executed !== release2 || moved.executed !== release1)
      because.push('alias-version');
    lines.push(
      `alias ${nextAlias} -> version ${pointed} ran ${initially.executed}; moved to ${release1} it ran ${moved.executed}; moved back to ${pointed}`,
    );
    return withMeasurements(
      expectThat(
        because.length === 0,
        lines.join('; '),
        `the update of version ${release1} refused (${QUALIFIED_UPDATE_REFUSALS.join(' or ')}); only $LATEST gets the new variable; ${nextAlias} runs ${release2}, then ${release1} once moved`,
        because.join(','),
      ),
      { versionAfterChange: published.greeting === marker ? 'changed' : 'unchanged' },
    );
  },
};
