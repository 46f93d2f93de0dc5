import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GUARDRAILS_STACK_NAME } from '../../lib/cdk/app';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { allLabs, contextOptions } from '../../lib/lab/catalogue';
import { RESOURCE_TYPES, registryGaps, SERVICE_MODULES } from '../../lib/resources';
import type { ServiceModule } from '../../lib/resources/types';
import { cachedTemplate, type LabVariant } from '../support/lab-cache';

/**
 * The resource registry (lib/resources) must know every type a lab can deploy: a new lab, a new
 * option or a new construct that brings a type no service module prices, draws (or hides) and scans
 * (or proves unable to outlive its stack) fails here, naming the type and what is missing.
 */

/** The templates a learner can deploy to AWS: every lab, without and with expiry, and with each of its options; the guardrails stack. */
function deployableTemplates(): {
  name: string;
  template: { Resources?: Record<string, { Type: string }> };
}[] {
  const templates = [];
  for (const lab of allLabs()) {
    const options = lab.options ?? [];
    const variants: [string, LabVariant][] = [
      ['no expiry', {}],
      ['expiry', { expiry: true }],
      ...options.map((o): [string, LabVariant] => [
        `expiry, -c ${o.name}=${o.sample}`,
        { expiry: true, context: { [o.name]: o.sample } },
      ]),
    ];
    for (const [variant, settings] of variants) {
      templates.push({ name: `${lab.id} (${variant})`, template: cachedTemplate(lab.id, settings) });
    }
  }
  templates.push({ name: GUARDRAILS_STACK_NAME, template: cachedTemplate(GUARDRAILS_STACK_NAME) });
  return templates;
}

test('every context option has a sample value other than its default, to synthesize the labs with', () => {
  expect(contextOptions().filter((o) => !o.sample || o.sample === o.default)).toEqual([]);
});

test('the registry knows every type of every deployable template fully (priced, drawn or hidden, scanned or unable to outlive its stack)', () => {
  const templates = deployableTemplates();
  const seenIn = new Map<string, string[]>();
  const unpriced: string[] = [];
  for (const { name, template } of templates) {
    for (const resource of Object.values(template.Resources ?? {}))
      seenIn.set(resource.Type, [...new Set([...(seenIn.get(resource.Type) ?? []), name])]);
    for (const what of estimateHourlyCost(template).notPriced) unpriced.push(`${name}: not priced: ${what}`);
  }
  const gaps = [...seenIn]
    .sort()
    .flatMap(([type, where]) => registryGaps(type).map((gap) => `${gap} (in ${where.join('; ')})`));
  expect([...gaps, ...unpriced]).toEqual([]);
});

test('registryGaps names the type and what is missing', () => {
  expect(registryGaps('AWS::RDS::DBInstance')).toEqual([
    expect.stringMatching(/^AWS::RDS::DBInstance: no service module knows it/),
  ]);
  // Priced only (no lab has one yet): the diagram and leftover rules are missing.
  expect(registryGaps('AWS::EC2::Instance')).toEqual([
    expect.stringMatching(/^AWS::EC2::Instance: the diagram needs exactly one of node, aggregate or hidden/),
    expect.stringMatching(/^AWS::EC2::Instance: no leftover rule/),
  ]);
  expect(registryGaps('AWS::SQS::Queue')).toEqual([]);
});

test('each service module lives in one file of lib/resources, and every type under its service prefix', () => {
  const dir = join(__dirname, '..', '..', 'lib', 'resources');
  const helpers = ['index.ts', 'types.ts', 'support.ts'];
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !helpers.includes(f));
  const byFile = new Map<string, ServiceModule[]>();
  for (const file of files) {
    const exported = Object.values(require(join(dir, file)) as Record<string, unknown>).filter(
      (value): value is ServiceModule =>
        typeof value === 'object' && value !== null && 'prefix' in value && 'types' in value,
    );
    byFile.set(basename(file, '.ts'), exported);
  }
  // One module per file, and the registry is exactly the modules of the files.
  expect([...byFile].filter(([, modules]) => modules.length !== 1).map(([file]) => file)).toEqual([]);
  expect(new Set([...byFile.values()].flat())).toEqual(new Set(SERVICE_MODULES));
  // One module per service prefix, and each type key under the prefix of its module.
  const prefixes = SERVICE_MODULES.map((m) => m.prefix);
  expect(prefixes.filter((p, i) => prefixes.indexOf(p) !== i)).toEqual([]);
  const misplaced = SERVICE_MODULES.flatMap((m) =>
    Object.keys(m.types)
      .filter((type) => !type.startsWith(`${m.prefix}::`))
      .map((type) => `${type} in the ${m.prefix} module`),
  );
  expect(misplaced).toEqual([]);
  // Every registry key maps back to exactly one module: the one of its service prefix.
  for (const type of RESOURCE_TYPES.keys()) {
    const owners = SERVICE_MODULES.filter((m) => type in m.types);
    expect(owners.map((m) => m.prefix)).toEqual([type.split('::').slice(0, -1).join('::')]);
  }
});
