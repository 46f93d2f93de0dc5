import type { Stack } from 'aws-cdk-lib';
import { CfnLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { emulatorUrl } from '../local-endpoint';
import { type CompatibilityStep, hasResource, type StepTemplate } from './step';

type GetAtt = { 'Fn::GetAtt': [string, string] };
type Join = { 'Fn::Join': [string, unknown[]] };

const isGetAtt = (value: unknown, attribute: string): value is GetAtt =>
  Array.isArray((value as GetAtt | undefined)?.['Fn::GetAtt']) &&
  (value as GetAtt)['Fn::GetAtt'][1] === attribute;

/**
 * The emulator's endpoint as the functions it runs reach it: `AWS_ENDPOINT_URL` when it points at
 * this machine (plain `cdk deploy`, `cdklocal`, and the `labs` CLI, which sets it), else the kit's
 * emulator URL.
 */
export function emulatorEndpointForTemplates(env: NodeJS.ProcessEnv = process.env): string {
  const endpoint = env.AWS_ENDPOINT_URL?.replace(/\/+$/, '');
  if (endpoint && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(endpoint)) return endpoint;
  return emulatorUrl(env);
}

/**
 * The same value with every `http(s)://` + a load balancer's DNSName replaced by the emulator's
 * `/_alb/<name>` route to that load balancer; undefined when the value holds no such URL.
 */
export function routedThroughEmulator(
  value: unknown,
  isLoadBalancer: (logicalId: string) => boolean,
  endpoint: string,
): unknown {
  const join = (value as Join | undefined)?.['Fn::Join'];
  if (!Array.isArray(join) || join[0] !== '' || !Array.isArray(join[1])) return undefined;
  const parts = [...join[1]];
  let changed = false;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const before = parts[i - 1];
    if (!isGetAtt(part, 'DNSName') || !isLoadBalancer(part['Fn::GetAtt'][0])) continue;
    if (typeof before !== 'string' || !/https?:\/\/$/.test(before)) continue;
    parts[i - 1] = before.replace(/https?:\/\/$/, `${endpoint}/_alb/`);
    parts[i] = { 'Fn::GetAtt': [part['Fn::GetAtt'][0], 'LoadBalancerName'] };
    const after = parts[i + 1];
    if (typeof after !== 'string' || !after.startsWith('/')) parts.splice(i + 1, 0, '/');
    changed = true;
  }
  return changed ? { 'Fn::Join': ['', parts] } : undefined;
}

function loadBalancerIds(template: StepTemplate): Set<string> {
  return new Set(
    Object.entries(template.Resources ?? {})
      .filter(([, r]) => r.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer')
      .map(([id]) => id),
  );
}

function stackLoadBalancerIds(stack: Stack): Set<string> {
  return new Set(
    stack.node
      .findAll()
      .filter((c): c is CfnLoadBalancer => c instanceof CfnLoadBalancer)
      .map((c) => stack.resolve(c.logicalId) as string),
  );
}

/**
 * Functions run on the host under MiniStack, where a load balancer's AWS DNS name resolves nowhere;
 * MiniStack serves each load balancer under `/_alb/<name>/` on its own port. On MiniStack, function
 * environment variables that hold a load balancer URL point there instead, in the template.
 */
export const routeLoadBalancerUrls: CompatibilityStep = {
  name: 'route-load-balancer-urls',
  target: 'ministack',
  why:
    "Functions run on the host under MiniStack, where a load balancer's AWS DNS name does not resolve; on MiniStack " +
    "function environment variables holding such a URL point at MiniStack's /_alb/<name>/ route to the same load " +
    'balancer (the endpoint the template is built for).',
  covers: {
    resourceTypes: ['AWS::Lambda::Function'],
    behaviour: 'functions with a load balancer URL in an environment variable',
    appliesTo: (template) => {
      const balancers = loadBalancerIds(template);
      return hasResource(template, ['AWS::Lambda::Function'], (p) => {
        const variables =
          (p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
        return Object.values(variables).some(
          (v) => routedThroughEmulator(v, (id) => balancers.has(id), 'http://x') !== undefined,
        );
      });
    },
  },
  phase: 'synth',
  transform(node, stack) {
    if (!(node instanceof CfnFunction)) return;
    const environment = stack.resolve(node.environment) as
      | { variables?: Record<string, unknown> }
      | undefined;
    const variables = environment?.variables ?? {};
    if (Object.keys(variables).length === 0) return;
    const balancers = stackLoadBalancerIds(stack);
    const endpoint = emulatorEndpointForTemplates();
    for (const [key, value] of Object.entries(variables)) {
      const routed = routedThroughEmulator(value, (id) => balancers.has(id), endpoint);
      if (routed !== undefined) node.addPropertyOverride(`Environment.Variables.${key}`, routed);
    }
  },
};
