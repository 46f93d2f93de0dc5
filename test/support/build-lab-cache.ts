import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, type Stack, TagManager, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import cdkJson from '../../cdk.json';
import { LABS } from '../../labs';
import { addLabStack, GUARDRAILS_STACK_NAME } from '../../lib/cdk/app';
import { allLabs, contextOptions, type LabDefinition, registerLabs } from '../../lib/lab/catalogue';
import { readBudget } from '../../lib/lab/context-options';
import { GuardrailsStack } from '../../lib/safety/guardrails-stack';
import {
  type Acknowledgement,
  type CachedLab,
  cacheFile,
  DEPLOYED_VARIANT,
  type LabVariant,
  TEST_EXPIRES_AT,
  variantKey,
  variantsOf,
} from './lab-cache';

registerLabs(LABS);

/**
 * Builds the lab cache (see lab-cache.ts) into the directory given as the first argument: every
 * variant of every catalogue lab, each synthesized once (aws-cdk-lib and the labs load once per
 * process), the labs as deployed to AWS first (test/support/validate-lab-cache.ts validates those).
 * More than one of these may share the work (see {@link claim}).
 * `node --import tsx test/support/build-lab-cache.ts <dir>` builds the variants by hand.
 */

const [outdir] = process.argv.slice(2);
if (!outdir) throw new Error('usage: build-lab-cache.ts <directory>');
mkdirSync(outdir, { recursive: true });

/** An app configured like the one `cdk synth` runs, minus bundling and validation (as test/support/synth.ts). */
function testApp(context: Record<string, unknown> = {}): App {
  return new App({
    outdir: join(outdir, `cdk.out-${process.pid}`),
    // Warnings are read from the construct tree (below), not printed as a report.
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      '@aws-cdk/core:annotationsInValidationReport': false,
      ...context,
    },
    builtinCloudFormationValidation: false,
    // The tests read the construct tree in this process, never tree.json (writing it cost ~10 ms a variant).
    treeMetadata: false,
  });
}

/** Logical ids of the resources the CDK can tag. */
export function taggableLogicalIds(stack: Stack): string[] {
  return stack.node
    .findAll()
    .filter((node): node is CfnResource => node instanceof CfnResource)
    .filter((node) => TagManager.isTaggable(node) || TagManager.isTaggableV2(node))
    .map((node) => stack.resolve(node.logicalId) as string);
}

/** The kit's cdk-nag acknowledgements (aws-cdk-lib's own for its validation left out). */
function acknowledgements(root: IConstruct): Acknowledgement[] {
  return root.node.findAll().flatMap((node) =>
    node.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: node.node.path,
          id,
          reason,
        })),
      )
      .filter((ack) => !ack.id.startsWith('CloudFormation-Validate::')),
  );
}

function warnings(root: IConstruct): string[] {
  return root.node
    .findAll()
    .flatMap((node) =>
      node.node.metadata
        .filter((entry) => entry.type === 'aws:cdk:warning')
        .map((entry) => `${node.node.path}: ${String(entry.data)}`),
    );
}

const message = (error: unknown) => String((error as Error)?.message ?? error);

/** Synthesizes one stack; with cdk-nag attached when asked (findings make synth throw). */
function build(
  key: string,
  context: Record<string, string>,
  make: (app: App) => Stack,
  nag: boolean,
): CachedLab {
  const failed = (error: unknown): CachedLab => ({
    key,
    error: message(error),
    template: {},
    taggable: [],
    warnings: [],
  });
  let app: App;
  let stack: Stack;
  try {
    app = testApp(context);
    stack = make(app);
  } catch (error) {
    return failed(error);
  }
  let findings = '';
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let template: CachedLab['template'];
  try {
    template = app.synth().getStackByName(stack.stackName).template;
  } catch (error) {
    if (!nag) return failed(error);
    findings = message(error);
    // The template without the checks (they never change it).
    try {
      const again = testApp(context);
      make(again);
      template = again.synth().getStackByName(stack.stackName).template;
    } catch (second) {
      return failed(second);
    }
  }
  return {
    key,
    template,
    taggable: taggableLogicalIds(stack),
    warnings: warnings(stack),
    ...(nag ? { nag: { findings, acknowledgements: acknowledgements(app) } } : {}),
  };
}

const started = Date.now();
let count = 0;

/**
 * Whether this process builds a unit of the cache (a lab's variants, or the guardrails stack): the
 * two processes of the global setup share the work, each claiming the next unit no one has claimed
 * (creating a directory is atomic), so neither waits for the other with the labs half done.
 */
function claim(unit: string): boolean {
  try {
    mkdirSync(join(outdir, `claim-${unit}`));
    return true;
  } catch {
    return false;
  }
}

/** Synthesizes one variant of a lab into the cache. */
function buildVariant(lab: LabDefinition, variant: LabVariant): void {
  const key = variantKey(lab.id, variant);
  const target = variant.target ?? 'aws';
  const entry = build(
    key,
    { ...variant.context },
    (app) => addLabStack(app, lab, target, variant.expiry ? TEST_EXPIRES_AT : undefined),
    // cdk-nag on what is deployed to AWS: with the expiry every AWS deploy gets by default.
    target === 'aws' && variant.expiry === true,
  );
  writeFileSync(cacheFile(outdir, key), JSON.stringify(entry));
  count++;
}

/** Every lab as deployed to AWS, those not claimed by the other process: what the validation reads. */
function buildDeployedVariants(): void {
  for (const lab of allLabs()) if (claim(`deployed-${lab.id}`)) buildVariant(lab, DEPLOYED_VARIANT);
}

/** The other variants of every lab not claimed by the other process, and the guardrails stack. */
function buildOtherVariants(): void {
  for (const lab of allLabs()) {
    if (!claim(lab.id)) continue;
    for (const variant of variantsOf(lab.options ?? [])) {
      if (variantKey(lab.id, variant) !== variantKey(lab.id, DEPLOYED_VARIANT)) buildVariant(lab, variant);
    }
  }
  if (!claim(GUARDRAILS_STACK_NAME)) return;

  const budgetContext = Object.fromEntries(
    contextOptions()
      .filter((o) => o.labs.includes(GUARDRAILS_STACK_NAME))
      .map((o) => [o.name, o.sample]),
  );
  // The guardrails stack, as `cachedLab('guardrails')`.
  writeFileSync(
    cacheFile(outdir, variantKey(GUARDRAILS_STACK_NAME)),
    JSON.stringify(
      build(
        variantKey(GUARDRAILS_STACK_NAME),
        budgetContext,
        (app) => {
          const budget = readBudget(app.node);
          if (!budget) throw new Error('the guardrails options did not make a budget');
          return new GuardrailsStack(app, GUARDRAILS_STACK_NAME, budget);
        },
        true,
      ),
    ),
  );
}

// Every lab as deployed to AWS first: test/support/validate-lab-cache.ts, running beside this,
// validates those templates as soon as they are all there.
buildDeployedVariants();
buildOtherVariants();
process.stderr.write(`lab cache: ${count} lab variants in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
