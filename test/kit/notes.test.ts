/** Note citations: the guides name each study note by number and topic, since the notes are not in the repository. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { guideFileOf } from '../../lib/docs/lab-guides';
import { citedNoteFiles, citeNotes, noteLabel, renderNoteSources, STUDY_NOTES } from '../../lib/docs/notes';
import { allLabs } from '../../lib/lab/catalogue';

const NOTES_DIR = join(PROJECT_ROOT, '..', 'shared', 'notes');

test('every note file a lab cites (its notes, facts and errata) has a number and topic', () => {
  const cited = allLabs().flatMap((lab) => [
    ...lab.notes.map((n) => n.file),
    ...lab.facts.flatMap((f) => citedNoteFiles(f.notes)),
    ...(lab.errata ?? []).flatMap((e) => [e.note, ...citedNoteFiles(`${e.says} ${e.now}`)]),
  ]);
  expect(cited.length).toBeGreaterThan(0);
  expect([...new Set(cited)].filter((file) => !(file in STUDY_NOTES))).toEqual([]);
});

test("each note's topic comes from its title line (where the notes are checked out next to the kit)", () => {
  if (!existsSync(NOTES_DIR)) return; // a clone without ../shared: nothing to compare against
  for (const [file, { titleLine }] of Object.entries(STUDY_NOTES)) {
    const head = readFileSync(join(NOTES_DIR, file), 'utf8').split('\n').slice(0, 15);
    expect({ file, found: head.some((line) => line.includes(titleLine)) }).toEqual({ file, found: true });
  }
});

test('a citation by file name becomes note number and topic; an unknown file is left as it is', () => {
  expect(citeNotes('`002_b4197942c38b97e3.txt` - Envelope Encryption')).toBe(
    'note 002 (Developer Associate revision notes) - Envelope Encryption',
  );
  expect(citeNotes('see 004_290acbaf18f7d933.txt and `999_0000000000000000.txt`')).toBe(
    'see note 004 (Solutions Architect Professional notes) and `999_0000000000000000.txt`',
  );
  expect(noteLabel('x.txt')).toBe('`x.txt`');
  expect(renderNoteSources([{ file: '001_06aa89305e27a1ca.txt', topics: ['NACL rules', 'DAX'] }])).toBe(
    'From the study notes (kept outside this repository): note 001 (AWS certification concepts), `001_06aa89305e27a1ca.txt`: NACL rules; DAX.',
  );
});

test('the guides cite notes by number and topic: a file name appears only beside its label', () => {
  for (const lab of allLabs()) {
    const guide = readFileSync(guideFileOf(lab), 'utf8');
    const bare = guide
      .split('\n')
      .filter((line) => !line.startsWith('From the study notes'))
      .filter((line) => citedNoteFiles(line).length > 0);
    expect({ lab: lab.id, bare }).toEqual({ lab: lab.id, bare: [] });
  }
});
