import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import cdkJson from '../../cdk.json';
import { addLabStack } from '../../lib/cdk/app';
import type { LabDefinition } from '../../lib/lab/catalogue';
import { cachedTemplate, type LabVariant } from './lab-cache';

/**
 * An app configured like the one `cdk synth` runs: cdk.json's context (feature flags change the
 * template), plus what keeps tests fast and offline: no bundling, no built-in CloudFormation
 * validation (one dedicated test runs it for every lab).
 */
export function testApp(context: Record<string, unknown> = {}, validation = false): App {
  return new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: validation,
  });
}

/**
 * A lab's template from the run's lab cache (synthesized once per run for all test files; see
 * lab-cache.ts). Use {@link synthLab} only where a test needs the construct tree or a synth that fails.
 */
export function labTemplate(labId: string, variant: LabVariant = {}): Template {
  return Template.fromJSON(cachedTemplate(labId, variant));
}

/** Synthesizes one lab on its own and returns its stack and template. */
export function synthLab(
  lab: LabDefinition,
  context: Record<string, unknown> = {},
): { stack: Stack; template: Template } {
  const stack = addLabStack(testApp(context), lab);
  return { stack, template: Template.fromStack(stack) };
}

/**
 * A template with what differs between machines and runs masked: asset hashes (64 hex digits)
 * and the kit version, so a snapshot changes only when the architecture does.
 */
export function stableTemplate(template: Template): unknown {
  const text = JSON.stringify(template.toJSON())
    .replace(/[0-9a-f]{64}/g, '<asset-hash>')
    .replace(/"Key":"labkit:version","Value":"[^"]*"/g, '"Key":"labkit:version","Value":"<kit-version>"');
  return JSON.parse(text);
}

type Resources = Record<
  string,
  { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }
>;

/** The resources of a template of the given type, as [logicalId, resource] pairs. */
export function resourcesOfType(template: Template, type: string): [string, Resources[string]][] {
  const resources = (template.toJSON().Resources ?? {}) as Resources;
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

/** Properties of the standalone ingress or egress rules attached to one security group. */
export function securityGroupRules(
  template: Template,
  type: 'AWS::EC2::SecurityGroupIngress' | 'AWS::EC2::SecurityGroupEgress',
  groupLogicalId: string,
): Record<string, unknown>[] {
  const group = JSON.stringify({ 'Fn::GetAtt': [groupLogicalId, 'GroupId'] });
  return resourcesOfType(template, type)
    .filter(([, r]) => JSON.stringify(r.Properties?.GroupId) === group)
    .map(([, r]) => r.Properties ?? {});
}
