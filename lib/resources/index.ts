import { apigateway } from './apigateway';
import { autoscaling } from './autoscaling';
import { budgets } from './budgets';
import { cdk } from './cdk';
import { cloudformation } from './cloudformation';
import { cloudfront } from './cloudfront';
import { cloudwatch } from './cloudwatch';
import { custom } from './custom';
import { dynamodb } from './dynamodb';
import { ec2 } from './ec2';
import { elbv2 } from './elbv2';
import { events } from './events';
import { firehose } from './firehose';
import { iam } from './iam';
import { kinesis } from './kinesis';
import { kms } from './kms';
import { lambda } from './lambda';
import { logs } from './logs';
import { s3 } from './s3';
import { scheduler } from './scheduler';
import { secretsmanager } from './secretsmanager';
import { ses } from './ses';
import { sns } from './sns';
import { sqs } from './sqs';
import { ssm } from './ssm';
import { stepfunctions } from './stepfunctions';
import type { ResourceType, ServiceModule } from './types';

export type * from './types';

/**
 * The resource registry: every service module of lib/resources. The cost estimator, the diagram,
 * the leftover scan and sweep loop over it; a new service is one module here. The order is the
 * order of the leftover scan by name or tag (queues, topics, tables, functions, log groups,
 * buckets, load balancers, security groups), then the rest.
 */
export const SERVICE_MODULES: readonly ServiceModule[] = [
  sqs,
  sns,
  dynamodb,
  lambda,
  kinesis,
  firehose,
  logs,
  s3,
  cloudfront,
  elbv2,
  events,
  ec2,
  apigateway,
  autoscaling,
  budgets,
  cdk,
  cloudformation,
  cloudwatch,
  custom,
  iam,
  kms,
  scheduler,
  secretsmanager,
  ses,
  ssm,
  stepfunctions,
];

function buildRegistry(modules: readonly ServiceModule[]): ReadonlyMap<string, ResourceType> {
  const registry = new Map<string, ResourceType>();
  for (const module of modules) {
    for (const [type, knowledge] of Object.entries(module.types)) {
      if (registry.has(type)) throw new Error(`resource type ${type} is known by two service modules`);
      registry.set(type, knowledge);
    }
  }
  return registry;
}

/** Every CloudFormation type the kit knows, in module order. */
export const RESOURCE_TYPES: ReadonlyMap<string, ResourceType> = buildRegistry(SERVICE_MODULES);

/** What the kit knows about a type (undefined for a type no module knows). */
export const knowledgeOf = (type: string): ResourceType | undefined => RESOURCE_TYPES.get(type);

/** IAM action prefixes whose grants the diagram draws (data and messaging services). */
export const DRAWN_GRANT_SERVICES: ReadonlySet<string> = new Set(
  SERVICE_MODULES.flatMap((m) => (m.drawnGrants ? [m.drawnGrants] : [])),
);

/**
 * What the registry lacks to handle a type found in a lab's template, one line per gap (empty when
 * it knows the type fully): priced (or usage-priced, or free), drawn (or hidden with a reason),
 * scanned after destroy (or unable to outlive its stack, with the reason).
 */
export function registryGaps(type: string): string[] {
  const known = knowledgeOf(type);
  if (!known) return [`${type}: no service module knows it (add it to lib/resources/<service>.ts)`];
  const gaps: string[] = [];
  const { price, diagram, leftovers } = known;
  if (!price?.hourly && !price?.usage && !price?.free)
    gaps.push(`${type}: no price rule (hourly, usage-priced or free)`);
  const shown = [diagram?.node, diagram?.aggregate, diagram?.hidden].filter(Boolean).length;
  if (shown !== 1)
    gaps.push(`${type}: the diagram needs exactly one of node, aggregate or hidden (has ${shown})`);
  if (!leftovers)
    gaps.push(`${type}: no leftover rule (how to find it after destroy, or why it cannot outlive its stack)`);
  return gaps;
}
