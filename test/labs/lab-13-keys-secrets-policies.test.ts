import { Match } from 'aws-cdk-lib/assertions';
import { ENVELOPE_CONTEXT, GRANT_OPERATIONS } from '../../labs/lab-13-keys-secrets-policies/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import type { CfnTemplate } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, stableTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-13');

type Resource = { Properties: any; DependsOn?: string[] };
const resources = (type: string) => Object.entries(template.findResources(type)) as [string, Resource][];
const keyId = () => Object.keys(template.findResources('AWS::KMS::Key'))[0];
const roleId = (prefix: string) => {
  const found = resources('AWS::IAM::Role').filter(([id]) => id.startsWith(prefix));
  expect(found).toHaveLength(1);
  return found[0][0];
};
const policiesOf = (role: string) =>
  resources('AWS::IAM::Policy').filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(role));
const actionsOf = (role: string) =>
  policiesOf(role).flatMap(([, p]) =>
    p.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()),
  );

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the customer managed key rotates and is deleted with the lab (7-day window)', () => {
  template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, PendingWindowInDays: 7 });
  template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Delete' });
});

test('the key policy delegates to IAM through the account root', () => {
  template.hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: {
      Statement: Match.arrayWith([
        Match.objectLike({
          Effect: 'Allow',
          Action: 'kms:*',
          Principal: { AWS: Match.objectLike({ 'Fn::Join': Match.anyValue() }) },
        }),
      ]),
    },
  });
});

test('the envelope function gets the key only through a grant limited to its encryption context', () => {
  const envelopeRole = roleId('EnvelopeFunctionRole');
  expect(actionsOf(envelopeRole).filter((a: string) => a.startsWith('kms:'))).toEqual([]);
  template.hasResourceProperties('Custom::KmsGrant', {
    KeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] },
    GranteePrincipal: { 'Fn::GetAtt': [envelopeRole, 'Arn'] },
    Operations: [...GRANT_OPERATIONS],
    EncryptionContextSubset: ENVELOPE_CONTEXT,
  });
});

test('the parameter hierarchy: two String parameters by CloudFormation, the SecureString by a custom resource', () => {
  expect(
    resources('AWS::SSM::Parameter')
      .map(([, p]) => [p.Properties.Name, p.Properties.Type])
      .sort(),
  ).toEqual([
    ['/lab-13/app/config/feature-flags', 'String'],
    ['/lab-13/app/config/log-level', 'String'],
  ]);
  template.hasResourceProperties('Custom::SecureStringParameter', {
    Name: '/lab-13/app/secrets/db-password',
    KeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] },
  });
});

test('the parameter reader may read the app path but has no KMS permission', () => {
  const actions = actionsOf(roleId('ConfigReaderFunctionRole'));
  expect(actions).toEqual(expect.arrayContaining(['ssm:GetParametersByPath', 'ssm:GetParameter']));
  expect(actions.filter((a: string) => a.startsWith('kms:'))).toEqual([]);
});

test('the secret is encrypted with the lab key and rotated every 30 days by the rotation function', () => {
  template.hasResourceProperties('AWS::SecretsManager::Secret', {
    KmsKeyId: { 'Fn::GetAtt': [keyId(), 'Arn'] },
    GenerateSecretString: Match.objectLike({ GenerateStringKey: 'password' }),
  });
  template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
    RotationLambdaARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RotationFunction'), 'Arn'] },
    RotationRules: { ScheduleExpression: 'rate(30 days)' },
  });
  // Secrets Manager may invoke it only for this secret.
  template.hasResourceProperties('AWS::Lambda::Permission', {
    Principal: 'secretsmanager.amazonaws.com',
    SourceArn: { Ref: Match.stringLikeRegexp('^AppSecret') },
  });
});

test('the analyst role: an Allow on the app tree and an explicit Deny on its secrets', () => {
  const [[, policy]] = policiesOf(roleId('AnalystRole'));
  const statements = policy.Properties.PolicyDocument.Statement;
  expect(statements.map((s: any) => [s.Sid, s.Effect])).toEqual([
    ['ReadAllAppParameters', 'Allow'],
    ['NeverTheSecrets', 'Deny'],
  ]);
  expect(JSON.stringify(statements[1].Resource)).toContain('/app/secrets/*');
});

test('the developer role allows writes, its permissions boundary only reads', () => {
  const developer = roleId('DeveloperRole');
  expect(actionsOf(developer)).toEqual(expect.arrayContaining(['ssm:PutParameter', 'ssm:DeleteParameter']));
  const [boundaryId, boundary] = resources('AWS::IAM::ManagedPolicy').find(([id]) =>
    id.startsWith('ReadOnlyBoundary'),
  ) ?? ['', undefined];
  expect(boundary?.Properties.PolicyDocument.Statement.flatMap((s: any) => s.Action)).toEqual([
    'ssm:GetParameter',
    'ssm:GetParameters',
    'ssm:GetParametersByPath',
  ]);
  template.hasResourceProperties('AWS::IAM::Role', {
    Description: Match.stringLikeRegexp('boundary'),
    PermissionsBoundary: { Ref: boundaryId },
  });
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
test('one team policy scoped by ${aws:PrincipalTag/team}, attached to two roles tagged blue and green', () => {
  const [[policyId, policy]] = resources('AWS::IAM::ManagedPolicy').filter(([id]) =>
    id.startsWith('TeamScopedPolicy'),
  );
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
  expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('/teams/${aws:PrincipalTag/team}/*');
  const teams = resources('AWS::IAM::Role')
    .filter(([, r]) => JSON.stringify(r.Properties.ManagedPolicyArns ?? []).includes(policyId))
    .map(([, r]) => r.Properties.Tags.find((t: any) => t.Key === 'team')?.Value)
    .sort();
  expect(teams).toEqual(['blue', 'green']);
});

test('one Secrets Manager secret, priced per secret-month', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(JSON.stringify(estimate)).toMatch(/Secrets Manager secret AppSecret/);
});

test('on MiniStack the rotation schedule is set through the API; no step on AWS', () => {
  const json = template.toJSON() as CfnTemplate;
  expect(stepsFor(json as never, 'ministack').map((s) => s.name)).toContain('rotation-schedule-through-api');
  expect(stepsFor(json as never, 'aws')).toEqual([]);
});
