import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addLabStack, GUARDRAILS_STACK_NAME } from '../../lib/app';
import { CATALOGUE, contextOptions } from '../../lib/catalogue';
import { KIT_CONTEXT_OPTIONS, readBudget } from '../../lib/context';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { GuardrailsStack } from '../../lib/guardrails-stack';
import { RESOURCE_TYPES, registryGaps, SERVICE_MODULES } from '../../lib/resources';
import type { ServiceModule } from '../../lib/resources/types';
import { testApp } from '../support/synth';

/**
 * The resource registry (lib/resources) must know every type a lab can deploy: a new lab, a new
 * option or a new construct that brings a type no service module prices, draws (or hides) and scans
 * (or proves unable to outlive its stack) fails here, naming the type and what is missing.
 */

const EXPIRES_AT = new Date('2030-01-01T00:00:00Z');

/** The templates a learner can deploy to AWS: every lab, without and with expiry, and with each of its options; the guardrails stack. */
function deployableTemplates(): {
  name: string;
  template: { Resources?: Record<string, { Type: string }> };
}[] {
  const templateOf = (stack: Stack) =>
    Template.fromStack(stack).toJSON() as { Resources?: Record<string, { Type: string }> };
  const templates = [];
  for (const lab of CATALOGUE) {
    const options = lab.options ?? [];
    const variants: [string, Record<string, unknown>, Date | undefined][] = [
      ['no expiry', {}, undefined],
      ['expiry', {}, EXPIRES_AT],
      ...options.map((o): [string, Record<string, unknown>, Date | undefined] => [
        `expiry, -c ${o.name}=${o.sample}`,
        { [o.name]: o.sample },
        EXPIRES_AT,
      ]),
    ];
    for (const [variant, context, expiresAt] of variants) {
      const stack = addLabStack(testApp(context), lab, 'aws', expiresAt);
      templates.push({ name: `${lab.id} (${variant})`, template: templateOf(stack) });
    }
  }
  const guardrails = Object.fromEntries(
    KIT_CONTEXT_OPTIONS.filter((o) => o.labs.includes(GUARDRAILS_STACK_NAME)).map((o) => [o.name, o.sample]),
  );
  const app = testApp(guardrails);
  const budget = readBudget(app.node);
  if (!budget) throw new Error('the guardrails options did not make a budget');
  const stack = new GuardrailsStack(app, GUARDRAILS_STACK_NAME, budget);
  templates.push({ name: GUARDRAILS_STACK_NAME, template: templateOf(stack) });
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
