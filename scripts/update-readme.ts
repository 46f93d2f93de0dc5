import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { updateReadme } from '../lib/docs/readme-tables';

// Rewrites the generated tables of README.md from the catalogue (`npm run docs`).
const path = join(__dirname, '..', 'README.md');
writeFileSync(path, updateReadme(readFileSync(path, 'utf8')));
console.log('README.md tables updated from the catalogue');
