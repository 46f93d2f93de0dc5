import { relative } from 'node:path';
import { STSClient } from '@aws-sdk/client-sts';
import { LabInputError } from '../core/errors';
import { PROJECT_ROOT } from '../core/paths';
import { synthesizeLabTemplate } from '../docs/lab-template';
import { renderRunReport } from '../docs/run-report';
import type { ExperimentResult } from '../experiments/runner';
import type { LabDefinition } from '../lab/catalogue';
import { secretValues } from '../lab/run-record-redaction';
import {
  buildRunRecord,
  kitCommit,
  readRunRecords,
  runRecordsDir,
  templateHash,
  writeRunRecord,
} from '../lab/run-records';
import type { AwsSession } from '../targets/session';

/** A path as the user best reads it: relative inside the project, absolute outside it. */
const shown = (path: string) => {
  const inProject = relative(PROJECT_ROOT, path);
  return inProject && !inProject.startsWith('..') ? inProject : path;
};

/**
 * Records a `verify` on AWS (see lib/lab/run-records.ts): returns the lines to print, naming the
 * file and how it becomes evidence.
 */
export async function recordAwsRun(
  lab: LabDefinition,
  session: AwsSession,
  results: readonly ExperimentResult[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  // The region the SDK's clients used: the session's, or the profile's when none is set.
  const region = session.region ?? (await new STSClient(session.clientConfig).config.region());
  const record = buildRunRecord({
    lab,
    target: 'aws',
    templateHash: templateHash(synthesizeLabTemplate(lab)),
    region,
    date: new Date(),
    results,
    kit: kitCommit(),
    secrets: secretValues(env, { account: session.account }),
  });
  const file = writeRunRecord(record, runRecordsDir(env));
  return [
    `run record: ${shown(file)} (account ids, ARNs, keys and addresses redacted)`,
    `  npx labs report ${lab.id} prints it as Markdown; committed under run-records/, it is the evidence ` +
      `behind ${lab.id}'s AWS entry in the README and its guide`,
  ];
}

/** `npx labs report <lab>`: the lab's newest run record as Markdown. */
export function reportLines(lab: LabDefinition, env: NodeJS.ProcessEnv = process.env): string {
  const dir = runRecordsDir(env);
  const [newest] = readRunRecords(lab.id, dir);
  if (!newest) {
    throw new LabInputError(
      `no run record of ${lab.id} in ${shown(dir)}/${lab.id}: ` +
        `npx labs verify ${lab.id} --target aws writes one`,
    );
  }
  return renderRunReport(newest.record, templateHash(synthesizeLabTemplate(lab)), shown(newest.file));
}
