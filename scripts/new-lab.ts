import { LabInputError } from '../lib/errors';
import { scaffoldLab } from '../lib/scaffold';

// `npm run new-lab -- lab-05 vpc-from-scratch "VPC from scratch"`: the logic is in lib/scaffold.ts.
const [id, words, title] = process.argv.slice(2);
try {
  if (!id || !words || !title) {
    throw new LabInputError('usage: npm run new-lab -- lab-NN words-of-the-folder "Title of the lab"');
  }
  for (const file of scaffoldLab({ id, words, title })) console.log(`wrote ${file}`);
  console.log(`next: fill in labs/${id}-${words}/, then npm run docs && npm test`);
} catch (error) {
  if (!(error instanceof LabInputError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
