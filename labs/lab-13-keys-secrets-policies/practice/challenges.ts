import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const ANALYST_DENY =
  '{"Version":"2012-10-17","Statement":[{"Sid":"NeverTheSecrets","Effect":"Deny",' +
  '"Action":["ssm:GetParameter","ssm:GetParameters","ssm:GetParametersByPath"],' +
  '"Resource":"arn:aws:ssm:*:*:parameter$ParameterPath/secrets/*"}]}';

/** lab-13's break-fix exercises: each takes one protection of the keys or secrets away. */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'analysts-read-secrets',
    scenario:
      'A Deny turned into an Allow: the explicit Deny that kept analysts away from the secrets is gone',
    symptom:
      'An access review found that the analyst role, meant for configuration only, can read the database password ' +
      'parameter. Its policy looks the same as before at a glance.',
    break: [
      {
        find: "        sid: 'NeverTheSecrets',\n        effect: iam.Effect.DENY,",
        replace: "        sid: 'NeverTheSecrets',\n        effect: iam.Effect.ALLOW,",
      },
    ],
    checks: ['explicitDenyWins'],
    hints: [
      'The analyst may read the whole app tree; what used to take the secrets out of that?',
      'Look at the analyst role’s inline policy (aws iam get-role-policy) or the AnalystRole statements in stack.ts.',
      'An explicit Deny beats every Allow: the NeverTheSecrets statement must have Effect Deny on app/secrets/*.',
    ],
    fix: {
      cli: [
        'role=$(basename $AnalystRoleArn)',
        `aws iam put-role-policy --role-name "$role" --policy-name never-the-secrets --policy-document "${ANALYST_DENY.replace(/"/g, '\\"')}"`,
      ].join('\n'),
      stack:
        'Set effect: iam.Effect.DENY on the NeverTheSecrets statement again, then npx labs deploy lab-13.',
    },
  },
  {
    name: 'envelope-cannot-open',
    scenario: 'The grant lost Decrypt: the function can make data keys but never decrypt them again',
    symptom:
      'Since the last release the envelope service seals new documents without complaint, but on AWS every attempt ' +
      'to open one fails with AccessDeniedException. Its IAM role was not changed.',
    break: [
      {
        find: "export const GRANT_OPERATIONS = ['GenerateDataKey', 'Decrypt'] as const;",
        replace: "export const GRANT_OPERATIONS = ['GenerateDataKey'] as const;",
      },
    ],
    checks: ['grantToEnvelopeRole'],
    judgedBy: {
      ministack:
        'the grant as KMS lists it (configuration): MiniStack stores grants but does not evaluate them, so the function still decrypts there',
    },
    hints: [
      'The role has no KMS permission at all: where does the function get its right to use the key?',
      'List the grants of the lab key (aws kms list-grants --key-id $KeyArn) or look at GRANT_OPERATIONS in stack.ts.',
      'A grant lists the operations it allows; opening an envelope needs Decrypt next to GenerateDataKey, with the same encryption context constraint.',
    ],
    fix: {
      cli: 'aws kms create-grant --key-id $KeyArn --grantee-principal $EnvelopeRoleArn --operations GenerateDataKey Decrypt --constraints EncryptionContextSubset={purpose=lab-13-envelope} --name lab-13-envelope-fixed',
      stack:
        "Put 'Decrypt' back into GRANT_OPERATIONS in stack.ts (the custom resource replaces the grant), then npx labs deploy lab-13.",
    },
  },
  {
    name: 'key-never-rotated',
    scenario: 'Automatic key rotation is off on the customer managed key',
    symptom:
      'A compliance scan reports that the lab’s key still uses the key material it was created with, although the ' +
      'standard asks for new material every year and the key is older than that in production.',
    break: [{ find: 'enableKeyRotation: true,', replace: 'enableKeyRotation: false,' }],
    checks: ['keyRotationEnabled'],
    hints: [
      'Nobody has to re-encrypt anything to get new key material: which key setting does it by itself?',
      'Look at the key’s rotation status (aws kms get-key-rotation-status) or the LabKey props in stack.ts.',
      'Automatic rotation makes new material yearly (or every 90-2,560 days) under the same key id; turn it on with enableKeyRotation / EnableKeyRotation.',
    ],
    fix: {
      cli: 'aws kms enable-key-rotation --key-id $KeyArn',
      stack: 'Set enableKeyRotation: true on the key again, then npx labs deploy lab-13.',
    },
  },
  {
    name: 'rotation-never-starts',
    scenario:
      'The rotation function may be invoked only for another resource: Secrets Manager cannot call it for the secret',
    symptom:
      'The monthly rotation of the database password has failed since the last release: the console shows the last ' +
      'rotation as failed and the password has not changed. The rotation function’s code and role were not touched.',
    break: [
      {
        find: 'if (child instanceof lambda.CfnPermission) child.sourceArn = secret.secretArn;',
        replace: 'if (child instanceof lambda.CfnPermission) child.sourceArn = key.keyArn;',
      },
    ],
    checks: ['secretRotated'],
    skipOn: {
      ministack:
        'MiniStack (with the kit’s rotation patch) invokes the rotation function without checking its resource ' +
        'policy: with the wrong source ARN the rotation still succeeded there (CI run of 2026-12-08).',
    },
    hints: [
      'The function works when you invoke it yourself: what decides who else may invoke it?',
      'Look at the rotation function’s resource policy (aws lambda get-policy --function-name $RotationFunctionName) or the CfnPermission loop in stack.ts.',
      'Secrets Manager invokes the rotation function through its resource policy; the statement for secretsmanager.amazonaws.com must name this secret as its source ARN (against the confused deputy), not another resource.',
    ],
    fix: {
      cli: 'aws lambda add-permission --function-name $RotationFunctionName --statement-id rotation-for-the-secret --action lambda:InvokeFunction --principal secretsmanager.amazonaws.com --source-arn $SecretArn',
      stack:
        'Set child.sourceArn = secret.secretArn on the rotation function’s CfnPermission again, then npx labs deploy lab-13.',
    },
  },
];
