import { Annotations, App, type AppProps } from 'aws-cdk-lib';
import { CATALOGUE, type LabDefinition, type Target } from './catalogue';
import type { LabStack } from './constructs/lab-stack';
import { readBudget } from './context';
import { EXPIRES_AT_CONTEXT_KEY, resolveExpiry, TTL_CONTEXT_KEY } from './expiry';
import { GuardrailsStack } from './guardrails-stack';
import { applyCompatibilityAspects } from './targets/compatibility';
import { TARGET_CONTEXT_KEY, targetFromContext } from './targets/target';

/**
 * Adds one lab's stack to an app, named by the lab id. For an emulator target, the target's
 * synth-time compatibility steps are added too (see lib/targets/compatibility.ts).
 */
export function addLabStack(
  app: App,
  lab: LabDefinition,
  target: Target = 'aws',
  expiresAt?: Date,
): LabStack {
  const stack = new lab.stack(app, lab.id, { labId: lab.id, labTitle: lab.title, expiresAt });
  applyCompatibilityAspects(stack, target);
  return stack;
}

/**
 * The kit's CDK app: one stack per catalogue entry, built for the target named by the
 * `labkit:target` context value (default: see {@link targetFromContext}). On AWS every stack
 * expires (default in 4 hours; `-c labkit:ttl=90m|none`, see lib/expiry.ts).
 */
export function createLabApp(props: AppProps = {}): App {
  const app = new App(props);
  const target = targetFromContext(app.node.tryGetContext(TARGET_CONTEXT_KEY));
  const ttl = app.node.tryGetContext(TTL_CONTEXT_KEY);
  const expiresAt = resolveExpiry(
    { ttl, expiresAt: app.node.tryGetContext(EXPIRES_AT_CONTEXT_KEY) },
    target === 'aws',
  );
  for (const lab of CATALOGUE) {
    const stack = addLabStack(app, lab, target, expiresAt);
    if (target === 'aws' && !expiresAt) {
      Annotations.of(stack).addWarningV2(
        'labkit:no-expiry',
        `${lab.id} has no expiry (-c ${TTL_CONTEXT_KEY}=none): it bills until you destroy it (npx cdk destroy ${lab.id}).`,
      );
    }
  }
  const budget = readBudget(app.node);
  if (budget) new GuardrailsStack(app, GUARDRAILS_STACK_NAME, budget);
  return app;
}

/** The optional account-wide stack with the cost budget (see {@link GuardrailsStack}). */
export const GUARDRAILS_STACK_NAME = 'guardrails';
