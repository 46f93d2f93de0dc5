import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addLabStack } from '../app';
import type { LabDefinition } from '../catalogue';
import { PROJECT_ROOT } from '../paths';
import type { CfnTemplate } from './diagram';

/**
 * A lab's template as `cdk synth` builds it for AWS (cdk.json's context), without bundling Lambda
 * code or validating: what the guides' diagram and cost blocks are generated from. Offline.
 */
export function synthesizeLabTemplate(
  lab: LabDefinition,
  context: Record<string, unknown> = {},
): CfnTemplate {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const app = new App({
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
    builtinCloudFormationValidation: false,
  });
  addLabStack(app, lab, 'aws');
  return app.synth().getStackByName(lab.id).template as CfnTemplate;
}
