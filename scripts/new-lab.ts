import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { LabInputError } from '../lib/core/errors';
import { scaffoldLab } from '../lib/scaffold/scaffold';

// `npm run new-lab -- lab-05 vpc-from-scratch "VPC from scratch"`: the logic is in lib/scaffold/scaffold.ts.
const [id, words, title] = process.argv.slice(2);
try {
  if (!id || !words || !title) {
    throw new LabInputError('usage: npm run new-lab -- lab-NN words-of-the-folder "Title of the lab"');
  }
  for (const file of scaffoldLab({ id, words, title })) console.log(`wrote ${file}`);
  // The guide's generated blocks and the README rows, as npm run docs writes them: in a new process,
  // because this one loaded the catalogue before the lab was added to it.
  const docs = spawnSync(
    process.execPath,
    [join(__dirname, '..', 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(__dirname, 'update-readme.ts')],
    {
      stdio: 'inherit',
    },
  );
  if (docs.status !== 0)
    throw new Error('npm run docs failed after the lab was written; run it again once fixed');
  console.log(`next: fill in labs/${id}-${words}/, then npm run docs && npm test`);
} catch (error) {
  if (!(error instanceof LabInputError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
