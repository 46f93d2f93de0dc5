import { useLabTemplateSource } from '../../lib/docs/lab-template';
import { CACHE_DIR_ENV, cachedTemplate, hasCached } from './lab-cache';

// Every test file: lib/docs' lab templates (cost, diagram, README and guide blocks) come from the
// run's lab cache when it holds the variant asked for, instead of a synth per call.
if (process.env[CACHE_DIR_ENV]) {
  useLabTemplateSource((lab, context) => {
    const variant = { context: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, String(v)])) };
    return hasCached(lab.id, variant) ? cachedTemplate(lab.id, variant) : undefined;
  });
}

// aws-cdk-lib's built-in CloudFormation validation starts a WebAssembly engine on every synth (about
// 1 s and hundreds of MiB per test file). The lab cache validates every lab once per run
// (test/kit/cloudformation-validation.test.ts); tests that synthesize a stack of their own test
// something else. A test (or a CLI it spawns) that needs it sets CDK_VALIDATION itself.
process.env.CDK_VALIDATION ??= 'false';
