import { partOf, referencedId, shortName } from './support';
import { defineService } from './types';

/** AWS Secrets Manager: secrets (billed per secret-month) and their rotation schedules. */
export const secretsmanager = defineService({
  prefix: 'AWS::SecretsManager',
  drawnGrants: 'secretsmanager',
  types: {
    'AWS::SecretsManager::Secret': {
      price: {
        hourly: ({ id, add }) =>
          add(`Secrets Manager secret ${shortName(id)}`, 1, 'secretsmanager:secret-month'),
        usage: 'Secrets Manager API calls: $0.05 per 10,000',
      },
      diagram: { node: { label: 'Secrets Manager secret', group: 'Configuration' } },
      leftovers: {
        // A secret scheduled for deletion is unreadable and not billed; it counts as gone.
        exists: async (arn, config) => {
          const { DescribeSecretCommand, SecretsManagerClient } = await import(
            '@aws-sdk/client-secrets-manager'
          );
          try {
            const secret = await new SecretsManagerClient(config).send(
              new DescribeSecretCommand({ SecretId: arn }),
            );
            return secret.DeletedDate === undefined;
          } catch (error) {
            if (/ResourceNotFound/.test((error as Error).name)) return false;
            throw error;
          }
        },
      },
    },
    'AWS::SecretsManager::RotationSchedule': {
      price: { free: 'a setting of its secret; the rotation function is priced' },
      diagram: {
        hidden: 'drawn as the edge from the secret to its rotation function',
        edges: (_id, props, { drawn }) => {
          const secret = referencedId(props.SecretId);
          const rotator = referencedId(props.RotationLambdaARN);
          return secret && rotator && drawn.has(secret) && drawn.has(rotator)
            ? [{ from: secret, to: rotator, label: 'rotated by', dotted: true }]
            : [];
        },
      },
      leftovers: { cannotOutlive: partOf('secret') },
    },
  },
});
