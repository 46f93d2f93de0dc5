import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE } from '../../lib/catalogue';
import { LabInputError } from '../../lib/errors';
import { PROJECT_ROOT } from '../../lib/paths';
import { type NewLab, scaffoldLab, stackClassName, withCatalogueEntry } from '../../lib/scaffold';

/** `npm run new-lab`: a lab is new files plus its import and one entry in the catalogue. */

let root: string;
beforeEach(() => {
  // A throwaway root holding a copy of the catalogue: the repository itself is never touched.
  root = mkdtempSync(join(tmpdir(), 'labkit-scaffold-'));
  cpSync(join(PROJECT_ROOT, 'lib/catalogue.ts'), join(root, 'lib/catalogue.ts'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// An id no lab has (lab-99 down): `lab-${length + 90}` stopped being an id at ten labs.
const taken = new Set(CATALOGUE.map((lab) => lab.id));
const nextId = Array.from({ length: 90 }, (_, i) => `lab-${99 - i}`).find((id) => !taken.has(id)) as string;

test('writes the lab folder and its test, and adds exactly two lines to the catalogue', () => {
  const before = readFileSync(join(root, 'lib/catalogue.ts'), 'utf8').split('\n');
  const written = scaffoldLab({ id: nextId, words: 'vpc-from-scratch', title: 'VPC from scratch' }, root);
  const slug = `${nextId}-vpc-from-scratch`;
  expect(written.sort()).toEqual(
    [
      `labs/${slug}/facts.ts`,
      `labs/${slug}/lab.ts`,
      `labs/${slug}/stack.ts`,
      `labs/${slug}/verify.ts`,
      `labs/${slug}/README.md`,
      `test/labs/${slug}.test.ts`,
      'lib/catalogue.ts',
    ].sort(),
  );
  const after = readFileSync(join(root, 'lib/catalogue.ts'), 'utf8').split('\n');
  const added = after.filter((line) => !before.includes(line));
  const name = `lab${nextId.slice(4)}`;
  expect(added).toEqual([`import { definition as ${name} } from '../labs/${slug}/lab';`, `  ${name},`]);
  const lab = readFileSync(join(root, `labs/${slug}/lab.ts`), 'utf8');
  expect(lab).toContain(
    `stack: () => (require('./stack') as typeof import('./stack')).${stackClassName('vpc-from-scratch')},`,
  );
  expect(lab.match(/level: 'none'/g)).toHaveLength(3);
  const guide = readFileSync(join(root, `labs/${slug}/README.md`), 'utf8');
  for (const block of ['diagram', 'facts', 'errata', 'experiments', 'practice', 'cost', 'support'])
    expect(guide).toContain(`<!-- ${block}:start -->\n<!-- ${block}:end -->`);
});

test('a lab numbered below existing ones goes in number order, in the imports and in the list', () => {
  const catalogue = readFileSync(join(PROJECT_ROOT, 'lib/catalogue.ts'), 'utf8');
  // A free id lower than the highest: the catalogue must stay ordered whatever order labs are written in.
  const free = Array.from({ length: 98 }, (_, i) => `lab-${String(i + 1).padStart(2, '0')}`).find(
    (id) => !taken.has(id) && id < (CATALOGUE.at(-1)?.id ?? ''),
  );
  const id = free ?? nextId;
  const numbers = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]);
  const after = withCatalogueEntry(catalogue, { id, words: 'in-between' });
  for (const pattern of [/^import \{ definition as lab(\d\d) \}/gm, /^ {2}lab(\d\d),$/gm]) {
    const listed = numbers(after, pattern);
    expect(listed).toContain(id.slice(4));
    expect(listed).toEqual([...listed].sort());
  }
});

const badInput: [NewLab, RegExp][] = [
  [{ id: 'lab-5', words: 'x', title: 'X' }, /is not a lab id/],
  [{ id: nextId, words: 'Not Words', title: 'X' }, /is not a folder name/],
  [{ id: nextId, words: 'ok', title: ' ' }, /give the lab a title/],
  ...CATALOGUE.map((lab): [NewLab, RegExp] => [{ id: lab.id, words: 'again', title: 'X' }, /already exists/]),
];

test.each(badInput)('bad input %j is one clear error, and nothing is written', (lab, message) => {
  const before = readFileSync(join(root, 'lib/catalogue.ts'), 'utf8');
  expect(() => scaffoldLab(lab, root)).toThrow(LabInputError);
  expect(() => scaffoldLab(lab, root)).toThrow(message);
  expect(readFileSync(join(root, 'lib/catalogue.ts'), 'utf8')).toBe(before);
});
