import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { addLabStack } from '../app';
import type { LabDefinition } from '../catalogue';
import { readCdkJson } from '../cdk-json';
import type { CfnTemplate } from './diagram';

/**
 * A lab's template as `cdk synth` builds it for AWS (cdk.json's context), without bundling Lambda
 * code or validating: what the guides' diagram and cost blocks are generated from. Offline.
 */
export function synthesizeLabTemplate(
  lab: LabDefinition,
  context: Record<string, unknown> = {},
): CfnTemplate {
  const cdkJson = readCdkJson();
  // An App without outdir leaves a cdk.out* directory in /tmp on every call: use one and remove it.
  const outdir = mkdtempSync(join(tmpdir(), 'labkit-template-'));
  try {
    const app = new App({
      outdir,
      context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...context },
      builtinCloudFormationValidation: false,
    });
    addLabStack(app, lab, 'aws');
    return app.synth().getStackByName(lab.id).template as CfnTemplate;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
