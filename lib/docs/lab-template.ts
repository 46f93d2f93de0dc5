import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCdkJson } from '../cdk/cdk-json';
import { labSynthError } from '../core/lab-code-error';
import type { LabDefinition } from '../lab/catalogue';
import type { CfnTemplate } from './diagram';

/** Where templates come from instead of a synth, when set: the unit tests' per-run lab cache. */
export type LabTemplateSource = (
  lab: LabDefinition,
  context: Record<string, unknown>,
) => CfnTemplate | undefined;

let templateSource: LabTemplateSource | undefined;

/**
 * Lets the unit tests hand out the templates their run synthesized once (test/support/lab-cache.ts)
 * instead of synthesizing a lab again per call; a source that returns undefined falls back to a synth.
 */
export function useLabTemplateSource(source: LabTemplateSource | undefined): void {
  templateSource = source;
}

/**
 * A lab's template as `cdk synth` builds it for AWS (cdk.json's context), without bundling Lambda
 * code or validating: what the guides' diagram and cost blocks are generated from. Offline.
 */
export function synthesizeLabTemplate(
  lab: LabDefinition,
  context: Record<string, unknown> = {},
): CfnTemplate {
  const known = templateSource?.(lab, context);
  if (known) return known;
  // Loaded here, not at the top: the CLI's list/help and the tests' template source need none of it.
  const { App } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { addLabStack } = require('../cdk/app') as typeof import('../cdk/app');
  const cdkJson = readCdkJson();
  // An App without outdir leaves a cdk.out* directory in /tmp on every call: use one and remove it.
  const outdir = mkdtempSync(join(tmpdir(), 'labkit-template-'));
  try {
    const app = new App({
      outdir,
      // Not again at exit into the removed outdir, should CDK_OUTDIR be set (inside a cdk process).
      autoSynth: false,
      context: {
        ...cdkJson.context,
        'aws:cdk:bundling-stacks': [],
        // The lab's warnings belong to its deploy (the CDK prints them there). Here aws-cdk-lib would
        // print them as a report naming a file in the temporary outdir removed below.
        '@aws-cdk/core:annotationsInValidationReport': false,
        ...context,
      },
      builtinCloudFormationValidation: false,
    });
    addLabStack(app, lab, 'aws');
    return app.synth().getStackByName(lab.id).template as CfnTemplate;
  } catch (error) {
    throw labSynthError(error) ?? error;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
