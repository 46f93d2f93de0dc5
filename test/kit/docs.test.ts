import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { DOC_BLOCKS, updateDocFile } from '../../lib/docs/readme-tables';

const root = join(__dirname, '..', '..');

/** README.md and every docs/ page, relative to the project root. */
const topLevelDocs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
];
const labGuides = readdirSync(join(root, 'labs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'labs', entry.name, 'README.md')))
  .map((entry) => `labs/${entry.name}/README.md`);
const read = (file: string) => readFileSync(join(root, file), 'utf8');

test.each(Object.keys(DOC_BLOCKS))(
  'the generated blocks of %s are in step (run `npm run docs` to update them)',
  (file) => {
    const text = read(file);
    expect(updateDocFile(file, text)).toBe(text);
  },
);

test('each generated block is in exactly one top-level doc, the one the generator writes', () => {
  const expected: string[] = [];
  const found: string[] = [];
  for (const [file, blocks] of Object.entries(DOC_BLOCKS))
    for (const name of Object.keys(blocks)) expected.push(`${name} in ${file}`);
  for (const file of topLevelDocs) {
    for (const [, name, edge] of read(file).matchAll(/<!-- ([a-z-]+):(start|end) -->/g))
      if (edge === 'start') found.push(`${name} in ${file}`);
      else expect(read(file)).toContain(`<!-- ${name}:start -->`);
  }
  expect(found.sort()).toEqual(expected.sort());
});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const [, heading] of outsideCode.matchAll(/^#{1,6} +(.+?) *$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

test('every relative link in README.md, docs/ and the lab guides names a file (and heading) that exists', () => {
  const broken: string[] = [];
  for (const file of [...topLevelDocs, ...labGuides]) {
    for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue; // http(s), mailto: not checked offline
      const [path, anchor] = target.split('#');
      const resolved = path ? join(root, dirname(file), path) : join(root, file);
      if (!existsSync(resolved)) {
        broken.push(`${file}: ${target} (no ${relative(root, resolved)})`);
      } else if (anchor !== undefined && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) {
        broken.push(`${file}: ${target} (no heading #${anchor})`);
      }
    }
  }
  expect(broken).toEqual([]);
});
