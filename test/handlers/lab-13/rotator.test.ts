import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { type RotationEvent, rotate } from '../../../lambda/lab-13/rotator/rotate';

/** A stand-in Secrets Manager holding versions and their stages. */
function fakeSecretsManager(rotationEnabled = true) {
  const versions: Record<string, { value: string; stages: string[] }> = {
    v1: {
      value: JSON.stringify({ username: 'app', password: 'old-password-old-password-old-pw' }),
      stages: ['AWSCURRENT'],
    },
  };
  const notFound = () => Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
  return {
    versions,
    send: async (command: unknown) => {
      if (command instanceof DescribeSecretCommand)
        return {
          RotationEnabled: rotationEnabled,
          VersionIdsToStages: Object.fromEntries(
            Object.entries(versions).map(([id, v]) => [id, [...v.stages]]),
          ),
        };
      if (command instanceof GetSecretValueCommand) {
        const { VersionId, VersionStage } = command.input;
        const found = Object.entries(versions).find(
          ([id, v]) => (!VersionId || id === VersionId) && (!VersionStage || v.stages.includes(VersionStage)),
        );
        if (!found) throw notFound();
        return { VersionId: found[0], SecretString: found[1].value };
      }
      if (command instanceof GetRandomPasswordCommand) return { RandomPassword: 'n'.repeat(32) };
      if (command instanceof PutSecretValueCommand) {
        const { ClientRequestToken, SecretString, VersionStages } = command.input;
        versions[ClientRequestToken ?? ''] = {
          value: SecretString ?? '',
          stages: [...(VersionStages ?? [])],
        };
        return {};
      }
      if (command instanceof UpdateSecretVersionStageCommand) {
        const { VersionStage, MoveToVersionId, RemoveFromVersionId } = command.input;
        if (RemoveFromVersionId) {
          const from = versions[RemoveFromVersionId];
          from.stages = from.stages.filter((s) => s !== VersionStage);
          if (VersionStage === 'AWSCURRENT') {
            for (const v of Object.values(versions)) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
            from.stages.push('AWSPREVIOUS');
          }
        }
        if (MoveToVersionId) versions[MoveToVersionId].stages.push(VersionStage ?? '');
        return {};
      }
      throw new Error('unexpected command');
    },
  };
}

const step = (Step: RotationEvent['Step']): RotationEvent => ({
  Step,
  SecretId: 's',
  ClientRequestToken: 'v2',
});

test('the four steps move AWSCURRENT to a new password and AWSPREVIOUS to the old one', async () => {
  const sm = fakeSecretsManager();
  for (const s of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const)
    await rotate(sm, step(s));
  expect(sm.versions.v2.stages).toEqual(['AWSCURRENT']);
  expect(sm.versions.v1.stages).toEqual(['AWSPREVIOUS']);
  expect(JSON.parse(sm.versions.v2.value)).toEqual({ username: 'app', password: 'n'.repeat(32) });
});

test('createSecret run twice keeps the first pending value', async () => {
  const sm = fakeSecretsManager();
  await rotate(sm, step('createSecret'));
  sm.versions.v2.value = JSON.stringify({ password: 'p'.repeat(32) });
  expect(await rotate(sm, step('createSecret'))).toMatch(/already holds/);
  expect(JSON.parse(sm.versions.v2.value).password).toBe('p'.repeat(32));
});

test('no rotation without rotation enabled, and no finish without a pending version', async () => {
  await expect(rotate(fakeSecretsManager(false), step('createSecret'))).rejects.toThrow(/not enabled/);
  await expect(rotate(fakeSecretsManager(), step('finishSecret'))).rejects.toThrow(/not AWSPENDING/);
});
