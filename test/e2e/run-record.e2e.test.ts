import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { main } from '../../lib/cli/main';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { synthesizeLabTemplate } from '../../lib/docs/lab-template';
import { experimentsOf } from '../../lib/experiments/registry';
import { findLab } from '../../lib/lab/catalogue';
import { type RunRecord, templateHash } from '../../lib/lab/run-records';
import { emulatorPort, localClientConfig } from '../../lib/targets/local-endpoint';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { STAND_IN_ACCOUNT, type StandInSts, startStandInSts } from '../support/stand-in-sts';

/*
 * `labs verify --target aws` writing a run record, with no AWS account: the stand-in STS answers
 * who the credentials belong to (an allowed account), and the kit's MiniStack stands in for every
 * other AWS service (AWS_ENDPOINT_URL), with lab-02 deployed on it. The record must be written,
 * carry what ran, and hold no account id, ARN or key; `labs report` prints it.
 */

const LAB = 'lab-02';
let emulator: EmulatorStart | undefined;
let standIn: StandInSts;
let records: string;
/** The student's keys: a user of the emulator's account (MiniStack checks every signature). */
let student: { AWS_ACCESS_KEY_ID: string; AWS_SECRET_ACCESS_KEY: string };

beforeAll(async () => {
  emulator = await startEmulator((line) => process.stderr.write(`${line}\n`));
  standIn = await startStandInSts();
  const iam = new IAMClient(localClientConfig(`http://127.0.0.1:${emulatorPort()}`));
  const UserName = `run-record-student-${Date.now().toString(36)}`;
  await iam.send(new CreateUserCommand({ UserName }));
  await iam.send(
    new PutUserPolicyCommand({
      UserName,
      PolicyName: 'everything',
      PolicyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
      }),
    }),
  );
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName }));
  student = {
    AWS_ACCESS_KEY_ID: AccessKey?.AccessKeyId ?? '',
    AWS_SECRET_ACCESS_KEY: AccessKey?.SecretAccessKey ?? '',
  };
  records = mkdtempSync(join(tmpdir(), 'run-records-'));
  const deployed = await main(['deploy', LAB], { out: () => {}, progress: { line: () => {}, status() {} } });
  expect(deployed).toBe(0);
});

afterAll(async () => {
  await main(['destroy', LAB], { out: () => {}, progress: { line: () => {}, status() {} } });
  await standIn?.close();
  if (records) rmSync(records, { recursive: true, force: true });
  if (emulator?.startedByKit) await stopEmulator(() => {});
});

/** `npx labs <args>` as a process, against "AWS": the stand-in STS, and MiniStack for the rest. */
async function labsOnStandInAws(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The stand-in STS checks no signature; MiniStack, standing in for the rest of AWS, checks all.
    ...student,
    LABKIT_ALLOWED_ACCOUNTS: STAND_IN_ACCOUNT,
    AWS_ENDPOINT_URL_STS: standIn.url,
    AWS_ENDPOINT_URL: `http://127.0.0.1:${emulatorPort()}`,
    AWS_REGION: 'us-east-1',
    LABKIT_RUN_RECORDS_DIR: records,
  };
  delete env.AWS_PROFILE;
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [join(PROJECT_ROOT, 'bin/labs.mjs'), ...args],
      { cwd: PROJECT_ROOT, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, stdout, stderr };
  }
}

test('verify --target aws writes a redacted run record, and report prints it', async () => {
  const verified = await labsOnStandInAws('verify', LAB, '--target', 'aws');
  expect(verified.stdout).toMatch(/^run record: .*lab-02\/\S+-aws\.json/m);
  const [name, ...others] = readdirSync(join(records, LAB));
  expect(others).toEqual([]);
  const text = readFileSync(join(records, LAB, name), 'utf8');
  const record = JSON.parse(text) as RunRecord;

  const lab = findLab(LAB);
  expect(record).toMatchObject({ schema: 1, lab: LAB, target: 'aws', region: 'us-east-1' });
  expect(record.kit.commit).toMatch(/^[0-9a-f]{40}$/);
  expect(record.templateHash).toBe(templateHash(synthesizeLabTemplate(lab)));
  expect(record.experiments.map((e) => e.id)).toEqual(experimentsOf(lab).map((e) => e.id));
  expect(verified.code).toBe(record.summary.failed > 0 ? 1 : 0);
  expect(record.summary.passed).toBeGreaterThan(0);
  // Nothing that names the account or the credentials is in the file. (lab-02's observations name
  // queues by name: the redaction of ARNs and ids inside observations is proven on made-up results
  // that hold every shape, in test/kit/run-records.test.ts.)
  for (const secret of [STAND_IN_ACCOUNT, '000000000000', 'arn:aws', student.AWS_ACCESS_KEY_ID])
    expect([secret, text.includes(secret)]).toEqual([secret, false]);

  const reported = await labsOnStandInAws('report', LAB);
  expect(reported.code).toBe(0);
  expect(reported.stdout).toContain(`### Run record: ${LAB} on aws, ${record.date.slice(0, 10)}`);
  expect(reported.stdout).toContain('(matches the lab in this checkout)');
  for (const experiment of record.experiments)
    expect(reported.stdout).toContain(`| ${experiment.name} | ${experiment.outcome} |`);
});
