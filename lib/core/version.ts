import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The kit's version, read once from package.json so tags and docs never disagree with it. */
export const KIT_VERSION: string = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
).version;
