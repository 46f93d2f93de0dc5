import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabInputError } from '../../lib/core/errors';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { allLabs } from '../../lib/lab/catalogue';
import { discoverLabFolders, labIndexFile, renderLabIndex } from '../../lib/scaffold/lab-index';
import { type NewLab, scaffoldLab, stackClassName } from '../../lib/scaffold/scaffold';

/** `npm run new-lab`: a lab is new files; labs/index.ts is regenerated, no hand-kept file changes. */

let root: string;
beforeEach(() => {
  // A throwaway root holding the lab folders' definitions and the index: the repository is never touched.
  root = mkdtempSync(join(tmpdir(), 'labkit-scaffold-'));
  for (const folder of discoverLabFolders()) {
    mkdirSync(join(root, 'labs', folder), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'labs', folder, 'lab.ts'), join(root, 'labs', folder, 'lab.ts'));
  }
  cpSync(labIndexFile(), labIndexFile(root));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

// An id no lab has (lab-99 down): `lab-${length + 90}` stopped being an id at ten labs.
const taken = new Set(allLabs().map((lab) => lab.id));
const nextId = Array.from({ length: 90 }, (_, i) => `lab-${99 - i}`).find((id) => !taken.has(id)) as string;

test('labs/index.ts lists exactly the lab folders, in number order (run npm run docs when this fails)', () => {
  expect(readFileSync(labIndexFile(), 'utf8')).toBe(renderLabIndex(discoverLabFolders()));
  expect(allLabs().map((lab) => lab.slug)).toEqual(discoverLabFolders());
});

test('writes the lab folder and its test, and regenerates the index with the lab in number order', () => {
  const written = scaffoldLab({ id: nextId, words: 'vpc-from-scratch', title: 'VPC from scratch' }, root);
  const slug = `${nextId}-vpc-from-scratch`;
  expect(written).toContain('labs/index.ts');
  expect(written.every((file) => file === 'labs/index.ts' || file.includes(slug))).toBe(true);
  const index = readFileSync(labIndexFile(root), 'utf8');
  expect(index).toBe(renderLabIndex([...discoverLabFolders(), slug].sort()));
  expect(index).toContain(`import { definition as lab${nextId.slice(4)} } from './${slug}/lab';`);
  const lab = readFileSync(join(root, `labs/${slug}/lab.ts`), 'utf8');
  expect(lab).toContain(
    `stack: () => (require('./stack') as typeof import('./stack')).${stackClassName('vpc-from-scratch')},`,
  );
  expect(lab.match(/level: 'none'/g)).toHaveLength(3);
  const guide = readFileSync(join(root, `labs/${slug}/README.md`), 'utf8');
  for (const block of ['diagram', 'facts', 'errata', 'experiments', 'practice', 'cost', 'support'])
    expect(guide).toContain(`<!-- ${block}:start -->\n<!-- ${block}:end -->`);
});

test('the index follows lab-number order whatever order folders are created in', () => {
  const folders = ['lab-07-b', 'lab-02-a', 'lab-12-c'];
  for (const folder of folders) {
    mkdirSync(join(root, 'labs', folder));
    cpSync(
      join(PROJECT_ROOT, 'labs', discoverLabFolders()[0], 'lab.ts'),
      join(root, 'labs', folder, 'lab.ts'),
    );
  }
  mkdirSync(join(root, 'labs', 'not-a-lab'));
  const found = discoverLabFolders(root);
  expect(found).toEqual([...found].sort());
  expect(found).toEqual(expect.arrayContaining(folders));
  expect(found).not.toContain('not-a-lab');
});

const badInput: [NewLab, RegExp][] = [
  [{ id: 'lab-5', words: 'x', title: 'X' }, /is not a lab id/],
  [{ id: nextId, words: 'Not Words', title: 'X' }, /is not a folder name/],
  [{ id: nextId, words: 'ok', title: ' ' }, /give the lab a title/],
  ...allLabs().map((lab): [NewLab, RegExp] => [{ id: lab.id, words: 'again', title: 'X' }, /already exists/]),
];

test.each(badInput)('bad input %j is one clear error, and nothing is written', (lab, message) => {
  const before = readdirSync(join(root, 'labs')).sort();
  const index = readFileSync(labIndexFile(root), 'utf8');
  expect(() => scaffoldLab(lab, root)).toThrow(LabInputError);
  expect(() => scaffoldLab(lab, root)).toThrow(message);
  expect(readdirSync(join(root, 'labs')).sort()).toEqual(before);
  expect(readFileSync(labIndexFile(root), 'utf8')).toBe(index);
});
