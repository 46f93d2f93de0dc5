import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guideFileOf, updateGuide } from '../lib/docs/lab-guides';
import { DOC_BLOCKS, updateDocFile } from '../lib/docs/readme-tables';
import { experimentsOf } from '../lib/experiments/registry';
import { allLabs, registerLabs } from '../lib/lab/catalogue';
import { writeLabIndex } from '../lib/scaffold/lab-index';

// labs/index.ts first, from the folders, then the labs it lists.
if (writeLabIndex()) console.log('labs/index.ts updated from the lab folders');
registerLabs((require('../labs') as typeof import('../labs')).LABS);

// `npm run docs`: rewrites the generated blocks of README.md, the docs/ pages and every lab guide
// from the catalogue, the compatibility steps and the experiments. A test fails when they drift.
(async () => {
  for (const file of Object.keys(DOC_BLOCKS)) {
    const path = join(__dirname, '..', file);
    writeFileSync(path, updateDocFile(file, readFileSync(path, 'utf8')));
  }
  for (const lab of allLabs()) {
    const guide = guideFileOf(lab);
    writeFileSync(guide, updateGuide(lab, readFileSync(guide, 'utf8'), experimentsOf(lab)));
  }
  console.log('README.md, docs/ and the lab guides updated from the catalogue and the experiments');
})();
