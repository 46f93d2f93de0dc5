import { App, type AppProps } from 'aws-cdk-lib';
import { CATALOGUE, type LabDefinition, type Target } from './catalogue';
import type { LabStack } from './constructs/lab-stack';
import { applyCompatibilityAspects } from './targets/compatibility';
import { TARGET_CONTEXT_KEY, targetFromContext } from './targets/target';

/**
 * Adds one lab's stack to an app, named by the lab id. For an emulator target, the target's
 * synth-time compatibility steps are added too (see lib/targets/compatibility.ts).
 */
export function addLabStack(app: App, lab: LabDefinition, target: Target = 'aws'): LabStack {
  const stack = new lab.stack(app, lab.id, { labId: lab.id, labTitle: lab.title });
  applyCompatibilityAspects(stack, target);
  return stack;
}

/**
 * The kit's CDK app: one stack per catalogue entry, built for the target named by the
 * `labkit:target` context value (default: see {@link targetFromContext}).
 */
export function createLabApp(props: AppProps = {}): App {
  const app = new App(props);
  const target = targetFromContext(app.node.tryGetContext(TARGET_CONTEXT_KEY));
  for (const lab of CATALOGUE) addLabStack(app, lab, target);
  return app;
}
