/**
 * The notes' errata: each lab's errata.ts names a note the lab draws on and an AWS page, the guide's
 * box and `npx labs notes-errata` are generated from them.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { errataByNote, formatNotesErrata, type NoteErratum, renderErrataBox } from '../../lib/docs/errata';
import { allLabs, type LabDefinition } from '../../lib/lab/catalogue';

const NOTES_DIR = join(PROJECT_ROOT, '..', 'shared', 'notes');

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('each erratum is about a note the lab draws on, quotes it and cites an AWS page', () => {
    const files = lab.notes.map((n) => n.file);
    const problems = (lab.errata ?? []).flatMap((e) => [
      ...(files.includes(e.note) ? [] : [`${e.note} is not among the lab's notes (${files.join(', ')})`]),
      ...(e.says.trim() && e.now.trim() ? [] : [`${e.note}: says and now must both be given`]),
      ...(e.sources.length ? [] : [`${e.note}: no source`]),
      ...e.sources
        .filter((url) => !/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com)\//.test(url))
        .map((url) => `${e.note}: ${url} is not an AWS page`),
    ]);
    expect(problems).toEqual([]);
  });
});

test('the note files the errata name exist (where the notes are checked out next to the kit)', () => {
  const notes = [...new Set(allLabs().flatMap((lab) => (lab.errata ?? []).map((e) => e.note)))];
  if (!existsSync(NOTES_DIR)) return; // a clone without ../shared: nothing to compare against
  expect(notes.filter((file) => !existsSync(join(NOTES_DIR, file)))).toEqual([]);
});

const erratum = (note: string, says: string, examTrap?: string): NoteErratum => ({
  note,
  says,
  now: 'now',
  sources: ['https://docs.aws.amazon.com/x'],
  examTrap,
});
const lab = (id: string, errata: NoteErratum[]) => ({ id, errata }) as unknown as LabDefinition;

test('errata are grouped by note file, and one statement shown by two labs is listed once with both', () => {
  const labs = [
    lab('lab-01', [erratum('b.txt', 'old'), erratum('a.txt', 'x')]),
    lab('lab-02', [erratum('b.txt', 'old')]),
  ];
  expect(errataByNote(labs).map((g) => [g.note, g.errata.map((e) => [e.erratum.says, e.labs])])).toEqual([
    ['a.txt', [['x', ['lab-01']]]],
    ['b.txt', [['old', ['lab-01', 'lab-02']]]],
  ]);
  expect(formatNotesErrata(labs)).toContain('  shown in:      lab-01, lab-02');
});

test('the box: one row per statement, with its AWS link and exam trap; an empty list says so', () => {
  expect(renderErrataBox([erratum('a.txt', 'says 256 KB', 'banks say 256 KB')]).split('\n')[2]).toBe(
    '| `a.txt` | says 256 KB | now [AWS docs](https://docs.aws.amazon.com/x) **Exam trap:** banks say 256 KB |',
  );
  // A known note is named by number and topic, also where the text mentions another note's file.
  const known = erratum('003_4fb32c6148cb8c93.txt', 'as `000_eb71e302648b0e53.txt` says, 256 KB');
  expect(renderErrataBox([known]).split('\n')[2]).toBe(
    '| note 003 (SAA-C03 course notes, decoupling and serverless) | as note 000 (Solutions Architect Associate summary notes) says, 256 KB | now [AWS docs](https://docs.aws.amazon.com/x) |',
  );
  expect(renderErrataBox([])).toBe('Nothing this lab relies on in the notes is outdated.');
});
