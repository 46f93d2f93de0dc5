import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CfnResource, type Stack, TagManager } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { LabDefinition } from '../../lib/lab/catalogue';
import { TAG_KEYS } from '../../lib/safety/tags';

/**
 * Kit-wide rules every lab stack must follow. Each returns the list of violations it found
 * (empty when the stack is fine), so a failing test names every offending resource at once.
 */
type Resource = {
  Type: string;
  Properties?: Record<string, any>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
const resourcesOf = (template: Template): Record<string, Resource> => template.toJSON().Resources ?? {};

/** Nothing may survive `cdk destroy`: no Retain, RetainExceptOnCreate or Snapshot policies. */
export function retainedResources(template: Template): string[] {
  return Object.entries(resourcesOf(template)).flatMap(([id, r]) =>
    [r.DeletionPolicy, r.UpdateReplacePolicy]
      .filter((policy) => policy !== undefined && policy !== 'Delete')
      .map((policy) => `${id} (${r.Type}) has policy ${policy}`),
  );
}

/**
 * Every Lambda function logs to a log group of the same stack that has a retention and is deleted
 * with the stack (a log group Lambda creates itself outlives the stack and keeps billing).
 */
export function functionsWithoutManagedLogs(template: Template): string[] {
  const resources = resourcesOf(template);
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function')
    .flatMap(([id, r]) => {
      const ref = r.Properties?.LoggingConfig?.LogGroup?.Ref;
      const group = ref ? resources[ref] : undefined;
      if (group?.Type !== 'AWS::Logs::LogGroup') return [`${id} has no explicit log group in the stack`];
      const problems: string[] = [];
      if (!group.Properties?.RetentionInDays) problems.push(`${id}'s log group ${ref} never expires`);
      if (group.DeletionPolicy !== 'Delete')
        problems.push(`${id}'s log group ${ref} is not deleted with the stack`);
      return problems;
    });
}

/** NAT gateways bill per hour: only a lab whose catalogue entry opts in may have one. */
export function unexpectedNatGateways(
  template: Template,
  lab: Pick<LabDefinition, 'id' | 'allowsNatGateway'>,
): string[] {
  if (lab.allowsNatGateway) return [];
  return Object.entries(resourcesOf(template))
    .filter(([, r]) => r.Type === 'AWS::EC2::NatGateway')
    .map(([id]) => `${id} is a NAT gateway but ${lab.id} does not set allowsNatGateway`);
}

function renderedTagKeys(tags: unknown): string[] {
  if (Array.isArray(tags)) return tags.map((tag) => tag.Key);
  if (tags && typeof tags === 'object') return Object.keys(tags);
  return [];
}

/** Logical ids of the resources of a stack that the CDK can tag (read from its construct tree). */
export function taggableLogicalIds(stack: Stack): string[] {
  return stack.node
    .findAll()
    .filter((node): node is CfnResource => node instanceof CfnResource)
    .filter((node) => TagManager.isTaggable(node) || TagManager.isTaggableV2(node))
    .map((node) => stack.resolve(node.logicalId) as string);
}

/**
 * Every taggable resource carries the kit's tags, so leftovers can be found by tag.
 *
 * @param taggable the stack, or the logical ids of its taggable resources (the lab cache records them)
 */
export function untaggedResources(taggable: Stack | readonly string[], template: Template): string[] {
  const resources = resourcesOf(template);
  const ids = Array.isArray(taggable) ? taggable : taggableLogicalIds(taggable as Stack);
  return ids.flatMap((logicalId) => {
    const keys = renderedTagKeys(resources[logicalId]?.Properties?.Tags);
    return Object.values(TAG_KEYS)
      .filter((key) => !keys.includes(key))
      .map((key) => `${logicalId} (${resources[logicalId]?.Type}) lacks tag ${key}`);
  });
}

/**
 * Runtimes past end of life that the installed aws-cdk-lib does not mark yet. nodejs20.x: Node.js 20
 * reached end of life on 2026-04-30 and the CDK's built-in template validation flags it.
 */
const DEPRECATED_BEYOND_CDK = ['nodejs20.x'];

/**
 * Runtimes aws-cdk-lib marks `@deprecated` in its own type declarations (read from there so the list
 * follows the installed CDK version), plus {@link DEPRECATED_BEYOND_CDK}.
 */
export function deprecatedRuntimeNames(): Set<string> {
  const cdkRoot = dirname(require.resolve('aws-cdk-lib/package.json'));
  const declarations = readFileSync(join(cdkRoot, 'aws-lambda', 'lib', 'runtime.d.ts'), 'utf8');
  const names = new Set<string>(DEPRECATED_BEYOND_CDK);
  for (const match of declarations.matchAll(
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*static readonly (\w+): Runtime;/g,
  )) {
    const runtime = (lambda.Runtime as unknown as Record<string, lambda.Runtime>)[match[2]];
    if (match[1].includes('@deprecated') && runtime) names.add(runtime.name);
  }
  return names;
}

/** No function runs on a runtime the CDK marks deprecated. */
export function deprecatedRuntimes(template: Template, deprecated = deprecatedRuntimeNames()): string[] {
  return Object.entries(resourcesOf(template))
    .filter(([, r]) => r.Type === 'AWS::Lambda::Function' && deprecated.has(r.Properties?.Runtime))
    .map(([id, r]) => `${id} runs deprecated runtime ${r.Properties?.Runtime}`);
}

function statementsOf(resource: Resource): unknown[] {
  const p = resource.Properties ?? {};
  const documents = [
    p.PolicyDocument,
    p.KeyPolicy,
    ...(p.Policies ?? []).map((policy: any) => policy.PolicyDocument),
  ];
  return documents.filter(Boolean).flatMap((doc: any) => doc.Statement ?? []);
}

/** No policy (identity or resource) allows the action "*". */
export function wildcardActionGrants(template: Template): string[] {
  return Object.entries(resourcesOf(template)).flatMap(([id, r]) =>
    statementsOf(r)
      .filter((s: any) => s.Effect === 'Allow' && [s.Action].flat().some((action) => action === '*'))
      .map(() => `${id} (${r.Type}) allows action "*"`),
  );
}

/** Every guardrail over one lab's synthesized stack, as one list of violations. */
export function allGuardrailViolations(
  lab: LabDefinition,
  taggable: Stack | readonly string[],
  template: Template,
): string[] {
  return [
    ...retainedResources(template),
    ...functionsWithoutManagedLogs(template),
    ...unexpectedNatGateways(template, lab),
    ...untaggedResources(taggable, template),
    ...deprecatedRuntimes(template),
    ...wildcardActionGrants(template),
  ];
}
