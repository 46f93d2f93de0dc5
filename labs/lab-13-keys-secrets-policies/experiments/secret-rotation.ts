/** Secrets Manager rotation: through RotateSecret, and the rotation function's four steps driven directly. */

import { randomUUID } from 'node:crypto';
import { LambdaClient } from '@aws-sdk/client-lambda';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { pollUntil } from '../../../lib/experiments/helpers';
import { invokeForAnswer } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';

const versionsToStages = async (sm: SecretsManagerClient, secretId: string) =>
  (await sm.send(new DescribeSecretCommand({ SecretId: secretId }))).VersionIdsToStages ?? {};
const currentVersion = (stages: Record<string, string[]>) =>
  Object.entries(stages).find(([, s]) => s.includes('AWSCURRENT'))?.[0];
const passwordOf = async (sm: SecretsManagerClient, secretId: string, versionId?: string) =>
  (
    JSON.parse(
      (await sm.send(new GetSecretValueCommand({ SecretId: secretId, VersionId: versionId }))).SecretString ??
        '{}',
    ) as { password?: string }
  ).password;

export const secretRotated: Experiment<Output> = {
  name: 'Rotate the secret through Secrets Manager',
  fact: 'RotateSecret runs the rotation function; at the end AWSCURRENT is on a new version with a new value and AWSPREVIOUS on the old one.',
  proof: 'behaviour',
  async run(context) {
    const sm = clientOf(SecretsManagerClient, context);
    const secretId = outputOf(context, 'SecretArn');
    const before = currentVersion(await versionsToStages(sm, secretId));
    const oldPassword = await passwordOf(sm, secretId);
    let started: { VersionId?: string };
    try {
      started = await sm.send(new RotateSecretCommand({ SecretId: secretId, RotateImmediately: true }));
    } catch (error) {
      // Secrets Manager refuses to start when it may not invoke the rotation function.
      const { name, message } = error as Error;
      return fail(
        `RotateSecret refused (${name}): ${message.slice(0, 160)}`,
        'the rotation starts',
        'rotation-refused',
      );
    }
    context.progress('waiting for the rotation function to finish (up to 2 min)');
    const stages = await pollUntil(120_000, 3_000, async () => {
      const now = await versionsToStages(sm, secretId);
      return now[started.VersionId ?? '']?.includes('AWSCURRENT') ? now : undefined;
    });
    const newPassword = await passwordOf(sm, secretId);
    const ok =
      stages !== undefined &&
      before !== undefined &&
      stages[before]?.includes('AWSPREVIOUS') === true &&
      newPassword !== oldPassword;
    return expectThat(
      ok,
      `before: AWSCURRENT on ${before}; after RotateSecret (version ${started.VersionId}): ${stages ? JSON.stringify(stages) : 'AWSCURRENT not moved within 2 min'}; password ${newPassword !== oldPassword ? 'changed' : 'unchanged'}`,
      'AWSCURRENT on the new version, AWSPREVIOUS on the old one, a new password',
      stages === undefined
        ? 'current-not-moved'
        : newPassword === oldPassword
          ? 'password-unchanged'
          : 'previous-not-kept',
    );
  },
};

export const fourRotationSteps: Experiment<Output> = {
  name: 'Run the four rotation steps',
  fact: 'A rotation function implements createSecret (new value as AWSPENDING), setSecret, testSecret and finishSecret (AWSCURRENT moved to the new version, AWSPREVIOUS to the old).',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['RotationFunctionName', 'EnvelopeFunctionName'],
    why: 'the envelope function does not rotate anything: AWSCURRENT stays where it was',
    failsBecause: 'current-not-moved',
  },
  measures: ['passwordChanged'],
  async run(context) {
    const sm = clientOf(SecretsManagerClient, context);
    const secretId = outputOf(context, 'SecretArn');
    const before = currentVersion(await versionsToStages(sm, secretId));
    const oldPassword = await passwordOf(sm, secretId);
    // The events Secrets Manager sends, with a fresh version token.
    const token = randomUUID();
    const log: string[] = [];
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) {
      try {
        log.push(
          await invokeForAnswer<string>(
            clientOf(LambdaClient, context),
            outputOf(context, 'RotationFunctionName'),
            {
              Step,
              SecretId: secretId,
              ClientRequestToken: token,
            },
          ),
        );
      } catch (error) {
        return fail(
          `${Step} failed: ${(error as Error).message}`,
          'the four steps succeed',
          `step-failed:${Step}`,
        );
      }
    }
    const stages = await versionsToStages(sm, secretId);
    const newPassword = await passwordOf(sm, secretId);
    const ok =
      stages[token]?.includes('AWSCURRENT') === true &&
      before !== undefined &&
      stages[before]?.includes('AWSPREVIOUS') === true &&
      newPassword !== undefined &&
      newPassword !== oldPassword;
    return withMeasurements(
      expectThat(
        ok,
        `${log.map((line) => (typeof line === 'string' ? line.split(':')[0] : '?')).join(' -> ')}; stages now ${JSON.stringify(stages)}; password ${newPassword !== oldPassword ? 'changed' : 'unchanged'}`,
        `AWSCURRENT on ${token}, AWSPREVIOUS on ${before}, a new password`,
        stages[token]?.includes('AWSCURRENT') !== true
          ? 'current-not-moved'
          : newPassword === oldPassword
            ? 'password-unchanged'
            : 'previous-not-kept',
      ),
      { passwordChanged: newPassword !== oldPassword ? 'yes' : 'no' },
    );
  },
};
