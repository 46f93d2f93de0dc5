import { App, type AppProps } from 'aws-cdk-lib';
import { CATALOGUE, type LabDefinition } from './catalogue';
import type { LabStack } from './constructs/lab-stack';

/** Adds one lab's stack to an app, named by the lab id. */
export function addLabStack(app: App, lab: LabDefinition): LabStack {
  return new lab.stack(app, lab.id, { labId: lab.id, labTitle: lab.title });
}

/** The kit's CDK app: one stack per catalogue entry. */
export function createLabApp(props: AppProps = {}): App {
  const app = new App(props);
  for (const lab of CATALOGUE) addLabStack(app, lab);
  return app;
}
