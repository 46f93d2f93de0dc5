/**
 * Static check: every stack output an experiment reads (`outputOf(context, 'Name')` anywhere in the
 * lab's folder) is an output of that lab's stack. Without it, a renamed output shows up only as a
 * failed experiment on a deployed lab.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from '../../lib/catalogue';
import { synthLab } from '../support/synth';

const LABS_DIR = join(__dirname, '..', '..', 'labs');

/** The second arguments of every `outputOf(...)` call in a lab folder's TypeScript files. */
function outputReads(slug: string): { file: string; argument: string }[] {
  const folder = join(LABS_DIR, slug);
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .flatMap((file) => {
      const source = readFileSync(join(folder, file), 'utf8');
      return [...source.matchAll(/\boutputOf\(\s*[\w.]+\s*,\s*([^)]*?)\s*\)/g)].map((match) => ({
        file,
        argument: match[1],
      }));
    });
}

/** The output name a call reads, when it is a string literal. */
function literalName(argument: string): string | undefined {
  return /^(['"`])([A-Za-z0-9]+)\1$/.exec(argument)?.[2];
}

describe.each(CATALOGUE.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  const reads = outputReads(lab.slug);

  test('names each output it reads literally, so this check can see it', () => {
    expect(reads.filter((read) => !literalName(read.argument))).toEqual([]);
  });

  test('reads only outputs its stack has', () => {
    const outputs = Object.keys(synthLab(lab).template.toJSON().Outputs ?? {});
    const missing = reads
      .map((read) => ({ ...read, name: literalName(read.argument) }))
      .filter((read) => read.name && !outputs.includes(read.name))
      .map((read) => `${read.file}: ${read.name}`);
    expect(missing).toEqual([]);
  });
});

test('the check finds output reads at all (it would pass vacuously if the pattern broke)', () => {
  const withReads = CATALOGUE.filter((lab) => outputReads(lab.slug).length > 0);
  const withExperiments = CATALOGUE.filter((lab) => lab.experiments().length > 0);
  expect(withReads.map((lab) => lab.id)).toEqual(withExperiments.map((lab) => lab.id));
});
