import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import cdkJson from '../cdk.json';
import { createLabApp } from '../lib/cdk/app';
import { awsTemplateVariants } from '../lib/cdk/aws-variants';
import { registerLabs } from '../lib/lab/catalogue';
import { CFN_LINT_REGIONS, CFN_LINT_VERSION, installCfnLint, runCfnLint } from '../lib/targets/cfn-lint';

registerLabs((require('../labs') as typeof import('../labs')).LABS);

/*
 * `npm run lint:cfn`: synthesizes every template the kit can deploy to AWS (every lab, with and
 * without its expiry, with each of its context options, and the guardrails stack; see
 * lib/cdk/aws-variants.ts) and lints them all in one cfn-lint run, in two regions. Fails on any
 * error or warning cfn-lint reports; the rules the kit ignores are in .cfnlintrc, each with why.
 */
(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labkit-cfn-lint-'));
  try {
    await installCfnLint((line) => console.error(line));
    const started = Date.now();
    const variants = awsTemplateVariants();
    const files = variants.map((variant) => {
      const app = createLabApp(
        {
          outdir: join(dir, `cdk.out-${variant.name}`),
          context: {
            ...cdkJson.context,
            'aws:cdk:bundling-stacks': [],
            // Synth warnings (no expiry, no email domain) are the point of those variants, not news.
            '@aws-cdk/core:annotationsInValidationReport': false,
            ...variant.context,
          },
          builtinCloudFormationValidation: false,
          treeMetadata: false,
        },
        // No credentials: the templates are the ones an offline `cdk synth` writes.
        { env: {} },
      );
      const template = app.synth().getStackByName(variant.stack).template;
      const file = join(dir, `${variant.name}.json`);
      writeFileSync(file, JSON.stringify(template, null, 1));
      return file;
    });
    const synthesized = Date.now();
    const findings = await runCfnLint(files);
    const linted = Date.now();
    for (const f of findings)
      console.log(`${f.level} ${f.rule} ${basename(f.file, '.json')} ${f.path}: ${f.message}`);
    const count = (level: string) => findings.filter((f) => f.level === level).length;
    console.log(
      `cfn-lint ${CFN_LINT_VERSION}: ${files.length} templates (${variants.length} variants) in ` +
        `${CFN_LINT_REGIONS.join(' and ')}: ${count('Error')} errors, ${count('Warning')} warnings, ` +
        `${count('Informational')} informational; synth ${((synthesized - started) / 1000).toFixed(1)} s, ` +
        `lint ${((linted - synthesized) / 1000).toFixed(1)} s`,
    );
    if (count('Error') + count('Warning') > 0) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
