import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../core/paths';

/** A lab's folder name: `lab-NN-<words>`. */
const LAB_FOLDER = /^lab-(\d\d)-[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The lab folders under labs/ that hold a definition (lab.ts), in lab-number order. */
export function discoverLabFolders(root = PROJECT_ROOT): string[] {
  const labsDir = join(root, 'labs');
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && LAB_FOLDER.test(entry.name))
    .filter((entry) => existsSync(join(labsDir, entry.name, 'lab.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** labs/index.ts for these folders: the list the entry points hand to the kit (registerLabs). */
export function renderLabIndex(folders: readonly string[]): string {
  const name = (folder: string) => `lab${LAB_FOLDER.exec(folder)?.[1]}`;
  return [
    '// Generated from the folders under labs/ by `npm run docs` and `npm run new-lab`: do not edit.',
    '// test/kit/catalogue.test.ts fails when it and the folders disagree.',
    "import type { LabDefinition } from '../lib/lab/catalogue';",
    ...folders.map((folder) => `import { definition as ${name(folder)} } from './${folder}/lab';`),
    '',
    '/** Every lab of the kit, in lab-number order. */',
    '// biome-ignore format: generated, one lab per line',
    'export const LABS: readonly LabDefinition[] = [',
    ...folders.map((folder) => `  ${name(folder)},`),
    '];',
    '',
  ].join('\n');
}

export const labIndexFile = (root = PROJECT_ROOT) => join(root, 'labs', 'index.ts');

/** Rewrites labs/index.ts from the folders; returns whether it changed. */
export function writeLabIndex(root = PROJECT_ROOT): boolean {
  const file = labIndexFile(root);
  const text = renderLabIndex(discoverLabFolders(root));
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  writeFileSync(file, text);
  return true;
}
