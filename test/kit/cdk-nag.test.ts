import { type App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { allLabs } from '../../lib/lab/catalogue';
import { cachedLab, cachedTemplate, variantKey } from '../support/lab-cache';
import { testApp } from '../support/synth';

/** Synthesizes with the AwsSolutions pack attached; unacknowledged findings make synth throw. */
function synthWithNag(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
}

/**
 * Every lab as deployed to AWS (with the expiry every AWS deploy gets by default), and with each of
 * its context options: checked by cdk-nag once per run, when the lab cache is built
 * (test/support/build-lab-cache.ts), which records the findings and the kit's acknowledgements.
 */
const nagged = allLabs().flatMap((lab) =>
  [
    { expiry: true },
    ...(lab.options ?? []).map((o) => ({
      expiry: true,
      context: { [o.name]: o.sample },
    })),
  ].map((variant) => [variantKey(lab.id, variant), lab.id, variant] as const),
);

describe.each(nagged)('%s under cdk-nag AwsSolutions', (_name, labId, variant) => {
  test('has no unacknowledged finding', () => {
    const cached = cachedLab(labId, variant);
    expect(cached.error).toBeUndefined();
    expect(cached.nag?.findings).toBe('');
  });

  test('justifies every acknowledgement in a sentence', () => {
    const acks = cachedLab(labId, variant).nag?.acknowledgements ?? [];
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect({ ...ack, reasonOk: ack.reason.length >= 50 && /[.]$/.test(ack.reason) }).toEqual({
        ...ack,
        reasonOk: true,
      });
    }
  });
});

test('a stack with a finding fails synth, naming the rule', () => {
  const app = testApp();
  new sqs.Queue(new Stack(app, 'Bad'), 'NoDeadLetter', { enforceSSL: true });
  expect(() => synthWithNag(app)).toThrow(/AwsSolutions-SQS3/);
});

type PolicyStatement = {
  Effect?: string;
  Principal?: string | { Service?: string | string[] };
  Condition?: Record<string, Record<string, unknown>>;
};
type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * Roles whose service principal assumes them only for a resource that someone in this account
 * configured with the role: a Lambda execution role is used only by functions it was passed to
 * (iam:PassRole guards that), and Lambda documents no aws:SourceAccount / aws:SourceArn for it.
 */
const PASSED_ROLE_SERVICES = new Set(['lambda.amazonaws.com']);

/** Whether a statement limits the service to resources of one account or to named resources. */
function hasSourceCondition(condition: PolicyStatement['Condition']): boolean {
  return Object.values(condition ?? {}).some((keys) =>
    Object.keys(keys).some((key) => ['aws:sourceaccount', 'aws:sourcearn'].includes(key.toLowerCase())),
  );
}

const servicesOf = (statement: PolicyStatement): string[] =>
  typeof statement.Principal === 'object' ? [statement.Principal.Service ?? []].flat() : [];

/**
 * Every grant to an AWS service principal in a template, as `<logical id> <type>: <service>`, that
 * carries no aws:SourceAccount / aws:SourceArn condition (Lambda permissions: no SourceAccount or
 * SourceArn property). Resource policies of topics, queues, buckets and keys, Lambda permissions
 * and role trust policies.
 */
function unconditionedServiceGrants(template: Template): string[] {
  const resources = (template.toJSON().Resources ?? {}) as Resources;
  const found: string[] = [];
  for (const [id, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    const documents: Record<string, unknown> = {
      'AWS::SNS::TopicPolicy': props.PolicyDocument,
      'AWS::SQS::QueuePolicy': props.PolicyDocument,
      'AWS::S3::BucketPolicy': props.PolicyDocument,
      'AWS::KMS::Key': props.KeyPolicy,
      'AWS::IAM::Role': props.AssumeRolePolicyDocument,
    };
    if (resource.Type === 'AWS::Lambda::Permission') {
      const principal = String(props.Principal ?? '');
      if (principal.endsWith('.amazonaws.com') && !props.SourceArn && !props.SourceAccount)
        found.push(`${id} ${resource.Type}: ${principal}`);
      continue;
    }
    const document = documents[resource.Type] as { Statement?: PolicyStatement[] } | undefined;
    for (const statement of document?.Statement ?? []) {
      if (statement.Effect !== 'Allow' || hasSourceCondition(statement.Condition)) continue;
      for (const service of servicesOf(statement)) {
        if (resource.Type === 'AWS::IAM::Role' && PASSED_ROLE_SERVICES.has(service)) continue;
        found.push(`${id} ${resource.Type}: ${service}`);
      }
    }
  }
  return found;
}

// Every variant of every lab deployable to AWS: without and with expiry, with each option.
const deployable = allLabs().flatMap((lab) =>
  [
    {},
    { expiry: true },
    ...(lab.options ?? []).flatMap((o) => [
      { context: { [o.name]: o.sample } },
      { expiry: true, context: { [o.name]: o.sample } },
    ]),
  ].map((variant) => [variantKey(lab.id, variant), lab.id, variant] as const),
);

describe.each(deployable)('%s grants AWS services access', (_name, labId, variant) => {
  test('only with an aws:SourceAccount or aws:SourceArn condition (confused deputy)', () => {
    expect(unconditionedServiceGrants(Template.fromJSON(cachedTemplate(labId, variant)))).toEqual([]);
  });
});

test('the guardrails stack grants AWS services access only with a source condition too', () => {
  expect(unconditionedServiceGrants(Template.fromJSON(cachedTemplate('guardrails')))).toEqual([]);
});

test('the check finds a grant without a source condition', () => {
  const app = testApp();
  const stack = new Stack(app, 'Unconditioned');
  new sns.Topic(stack, 'Topic').grantPublish(new iam.ServicePrincipal('cloudwatch.amazonaws.com'));
  new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com') });
  expect(unconditionedServiceGrants(Template.fromStack(stack))).toEqual([
    expect.stringMatching(/^TopicPolicy\w+ AWS::SNS::TopicPolicy: cloudwatch.amazonaws.com$/),
    expect.stringMatching(/^Role\w+ AWS::IAM::Role: scheduler.amazonaws.com$/),
  ]);
});
