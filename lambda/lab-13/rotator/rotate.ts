import {
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';

export type SecretsManager = Pick<SecretsManagerClient, 'send'>;

/** The event Secrets Manager sends a rotation function, once per step. */
export interface RotationEvent {
  readonly Step: 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';
  readonly SecretId: string;
  readonly ClientRequestToken: string;
}

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';

/**
 * One step of the rotation of a generic secret (JSON with a `password`), as Secrets Manager drives
 * it: createSecret stores a new value as AWSPENDING under the rotation's token; setSecret would
 * change the password in the service that uses it (there is none here); testSecret reads the
 * pending value back; finishSecret moves AWSCURRENT to it (Secrets Manager puts AWSPREVIOUS on the
 * old version). Each step can run again without harm. Returns what it did, for the log.
 */
export async function rotate(sm: SecretsManager, event: RotationEvent): Promise<string> {
  const { SecretId, ClientRequestToken: token, Step } = event;
  const metadata = await sm.send(new DescribeSecretCommand({ SecretId }));
  if (!metadata.RotationEnabled) throw new Error(`rotation is not enabled on ${SecretId}`);
  const stages = metadata.VersionIdsToStages?.[token];
  if (stages?.includes(CURRENT) && Step !== 'finishSecret')
    return `${Step}: version ${token} is already AWSCURRENT`;
  if (Step !== 'createSecret' && !stages?.includes(PENDING))
    throw new Error(`version ${token} of ${SecretId} is not AWSPENDING`);

  switch (Step) {
    case 'createSecret': {
      const current = await sm.send(new GetSecretValueCommand({ SecretId, VersionStage: CURRENT }));
      if (stages?.includes(PENDING)) {
        try {
          await sm.send(new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: PENDING }));
          return `createSecret: version ${token} already holds a pending value`;
        } catch (error) {
          if ((error as Error).name !== 'ResourceNotFoundException') throw error;
        }
      }
      const password = await sm.send(
        new GetRandomPasswordCommand({ PasswordLength: 32, ExcludePunctuation: true }),
      );
      const value = { ...JSON.parse(current.SecretString ?? '{}'), password: password.RandomPassword };
      await sm.send(
        new PutSecretValueCommand({
          SecretId,
          ClientRequestToken: token,
          SecretString: JSON.stringify(value),
          VersionStages: [PENDING],
        }),
      );
      return `createSecret: stored a new password as AWSPENDING in version ${token}`;
    }
    case 'setSecret':
      return 'setSecret: a generic secret has no service to update';
    case 'testSecret': {
      const pending = await sm.send(
        new GetSecretValueCommand({ SecretId, VersionId: token, VersionStage: PENDING }),
      );
      const password = (JSON.parse(pending.SecretString ?? '{}') as { password?: string }).password;
      if (!password || password.length < 32) throw new Error('the pending value has no usable password');
      return `testSecret: version ${token} holds a ${password.length}-character password`;
    }
    case 'finishSecret': {
      const currentVersion = Object.entries(metadata.VersionIdsToStages ?? {}).find(([, s]) =>
        s.includes(CURRENT),
      )?.[0];
      if (currentVersion === token) return `finishSecret: version ${token} is already AWSCURRENT`;
      await sm.send(
        new UpdateSecretVersionStageCommand({
          SecretId,
          VersionStage: CURRENT,
          MoveToVersionId: token,
          RemoveFromVersionId: currentVersion,
        }),
      );
      await sm.send(
        new UpdateSecretVersionStageCommand({ SecretId, VersionStage: PENDING, RemoveFromVersionId: token }),
      );
      return `finishSecret: AWSCURRENT moved from ${currentVersion} to ${token}`;
    }
    default:
      throw new Error(`unknown rotation step ${String(Step)}`);
  }
}
