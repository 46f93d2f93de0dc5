import { Aws, CfnOutput, CustomResource, Duration, RemovalPolicy, Tags, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import type { Output } from './outputs';

/** The encryption context every envelope the function seals carries (and the grant requires). */
export const ENVELOPE_CONTEXT = { purpose: 'lab-13-envelope' } as const;
/** What the grant lets the envelope function do with the key (its role has no KMS permission). */
export const GRANT_OPERATIONS = ['GenerateDataKey', 'Decrypt'] as const;
/** The two teams whose roles share one policy scoped by `${aws:PrincipalTag/team}`. */
export const TEAMS = ['blue', 'green'] as const;

/**
 * lab-13 Keys, secrets and policy evaluation.
 *
 * - A customer managed KMS key (yearly rotation, 7-day deletion window) whose key policy delegates
 *   to IAM, plus a grant that lets the envelope function generate and decrypt data keys, only with
 *   the lab's encryption context; the function's role has no KMS permission of its own.
 * - A function that encrypts a payload of any size locally (AES-256-GCM) under a data key from
 *   GenerateDataKey, keeping only the encrypted data key: envelope encryption.
 * - A Parameter Store hierarchy under `/<stack>/app/`: two String parameters made by CloudFormation
 *   and one SecureString under the lab key, made by a custom resource (CloudFormation cannot create
 *   SecureString parameters); a reader function may read the path but has no kms:Decrypt.
 * - A Secrets Manager secret under the lab key, rotated every 30 days by a rotation function that
 *   implements the four steps for a generic secret.
 * - IAM roles that show evaluation: an explicit Deny beating an Allow, a permissions boundary capping
 *   what a role's own policy allows, and one policy scoped per principal by `${aws:PrincipalTag/team}`.
 */
export class KeysSecretsPoliciesStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const root = `/${this.stackName}`;
    const parameterArn = (path: string) =>
      `arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:parameter${root}${path}`;

    // The default key policy: the account's root, so IAM policies (and grants) decide who uses it.
    const key = new kms.Key(this, 'LabKey', {
      description: 'lab-13: encrypts the SecureString parameter, the secret and the envelope data keys',
      enableKeyRotation: true,
      pendingWindow: Duration.days(7),
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // ---- envelope encryption ----
    const envelope = new LabFunction(this, 'EnvelopeFunction', {
      handlerFolder: 'lab-13/envelope',
      description: 'lab-13: envelope-encrypts a payload with a data key from KMS (AES-256-GCM)',
      environment: { KEY_ID: key.keyArn, ENCRYPTION_CONTEXT: JSON.stringify(ENVELOPE_CONTEXT) },
      timeout: Duration.seconds(30),
      memorySize: 512,
    });

    // Creates what CloudFormation cannot: the grant (no CloudFormation type) and the SecureString.
    const setup = new LabFunction(this, 'KeySetupFunction', {
      handlerFolder: 'lab-13/key-setup',
      description: 'lab-13: creates and removes the KMS grant and the SecureString parameter',
      timeout: Duration.seconds(30),
    });
    setup.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:CreateGrant', 'kms:RevokeGrant', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
      }),
    );
    setup.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:PutParameter', 'ssm:DeleteParameter'],
        resources: [parameterArn('/app/secrets/db-password')],
      }),
    );
    const grant = new CustomResource(this, 'EnvelopeGrant', {
      serviceToken: setup.function.functionArn,
      resourceType: 'Custom::KmsGrant',
      properties: {
        KeyId: key.keyArn,
        GranteePrincipal: envelope.role.roleArn,
        Operations: [...GRANT_OPERATIONS],
        EncryptionContextSubset: ENVELOPE_CONTEXT,
        Name: `${this.stackName}-envelope`,
      },
    });

    // ---- Parameter Store hierarchy ----
    new ssm.StringParameter(this, 'LogLevel', {
      parameterName: `${root}/app/config/log-level`,
      stringValue: 'info',
      description: 'lab-13: a plain String parameter',
    });
    new ssm.StringParameter(this, 'FeatureFlags', {
      parameterName: `${root}/app/config/feature-flags`,
      stringValue: 'new-checkout=on,dark-mode=off',
      description: 'lab-13: a plain String parameter',
    });
    const securePassword = new CustomResource(this, 'DbPassword', {
      serviceToken: setup.function.functionArn,
      resourceType: 'Custom::SecureStringParameter',
      properties: { Name: `${root}/app/secrets/db-password`, KeyId: key.keyArn },
    });

    const reader = new LabFunction(this, 'ConfigReaderFunction', {
      handlerFolder: 'lab-13/config-reader',
      description: 'lab-13: reads the app parameters by path; it may not use the lab key',
      environment: { PARAMETER_PATH: `${root}/app` },
    });
    // Read by path, and nothing else: no kms:Decrypt, so SecureString values stay encrypted for it.
    reader.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ssm:GetParametersByPath', 'ssm:GetParameter'],
        resources: [parameterArn('/app'), parameterArn('/app/*')],
      }),
    );

    // ---- Secrets Manager with rotation ----
    const secret = new secretsmanager.Secret(this, 'AppSecret', {
      description: 'lab-13: database credentials, rotated by the rotation function',
      encryptionKey: key,
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ username: 'app' }),
        generateStringKey: 'password',
        excludePunctuation: true,
        passwordLength: 32,
      },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const rotator = new LabFunction(this, 'RotationFunction', {
      handlerFolder: 'lab-13/rotator',
      description: 'lab-13: rotates the app secret (createSecret, setSecret, testSecret, finishSecret)',
      timeout: Duration.seconds(30),
    });
    secret.addRotationSchedule('Rotation', {
      rotationLambda: rotator.function,
      automaticallyAfter: Duration.days(30),
    });
    // The CDK adds a secret policy denying the account root secretsmanager:DeleteSecret next to a
    // rotation schedule. The lab's secret must go with the stack (and MiniStack's CloudFormation
    // has no AWS::SecretsManager::ResourcePolicy), so the lab does without it.
    secret.node.tryRemoveChild('Policy');
    // Secrets Manager may invoke the function only for this secret (confused deputy).
    for (const child of rotator.function.node.children) {
      if (child instanceof lambda.CfnPermission) child.sourceArn = secret.secretArn;
    }

    // ---- IAM policy evaluation ----
    const trustAccount = new iam.AccountRootPrincipal();
    const appParameters = parameterArn('/app/*');

    // An Allow on the whole app tree, and an explicit Deny on its secrets: the Deny wins.
    const analyst = new iam.Role(this, 'AnalystRole', {
      assumedBy: trustAccount,
      description: 'lab-13: may read every app parameter except the secrets (explicit Deny)',
    });
    analyst.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAllAppParameters',
        actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        resources: [appParameters],
      }),
    );
    analyst.addToPolicy(
      new iam.PolicyStatement({
        sid: 'NeverTheSecrets',
        effect: iam.Effect.DENY,
        actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        resources: [parameterArn('/app/secrets/*')],
      }),
    );

    // Its own policy allows writes; the boundary allows only reads, so writes are implicitly denied.
    const boundary = new iam.ManagedPolicy(this, 'ReadOnlyBoundary', {
      description: 'lab-13: the most a bounded role may do: read app parameters',
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadAppParametersAtMost',
          actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
          resources: [appParameters],
        }),
      ],
    });
    const developer = new iam.Role(this, 'DeveloperRole', {
      assumedBy: trustAccount,
      description: 'lab-13: its policy allows writing app parameters, its boundary does not',
      permissionsBoundary: boundary,
    });
    developer.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAndWriteAppParameters',
        actions: [
          'ssm:GetParameter',
          'ssm:GetParameters',
          'ssm:GetParametersByPath',
          'ssm:PutParameter',
          'ssm:DeleteParameter',
        ],
        resources: [appParameters],
      }),
    );

    // One policy for every team: the principal's own `team` tag picks the prefix it may use.
    const teamPolicy = new iam.ManagedPolicy(this, 'TeamScopedPolicy', {
      description:
        "lab-13: each team may read and write only under its own prefix (the principal's team tag)",
      statements: [
        new iam.PolicyStatement({
          sid: 'OwnTeamPrefixOnly',
          actions: ['ssm:GetParameter', 'ssm:GetParametersByPath', 'ssm:PutParameter'],
          // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
          resources: [parameterArn('/teams/${aws:PrincipalTag/team}/*')],
        }),
      ],
    });
    const teamRoles = TEAMS.map((team) => {
      const role = new iam.Role(this, `Team${team[0].toUpperCase()}${team.slice(1)}Role`, {
        assumedBy: trustAccount,
        description: `lab-13: a member of team ${team}`,
        managedPolicies: [teamPolicy],
      });
      Tags.of(role).add('team', team);
      return role;
    });

    this.acknowledge({ setup, reader, envelope, analyst, developer, boundary, teamPolicy, rotator });

    const outputs: Record<Output, string> = {
      KeyArn: key.keyArn,
      EnvelopeFunctionName: envelope.function.functionName,
      EnvelopeRoleArn: envelope.role.roleArn,
      GrantId: grant.ref,
      ParameterPath: `${root}/app`,
      SecureParameterName: securePassword.ref,
      ConfigReaderFunctionName: reader.function.functionName,
      SecretArn: secret.secretArn,
      RotationFunctionName: rotator.function.functionName,
      AnalystRoleArn: analyst.roleArn,
      DeveloperRoleArn: developer.roleArn,
      TeamBlueRoleArn: teamRoles[0].roleArn,
      TeamGreenRoleArn: teamRoles[1].roleArn,
      TeamParameterPrefixArn: parameterArn('/teams/'),
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }

  /** cdk-nag acknowledgements, each with the reason it is true. */
  private acknowledge(parts: {
    setup: LabFunction;
    reader: LabFunction;
    envelope: LabFunction;
    analyst: iam.Role;
    developer: iam.Role;
    boundary: iam.ManagedPolicy;
    teamPolicy: iam.ManagedPolicy;
    rotator: LabFunction;
  }): void {
    const appTree =
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:parameter/';
    const appReason =
      'The lab’s own parameter tree /<stack>/app/*: the policy is about that hierarchy, whose leaf names are the lesson.';
    for (const scope of [parts.reader.role, parts.analyst, parts.developer, parts.boundary]) {
      Validations.of(scope).acknowledge({ id: `${appTree}${this.stackName}/app/*]`, reason: appReason });
    }
    Validations.of(parts.analyst).acknowledge({
      id: `${appTree}${this.stackName}/app/secrets/*]`,
      reason: 'A Deny: a wildcard there takes permissions away, it grants nothing.',
    });
    Validations.of(parts.teamPolicy).acknowledge({
      id: `${appTree}${this.stackName}/teams/<aws:PrincipalTag/team>/*]`,
      reason:
        'The policy variable narrows each principal to its own team prefix; the wildcard covers that team’s parameters only.',
    });
    Validations.of(parts.rotator.role).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Only secretsmanager:GetRandomPassword (added by the CDK rotation schedule), which acts on no resource and supports no resource-level permission.',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason:
          'The CDK key grant for writing the rotated secret, on the lab key only and only through Secrets Manager (kms:ViaService).',
      },
      {
        id: 'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        reason:
          'Part of the CDK encrypt/decrypt grant on the lab key, only through Secrets Manager (kms:ViaService).',
      },
    );
  }
}
