import { RotateSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The properties of a Custom::LabkitRotationSchedule (an AWS::SecretsManager::RotationSchedule's). */
export interface RotationScheduleProperties {
  readonly SecretId: string;
  readonly RotationLambdaARN?: string;
  readonly RotationRules?: {
    readonly AutomaticallyAfterDays?: string | number;
    readonly ScheduleExpression?: string;
    readonly Duration?: string;
  };
  readonly RotateImmediatelyOnUpdate?: string | boolean;
}

/**
 * Turns rotation on as the RotationSchedule would: RotateSecret with the function and the rules
 * (the number of days restored from CloudFormation's string).
 */
export async function startRotation(
  sm: Pick<SecretsManagerClient, 'send'>,
  props: RotationScheduleProperties,
): Promise<void> {
  const rules = props.RotationRules;
  const days = rules?.AutomaticallyAfterDays;
  await sm.send(
    new RotateSecretCommand({
      SecretId: props.SecretId,
      RotationLambdaARN: props.RotationLambdaARN,
      RotationRules: rules
        ? {
            ...(days !== undefined ? { AutomaticallyAfterDays: Number(days) } : {}),
            ...(rules.ScheduleExpression ? { ScheduleExpression: rules.ScheduleExpression } : {}),
            ...(rules.Duration ? { Duration: rules.Duration } : {}),
          }
        : undefined,
      RotateImmediately: String(props.RotateImmediatelyOnUpdate ?? 'true') !== 'false',
    }),
  );
}
