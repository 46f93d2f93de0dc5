import { Match } from 'aws-cdk-lib/assertions';
import { canaryBound } from '../../labs/lab-08-serverless-api/experiments/canary';
import {
  BETA_HELLO_THROTTLE,
  CANARY_WEIGHT,
  LIMITED_CONCURRENCY,
  STANDARD_PLAN,
  TRIAL_PLAN,
} from '../../labs/lab-08-serverless-api/stack';
import { COMPAT_RESOURCE_TYPES } from '../../lambda/kit/emulator-compatibility/resource-types';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, resourcesOfType, stableTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-08');
const ministackTemplate = labTemplate('lab-08', { target: 'ministack' });
const cached = labTemplate('lab-08', { expiry: true, context: { apiCache: 'true' } });

const versions = resourcesOfType(template, 'AWS::Lambda::Version');
const aliases = Object.fromEntries(
  resourcesOfType(template, 'AWS::Lambda::Alias').map(([, alias]) => [alias.Properties?.Name, alias]),
);
const versionId = (ref: unknown) => (ref as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
const stages = Object.fromEntries(
  resourcesOfType(template, 'AWS::ApiGateway::Stage').map(([, stage]) => [
    stage.Properties?.StageName,
    stage,
  ]),
);

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('two published versions; next points at release 2', () => {
  expect(versions.map(([, v]) => v.Properties?.Description).sort()).toEqual(['release 1', 'release 2']);
  const release2 = versions.find(([, v]) => v.Properties?.Description === 'release 2')?.[0];
  expect(versionId(aliases.next.Properties?.FunctionVersion)).toBe(release2);
  // Release 2 is published only after the marker changed the function (else Lambda refuses it).
  const [[markerId]] = resourcesOfType(template, 'Custom::LambdaReleaseMarker');
  const release2Resource = versions.find(([id]) => id === release2)?.[1] as { DependsOn?: string[] };
  expect(release2Resource.DependsOn).toContain(markerId);
});

test('the live alias sends 10 % of its invocations to release 2', () => {
  const release1 = versions.find(([, v]) => v.Properties?.Description === 'release 1')?.[0];
  const release2 = versions.find(([, v]) => v.Properties?.Description === 'release 2')?.[0];
  const live = aliases.live.Properties as Record<string, any>;
  expect(versionId(live.FunctionVersion)).toBe(release1);
  const [weighted] = live.RoutingConfig.AdditionalVersionWeights;
  expect(versionId(weighted.FunctionVersion)).toBe(release2);
  expect(weighted.FunctionWeight).toBe(CANARY_WEIGHT);
});

test('the integration calls the alias named by the stage variable; prod says live, beta says next', () => {
  const methods = resourcesOfType(template, 'AWS::ApiGateway::Method');
  expect(methods).toHaveLength(3);
  for (const [, method] of methods) {
    const integration = method.Properties?.Integration as Record<string, unknown>;
    expect(integration.Type).toBe('AWS_PROXY');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text API Gateway substitutes at request time
    expect(JSON.stringify(integration.Uri)).toContain(':${stageVariables.lambdaAlias}/invocations');
  }
  expect(stages.prod.Properties?.Variables).toEqual({ lambdaAlias: 'live' });
  expect(stages.beta.Properties?.Variables).toEqual({ lambdaAlias: 'next' });
});

test('API Gateway may invoke each alias, from this API only', () => {
  const permissions = resourcesOfType(template, 'AWS::Lambda::Permission').filter(
    ([, p]) => p.Properties?.Principal === 'apigateway.amazonaws.com',
  );
  expect(permissions).toHaveLength(2);
  for (const [, p] of permissions) {
    expect(JSON.stringify(p.Properties?.FunctionName)).toMatch(/LiveAlias|NextAlias/);
    expect(JSON.stringify(p.Properties?.SourceArn)).toContain('execute-api');
  }
});

test('every method requires an API key; two usage plans throttle per key, the trial one with a quota', () => {
  for (const [, method] of resourcesOfType(template, 'AWS::ApiGateway::Method'))
    expect(method.Properties?.ApiKeyRequired).toBe(true);
  template.resourceCountIs('AWS::ApiGateway::ApiKey', 2);
  template.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 2);
  template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
    Throttle: { RateLimit: STANDARD_PLAN.rateLimit, BurstLimit: STANDARD_PLAN.burstLimit },
    Quota: Match.absent(),
  });
  template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
    Throttle: { RateLimit: TRIAL_PLAN.rateLimit, BurstLimit: TRIAL_PLAN.burstLimit },
    Quota: { Limit: TRIAL_PLAN.quotaPerDay, Period: 'DAY' },
  });
});

test('the beta stage throttles GET /hello at 2 requests per second', () => {
  expect(stages.beta.Properties?.MethodSettings).toEqual([
    expect.objectContaining({
      HttpMethod: 'GET',
      ResourcePath: '/~1hello',
      ThrottlingRateLimit: BETA_HELLO_THROTTLE.rateLimit,
      ThrottlingBurstLimit: BETA_HELLO_THROTTLE.burstLimit,
    }),
  ]);
});

test('the limited function reserves 1 concurrent execution', () => {
  template.hasResourceProperties('AWS::Lambda::Function', {
    ReservedConcurrentExecutions: LIMITED_CONCURRENCY,
  });
});

test('no account-level CloudWatch role and no cache by default', () => {
  template.resourceCountIs('AWS::ApiGateway::Account', 0);
  expect(stages.prod.Properties?.CacheClusterEnabled).toBeUndefined();
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBe(0);
  expect(estimate.notPriced).toEqual([]);
  expect(estimate.usagePriced.join('\n')).toMatch(/REST APIs: \$3.50 per million/);
});

test('-c apiCache=true adds a 0.5 GB cache to prod, for GET /cached only', () => {
  const [, prod] = resourcesOfType(cached, 'AWS::ApiGateway::Stage').find(
    ([, s]) => s.Properties?.StageName === 'prod',
  )!;
  expect(prod.Properties).toMatchObject({ CacheClusterEnabled: true, CacheClusterSize: '0.5' });
  expect(prod.Properties?.MethodSettings).toEqual([
    expect.objectContaining({ ResourcePath: '/~1cached', CachingEnabled: true, CacheTtlInSeconds: 60 }),
  ]);
  const estimate = estimateHourlyCost(cached.toJSON() as CfnTemplate);
  expect(estimate.items.map((l) => l.what)).toContain('API cache 0.5 GB on stage prod');
  expect(estimate.perHour).toBeCloseTo(0.02, 4);
});

test('the canary bound is 5 binomial standard deviations around the weight', () => {
  expect(canaryBound(1000, 0.1, 5)).toEqual({ low: 52, high: 148, sigma: Math.sqrt(90) });
});

test('the diagram draws the API calling the greeter', () => {
  const diagram = renderMermaid(template.toJSON() as CfnTemplate);
  const [[apiId]] = resourcesOfType(template, 'AWS::ApiGateway::RestApi');
  expect(diagram).toMatch(
    new RegExp(`${apiId} -->\\|"Lambda proxy \\(alias from a stage variable\\)"\\| GreeterFunction`),
  );
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual(['function-reserved-concurrency', 'late-log-groups']);
  // On MiniStack only: a custom resource puts the limited function's reserved concurrency.
  ministackTemplate.hasResourceProperties(COMPAT_RESOURCE_TYPES.functionReservedConcurrency, {
    FunctionName: { Ref: Match.stringLikeRegexp('^LimitedFunction') },
    ReservedConcurrentExecutions: LIMITED_CONCURRENCY,
  });
  template.resourceCountIs(COMPAT_RESOURCE_TYPES.functionReservedConcurrency, 0);
});
