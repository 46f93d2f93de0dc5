/**
 * The kit's safety rules as plain CDK users meet them: the real CDK CLI (what `npx cdk` runs) and
 * bin/app.ts as separate processes, against a stand-in for AWS on loopback
 * (test/support/stand-in-sts.ts), and what the kit leaves in the temp directory. No emulator is
 * needed; these sit in the end-to-end layer because each spawns the CLI and a CDK app (seconds and
 * about 350 MiB apiece). The same checks run in-process in the unit layer
 * (test/kit/plain-cdk-safety.test.ts, test/kit/cli-safety.test.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { type CdkRun, runCdk } from '../support/cdk-cli';
import {
  type ReceivedRequest,
  STAND_IN_ACCOUNT,
  STAND_IN_CREDENTIALS,
  type StandInSts,
  startStandInSts,
} from '../support/stand-in-sts';

const ACCOUNT = STAND_IN_ACCOUNT;
const credentials = STAND_IN_CREDENTIALS;

let standIn: StandInSts;
let received: ReceivedRequest[];
let standInUrl: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-cli-processes-'));
  standIn = await startStandInSts();
  standInUrl = standIn.url;
  received = standIn.received;
});

afterAll(async () => {
  await standIn.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received.length = 0;
});

/** Runs the project's CDK CLI with credentials that the stand-in STS answers for. */
function cdk(args: string[], env: Record<string, string>): Promise<CdkRun> {
  // Whatever else the CLI might call lands on the stand-in, which records it.
  const services = ['STS', 'CLOUDFORMATION', 'S3', 'SSM', 'ECR', 'IAM'];
  const endpoints = Object.fromEntries(
    services.map((service) => [`AWS_ENDPOINT_URL_${service}`, standInUrl]),
  );
  // A CLI that goes on to deploy retries against the stand-in for minutes: stop it, and let the
  // assertions say what it did.
  return runCdk(args, { ...endpoints, ...env }, dir, CDK_RUN_LIMIT_MS);
}

const CDK_RUN_LIMIT_MS = 40_000;

describe('plain `cdk` with credentials (a stand-in STS on loopback)', () => {
  test('cdk deploy lab-02 to an account that is not allowed: one line, non-zero exit, no CloudFormation call', async () => {
    const { code, stderr } = await cdk(
      ['deploy', 'lab-02', '--require-approval', 'never', '-o', join(dir, 'deploy-out')],
      {
        ...credentials,
        LABKIT_ALLOWED_ACCOUNTS: '444455556666',
      },
    );
    expect(code).not.toBe(0);
    const errors = stderr.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toEqual([
      expect.stringMatching(
        /^error: account 111122223333 \(the account of your AWS credentials\) is not on the kit's allow-list \(.*444455556666.*\): to deploy labs there, add it to cdk\.json \(.*\) or export LABKIT_ALLOWED_ACCOUNTS=111122223333$/,
      ),
    ]);
    expect(stderr).not.toMatch(/^\s+at /m);
    // The CLI asked STS who the credentials are (that is how the app learns the account), and nothing else.
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((r) => r.service !== 'sts' || !/Action=GetCallerIdentity/.test(r.body))).toEqual(
      [],
    );
  });

  test('cdk synth lab-02 for an allowed account: succeeds and prints the cost and expiry line', async () => {
    const { code, stderr } = await cdk(['synth', 'lab-02', '--quiet', '-o', join(dir, 'synth-out')], {
      ...credentials,
      LABKIT_ALLOWED_ACCOUNTS: ACCOUNT,
    });
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stderr).toMatch(
      /^lab-02 on AWS account 111122223333 \(us-east-1\): ~\$\d+\.\d+\/hour while deployed.*, deletes itself at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(-c labkit:ttl=90m\|none\)$/m,
    );
    expect(received.filter((r) => r.service !== 'sts')).toEqual([]);
  });

  test('cdk synth lab-03 without credentials (CI): succeeds offline, no check, no cost lines, only lab-03 built', async () => {
    // The CDK CLI does not tell the app which stacks it asked for: the app reads its command line
    // (lib/cdk/cli-selection.ts), so no other lab is built, written or warned about.
    const out = join(dir, 'offline-out');
    const { code, stderr } = await cdk(['synth', 'lab-03', '--quiet', '-o', out], {});
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(out).filter((f) => f.endsWith('.template.json'))).toEqual(['lab-03.template.json']);
    expect(stderr).not.toMatch(/on AWS account|allow-list|lab-0[124]/);
    expect(received).toEqual([]);
  });
});

describe('bin/app.ts run as `cdk synth` runs it (context in CDK_CONTEXT_JSON)', () => {
  test.each([
    [
      { instanceType: 'x1e.32xlarge' },
      'error: Context option instanceType="x1e.32xlarge" is not allowed. Use one of: t3.nano, t3.micro, t3.small, t4g.nano, t4g.micro, t4g.small (for example -c instanceType=t3.micro).',
    ],
    [
      { 'labkit:ttl': 'forever' },
      'error: -c labkit:ttl= forever is not a time to live: use hours or minutes between 1m and 168h (4h, 90m), or none',
    ],
  ])('a bad context option (%j) ends the app with one clear line and exit code 1', (context, line) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        CDK_CONTEXT_JSON: JSON.stringify({ 'aws:cdk:bundling-stacks': [], ...context }),
        CDK_OUTDIR: mkdtempSync(join(dir, 'app-')),
      },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(line);
  });
});

describe('no temporary cloud assemblies are left behind (issue 9, item 20)', () => {
  test('the template synth of cost/status and the toolkit synth of deploy/destroy clean up after themselves', () => {
    // A child process with its own TMPDIR: other test files synthesize in the shared one meanwhile,
    // and os.tmpdir() reads the real environment, not jest's copy of it.
    const tmp = mkdtempSync(join(tmpdir(), 'labkit-tmp-test-'));
    try {
      const script = `
        const { allLabs, registerLabs } = require('./lib/lab/catalogue');
        registerLabs(require('./labs').LABS);
        const { synthesizeLabTemplate } = require('./lib/docs/lab-template');
        const { LabToolkit } = require('./lib/operations/lab-toolkit');
        const { readdirSync } = require('node:fs');
        (async () => {
          // One lab: where the assemblies go does not depend on how many labs are built.
          const labs = allLabs().slice(-1);
          synthesizeLabTemplate(labs[0]);
          const quiet = { line() {}, status() {} };
          const toolkit = new LabToolkit({ session: require('./lib/targets/session').awsSession(), progress: quiet, bundling: false, validation: false, labs });
          await toolkit.synth();
          const during = readdirSync(process.env.TMPDIR).filter((name) => !name.startsWith('tsx-'));
          await toolkit.dispose();
          console.log(JSON.stringify({ during }));
        })();`;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, TMPDIR: tmp, CDK_VALIDATION: 'false' },
        encoding: 'utf8',
      });
      // The toolkit's assembly was there while in use (the check can see it), and nothing is after.
      expect(JSON.parse(out.trim().split('\n').at(-1) ?? '{}').during).toEqual([
        expect.stringMatching(/^labkit-cdk.out-/),
      ]);
      expect(readdirSync(tmp).filter((name) => !name.startsWith('tsx-'))).toEqual([]);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
