import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CloudFormationValidatePlugin, type PolicyValidationStack } from 'aws-cdk-lib';
import { LABS } from '../../labs';
import { allLabs, registerLabs } from '../../lib/lab/catalogue';
import { RESOURCE_TYPES } from '../../lib/resources';
import {
  type CachedLab,
  cacheFile,
  DEPLOYED_VARIANT,
  VALIDATION_FILE,
  type ValidationResult,
  variantKey,
} from './lab-cache';

registerLabs(LABS);

/**
 * aws-cdk-lib's built-in CloudFormation validation (its CloudFormationValidatePlugin, the engine
 * `cdk synth` runs when it validates), once over every lab as `cdk deploy` builds it for AWS, for
 * the lab cache in the directory given as the first argument. It runs beside
 * test/support/build-lab-cache.ts and reads the templates that writes, instead of building the
 * labs again: it starts its engine (about 1.3 s) while the labs are synthesized, then validates
 * them (some 80 ms each). With `@aws-cdk/core:validateAgainstDefaultRules` on (cdk.json), a report
 * that is not a success fails `cdk synth`; test/kit/cloudformation-validation.test.ts fails on it.
 */

const [outdir] = process.argv.slice(2);
if (!outdir) throw new Error('usage: validate-lab-cache.ts <directory>');
const started = Date.now();
const dir = join(outdir, 'validation');
mkdirSync(dir, { recursive: true });

/** A validation context over template files: environment-agnostic stacks, as the labs are. */
function contextOf(templatePaths: string[]) {
  const stackTemplates: PolicyValidationStack[] = templatePaths.map((templatePath) => ({
    stackConstructPath: templatePath,
    templatePath,
    accountId: undefined,
    region: undefined,
  }));
  return { templatePaths, stackTemplates, appConstruct: new App() };
}

const plugin = new CloudFormationValidatePlugin();

// The engine loads rules for the resource types it is given and keeps them for later calls over
// the same types: start it now over every type the kit knows (test/kit/resources.test.ts holds
// every lab's types to that list), while the builder is still synthesizing.
const everyType = join(dir, 'every-known-type.json');
writeFileSync(
  everyType,
  JSON.stringify({
    Resources: Object.fromEntries(
      [...RESOURCE_TYPES.keys()]
        .filter((type) => type.startsWith('AWS::'))
        .map((type, i) => [`R${i}`, { Type: type }]),
    ),
  }),
);
plugin.validate(contextOf([everyType]));

/** Waits (polling) until the builder has written every lab as deployed to AWS. */
function deployedTemplates(): { lab: string; entry: CachedLab }[] {
  const files = allLabs().map((lab) => ({
    lab: lab.id,
    file: cacheFile(outdir, variantKey(lab.id, DEPLOYED_VARIANT)),
  }));
  const deadline = Date.now() + 5 * 60_000;
  while (files.some(({ file }) => !existsSync(file))) {
    if (Date.now() > deadline)
      throw new Error('the lab cache builder did not write every lab within 5 minutes');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  return files.map(({ lab, file }) => ({ lab, entry: JSON.parse(readFileSync(file, 'utf8')) as CachedLab }));
}

const labs = allLabs().map((lab) => lab.id);
let validation: ValidationResult;
try {
  const templatePaths = deployedTemplates().map(({ lab, entry }) => {
    if (entry.error) throw new Error(`${lab} did not synthesize: ${entry.error}`);
    const templatePath = join(dir, `${lab}.template.json`);
    writeFileSync(templatePath, JSON.stringify(entry.template));
    return templatePath;
  });
  const report = plugin.validate(contextOf(templatePaths));
  const failures = report.violations
    .filter((v) => v.severity !== 'warning' && v.severity !== 'info')
    .map(
      (v) =>
        `${v.ruleName}: ${v.description} (${v.violatingResources.map((r) => `${r.templatePath}#${r.resourceLogicalId}`).join(', ')})`,
    );
  validation = report.success
    ? { labs }
    : { labs, error: failures.join('\n') || 'the report is not a success' };
} catch (error) {
  validation = { labs, error: String((error as Error)?.message ?? error) };
}
writeFileSync(join(outdir, VALIDATION_FILE), JSON.stringify(validation));
process.stderr.write(
  `lab cache: the validation of ${labs.length} labs in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
);
