/**
 * A lab declares its stack outputs once (labs/<slug>/outputs.ts): the compiler holds the
 * experiments' `outputOf(context, 'Name')` calls to that list, and these checks hold the list to
 * the synthesized stack, so a renamed output fails here instead of on a deployed lab.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { miswiredPair } from '../../lib/experiments/experiment';
import { experimentsOf } from '../../lib/experiments/registry';
import { allLabs } from '../../lib/lab/catalogue';
import { variantsOf } from '../support/lab-cache';
import { labTemplate } from '../support/synth';

const LABS_DIR = join(__dirname, '..', '..', 'labs');

/** The second arguments of the `outputOf(...)` calls in one source text. */
function outputArguments(source: string): string[] {
  return [...source.matchAll(/\boutputOf\(\s*[\w.]+\s*,\s*([^)]*?)\s*\)/g)].map((match) => match[1]);
}

/** Every `outputOf(...)` call in a lab folder's TypeScript files. */
function outputReads(slug: string): { file: string; argument: string }[] {
  const folder = join(LABS_DIR, slug);
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) =>
      outputArguments(readFileSync(join(folder, file), 'utf8')).map((argument) => ({ file, argument })),
    );
}

/** The output name a call reads, when it is a string literal. */
function literalName(argument: string): string | undefined {
  return /^(['"`])([A-Za-z0-9]+)\1$/.exec(argument)?.[2];
}

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  const reads = outputReads(lab.slug);

  test('names each output it reads literally, so this check can see it', () => {
    expect(reads.filter((read) => !literalName(read.argument))).toEqual([]);
  });

  test('a test of the test (mustFailWhen) rewires outputs the stack has and the experiments read', () => {
    const outputs = Object.keys(labTemplate(lab.id).toJSON().Outputs ?? {});
    const read = new Set(reads.map((r) => literalName(r.argument)));
    const swaps = experimentsOf(lab).flatMap((e) => (e.mustFailWhen ? miswiredPair(e.mustFailWhen) : []));
    expect(swaps.filter((name) => !outputs.includes(name) || !read.has(name))).toEqual([]);
  });

  test('outputs.ts lists exactly the outputs its stack has (with any of its options)', () => {
    const { OUTPUTS } = require(join(LABS_DIR, lab.slug, 'outputs')) as { OUTPUTS: readonly string[] };
    const variants = variantsOf(lab.options ?? []).filter((v) => !v.target && !v.expiry);
    const outputsOf = (variant: (typeof variants)[number]) =>
      Object.keys(labTemplate(lab.id, variant).toJSON().Outputs ?? {});
    // Constructs may add outputs of their own (a RestApi its endpoint): ids ending in a hash.
    const declaredByTheLab = (name: string) => !/[0-9A-F]{8}$/.test(name);
    const always = outputsOf({}).filter(declaredByTheLab);
    const withSomeOption = new Set(variants.flatMap(outputsOf));
    expect(always.filter((name) => !OUTPUTS.includes(name))).toEqual([]);
    expect(OUTPUTS.filter((name) => !withSomeOption.has(name))).toEqual([]);
  });

  test('reads only outputs its stack has', () => {
    const outputs = Object.keys(labTemplate(lab.id).toJSON().Outputs ?? {});
    const missing = reads
      .map((read) => ({ ...read, name: literalName(read.argument) }))
      .filter((read) => read.name && !outputs.includes(read.name))
      .map((read) => `${read.file}: ${read.name}`);
    expect(missing).toEqual([]);
  });
});

test('the pattern sees literal and computed output names (this check must not pass vacuously)', () => {
  const source = `const url = outputOf(context, 'QueueUrl');\n  outputOf(ctx,\n "TopicArn" ); outputOf(context, name);`;
  expect(outputArguments(source)).toEqual(["'QueueUrl'", '"TopicArn"', 'name']);
  expect(outputArguments(source).map(literalName)).toEqual(['QueueUrl', 'TopicArn', undefined]);
  expect(allLabs().some((lab) => outputReads(lab.slug).length > 0)).toBe(true);
});
