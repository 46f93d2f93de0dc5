import type { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Target } from '../../lab/catalogue';
import type { StackResourceRecord } from '../../operations/leftovers';

/** A CloudFormation template as the steps read it. */
export interface StepTemplate {
  Parameters?: Record<string, { Type?: string; Default?: unknown }>;
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/** What a step is about: the resource types it acts on, and when it applies to a lab. */
export interface StepCoverage {
  /** The CloudFormation resource types the step acts on (a test checks it touches no others). */
  readonly resourceTypes: readonly string[];
  /** The behaviour, when the step is about some resources of those types rather than all of them. */
  readonly behaviour?: string;
  /**
   * Whether the step applies to a lab, from the lab's template as built for AWS (before any step).
   * @default the template has a resource of one of {@link resourceTypes}
   */
  readonly appliesTo?: (template: StepTemplate) => boolean;
}

/**
 * Where a step does its work, and so what plain `cdk deploy` / `cdklocal` gets:
 * - `synth`: it changes the emulator-bound template; every deploy path gets it
 * - `deploy`: it puts a custom resource in the emulator-bound template, carried out by the kit's
 *   compatibility function on the emulator during the deploy; every deploy path gets it
 * - `labs-destroy`: only `labs destroy` runs it (see {@link CompatibilityStep.plainCdk})
 */
export type StepPhase = 'synth' | 'deploy' | 'labs-destroy';

/** A lab stack just destroyed: its name and its resources as recorded before the destroy. */
export interface DestroyedStack {
  readonly stackName: string;
  readonly resources: readonly StackResourceRecord[];
  /** The emulator the stack was on (the session's): its endpoint for SDK clients. */
  readonly endpoint: string;
}

/**
 * A compatibility step: what the kit does on one target only, because that target's emulator
 * lacks a resource type or a behaviour. Each step is named, says why, declares what it covers, and
 * never changes the lab for other targets. One module per step under lib/targets/compatibility/.
 */
export interface CompatibilityStep {
  /** Short kebab-case name, printed when the step runs and listed in the support matrix. */
  readonly name: string;
  readonly target: Target;
  /** One sentence: what the emulator lacks and what the step does about it. */
  readonly why: string;
  readonly covers: StepCoverage;
  readonly phase: StepPhase;
  /** For `labs-destroy` steps: what happens under plain `cdk destroy`, honestly. */
  readonly plainCdk?: string;
  /** The custom resource type a `deploy` step puts in the template. */
  readonly customResourceType?: string;
  /**
   * Synth time: called once for every construct of a lab stack being built for `target` (right
   * after the lab's constructor); may replace the construct or add resources next to it.
   */
  readonly transform?: (node: IConstruct, stack: Stack) => void;
  /** After `labs destroy`, before the leftover scan; returns what it did, or undefined. */
  readonly afterDestroy?: (destroyed: DestroyedStack) => Promise<string | undefined>;
}

/** Whether a template has a resource of one of `types` (matching `where`, if given). */
export function hasResource(
  template: StepTemplate,
  types: readonly string[],
  where: (properties: Record<string, unknown>) => boolean = () => true,
): boolean {
  return Object.values(template.Resources ?? {}).some(
    (r) => types.includes(r.Type) && where(r.Properties ?? {}),
  );
}

/** Whether a step applies to a lab's template (as built for AWS, before any step). */
export function stepApplies(step: CompatibilityStep, template: StepTemplate): boolean {
  return step.covers.appliesTo?.(template) ?? hasResource(template, step.covers.resourceTypes);
}
