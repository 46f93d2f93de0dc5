import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import cdkJson from '../cdk.json';
import { LABS } from '../labs';
import { addLabStack } from '../lib/cdk/app';
import { findLab, registerLabs } from '../lib/lab/catalogue';

registerLabs(LABS);

/**
 * The in-process floor of `cdk synth <lab>` for `npm run bench`: that one lab's stack, in one
 * process, with cdk.json's context, no built-in validation and no bundling; nothing else. The bench
 * times the whole process (Node, tsx, aws-cdk-lib and the lab's modules loading, building, writing
 * the assembly). `npx tsx scripts/synth-floor.ts lab-03`
 */
const lab = findLab(process.argv[2] ?? 'lab-03');
const outdir = mkdtempSync(join(tmpdir(), 'labkit-floor-'));
try {
  const app = new App({
    outdir,
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });
  addLabStack(app, lab, 'aws');
  app.synth();
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
