/**
 * The house rules of the layout (issue 23): the kit does not depend on its content, and a lab's
 * files stay small enough to read at once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';

/** Every TypeScript file under a folder of the project, relative to the project root. */
function sources(folder: string): string[] {
  return readdirSync(join(PROJECT_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** The relative module specifiers a source imports or requires. */
function relativeImports(source: string): string[] {
  return [...source.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]);
}

test('lib/ imports nothing from labs/: the entry points hand the labs to the kit', () => {
  const labsDir = join(PROJECT_ROOT, 'labs');
  const offending = sources('lib').flatMap((file) =>
    relativeImports(readFileSync(join(PROJECT_ROOT, file), 'utf8'))
      .filter((spec) => !relative(labsDir, resolve(PROJECT_ROOT, dirname(file), spec)).startsWith('..'))
      .map((spec) => `${file} imports ${spec}`),
  );
  expect(offending).toEqual([]);
});

test('the check sees an import into labs/ (it must not pass vacuously)', () => {
  expect(relativeImports("import { LABS } from '../../labs';\nrequire('./x')")).toEqual([
    '../../labs',
    './x',
  ]);
});

test('no file under labs/ is over 500 lines', () => {
  const long = sources('labs')
    .map((file) => [file, readFileSync(join(PROJECT_ROOT, file), 'utf8').split('\n').length] as const)
    .filter(([, lines]) => lines > 500);
  expect(long).toEqual([]);
});
