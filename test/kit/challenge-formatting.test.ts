/**
 * A challenge's fault is anchored in stack.ts by the code it changes, formatting aside: a learner
 * whose editor re-indents, re-wraps or drops trailing commas keeps every challenge (issue 23).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { allLabs } from '../../lib/lab/catalogue';
import { brokenSource, stackSourceOf } from '../../lib/practice/challenges';
import { findIgnoringFormatting, replacementFor } from '../../lib/practice/source-match';

const BIOME = join(PROJECT_ROOT, 'node_modules', '.bin', 'biome');

/** Syntax errors of a TypeScript source (what a broken edit would leave): the parser's own list. */
function syntaxErrors(source: string): string[] {
  const file = ts.createSourceFile('stack.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const { parseDiagnostics } = file as unknown as { parseDiagnostics: readonly ts.Diagnostic[] };
  return parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const STYLES: Record<string, readonly string[]> = {
  'as the kit formats it': [],
  'four-space indent, narrow lines': ['--indent-width=4', '--line-width=60'],
  'tabs, wide lines, no trailing commas': [
    '--indent-style=tab',
    '--line-width=160',
    '--trailing-commas=none',
  ],
};

const withChallenges = allLabs().filter((lab) => (lab.challenges ?? []).length > 0);

/** Every lab's stack.ts as `npx biome format --write` leaves it with each style's settings. */
const formatted = new Map<string, string>();
const scratch = mkdtempSync(join(tmpdir(), 'labkit-formatting-'));
beforeAll(() => {
  for (const [style, flags] of Object.entries(STYLES)) {
    const dir = mkdtempSync(join(scratch, 'style-'));
    for (const lab of withChallenges)
      writeFileSync(join(dir, `${lab.id}.ts`), readFileSync(stackSourceOf(lab)));
    // One run per style over all labs: a process per file takes seconds on a busy machine.
    if (flags.length > 0) execFileSync(BIOME, ['format', '--write', ...flags, dir], { stdio: 'ignore' });
    for (const lab of withChallenges)
      formatted.set(`${style} ${lab.id}`, readFileSync(join(dir, `${lab.id}.ts`), 'utf8'));
  }
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(withChallenges.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  const original = readFileSync(stackSourceOf(lab), 'utf8');

  test.each(Object.entries(STYLES))(
    'every challenge applies to stack.ts reformatted (%s)',
    (style, flags) => {
      const source = formatted.get(`${style} ${lab.id}`) ?? '';
      if (flags.length > 0) expect(source).not.toBe(original);
      for (const challenge of lab.challenges ?? []) {
        const broken = brokenSource(lab, challenge, source);
        expect([challenge.name, broken === source]).toEqual([challenge.name, false]);
        expect([challenge.name, syntaxErrors(broken)]).toEqual([challenge.name, []]);
      }
    },
  );
});

test('matching ignores indentation, line breaks and trailing commas, but not code', () => {
  const source =
    'new Queue(this, "Billing", {\n    alarmTopic: alerts.topic,\n    maxReceiveCount: 3,\n});\nreturn x;';
  const find = 'new Queue(this, "Billing", { alarmTopic: alerts.topic, maxReceiveCount: 3 })';
  const [span] = findIgnoringFormatting(source, find);
  expect(source.slice(span.start, span.end)).toBe(source.slice(0, source.indexOf(';')));
  expect(findIgnoringFormatting(source, 'maxReceiveCount: 30')).toEqual([]);
  expect(findIgnoringFormatting(source, 'returnx')).toEqual([]); // words stay apart
  expect(findIgnoringFormatting(source, 'maxReceiveCount: 3,\n')).toHaveLength(1);
  expect(replacementFor('maxReceiveCount: 3,\n', 'maxReceiveCount: 10,\n')).toBe('maxReceiveCount: 10,');
  // A deleted property takes its comma along, and one before a bracket may have been dropped.
  const [withComma] = findIgnoringFormatting(source, '    alarmTopic: alerts.topic,\n');
  expect(source.slice(withComma.start, withComma.end)).toBe('alarmTopic: alerts.topic,');
  const [lastOne] = findIgnoringFormatting('f({ a: 1, b: 2 })', 'b: 2,\n');
  expect('f({ a: 1, b: 2 })'.slice(lastOne.start, lastOne.end)).toBe('b: 2');
  expect(syntaxErrors('const a = {;')).not.toEqual([]);
});
