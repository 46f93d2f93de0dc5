import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cdkJson from '../../cdk.json';
import { createLabApp, runLabApp } from '../../lib/cdk/app';
import { main } from '../../lib/cli/main';
import { LabInputError } from '../../lib/core/errors';
import { allLabs } from '../../lib/lab/catalogue';
import { LabToolkit } from '../../lib/operations/lab-toolkit';
import { RecordingProgress } from '../../lib/operations/progress';
import { allowedAccounts } from '../../lib/targets/aws-account';
import { isLoopbackEndpoint, LOCAL_ACCOUNT_ID } from '../../lib/targets/local-endpoint';
import { awsSession } from '../../lib/targets/session';
import { NO_ALLOWED_ACCOUNT } from '../../lib/targets/stack-account';
import {
  type ReceivedRequest,
  STAND_IN_ACCOUNT,
  STAND_IN_CREDENTIALS,
  type StandInSts,
  startStandInSts,
} from '../support/stand-in-sts';

// aws-cdk-lib prints its validation report (the annotations of a lab built as a user builds it) to
// stderr; what these tests check is in the assembly and the templates, and a green run prints nothing.
beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => {}));
afterEach(() => jest.restoreAllMocks());

// Item: the allow-list and the cost are enforced by the CDK app itself, so plain `cdk deploy`
// gets them too, not only `npx labs deploy`.

const ACCOUNT = STAND_IN_ACCOUNT;
const credentials = STAND_IN_CREDENTIALS;

let standIn: StandInSts;
let received: ReceivedRequest[];
let standInUrl: string;

let dir: string;
let emptyCdkJson: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-plain-cdk-'));
  emptyCdkJson = join(dir, 'cdk.json');
  writeFileSync(emptyCdkJson, JSON.stringify({ app: 'unused', context: {} }));
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

describe('createLabApp / runLabApp (what bin/app.ts runs under the CDK CLI)', () => {
  const props = (extra: Record<string, unknown> = {}) => ({
    outdir: mkdtempSync(join(dir, 'out-')),
    context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [], ...extra },
    builtinCloudFormationValidation: false,
  });

  test('an account that is not on the allow-list: refused before any stack is built, naming the account and the fix', () => {
    const env = { CDK_DEFAULT_ACCOUNT: '444455556666', CDK_DEFAULT_REGION: 'us-east-1' };
    let error: unknown;
    try {
      createLabApp(props(), { env, cdkJsonPath: emptyCdkJson });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LabInputError);
    expect((error as Error).message).toBe(
      "account 444455556666 (the account of your AWS credentials) is not on the kit's allow-list (empty): " +
        'to deploy labs there, add it to cdk.json ("context": { "labkit:allowedAccounts": ["444455556666"] }) ' +
        'or export LABKIT_ALLOWED_ACCOUNTS=444455556666',
    );
    // Another account listed does not let this one through.
    expect(() =>
      createLabApp(props(), { env: { ...env, LABKIT_ALLOWED_ACCOUNTS: ACCOUNT }, cdkJsonPath: emptyCdkJson }),
    ).toThrow(`is not on the kit's allow-list (${ACCOUNT})`);
  });

  test('a local target named while the credentials point at AWS (no AWS_ENDPOINT_URL) is checked too', () => {
    expect(() =>
      createLabApp(props({ 'labkit:target': 'ministack' }), {
        env: { CDK_DEFAULT_ACCOUNT: '444455556666' },
        cdkJsonPath: emptyCdkJson,
      }),
    ).toThrow(LabInputError);
  });

  test('an allowed account: synthesizes, then one line per lab with its hourly cost and expiry', () => {
    const lines: string[] = [];
    // Two labs show the line is per lab; each lab's own cost is tested in test/labs/<slug>.test.ts.
    const labs = ['lab-03', allLabs()[allLabs().length - 1].id];
    const assembly = runLabApp(props({ 'labkit:expiresAt': '2099-11-24T16:00:00Z', 'labkit:labs': labs }), {
      env: {
        CDK_DEFAULT_ACCOUNT: ACCOUNT,
        CDK_DEFAULT_REGION: 'eu-west-1',
        LABKIT_ALLOWED_ACCOUNTS: ACCOUNT,
      },
      cdkJsonPath: emptyCdkJson,
      log: (line) => lines.push(line),
    });
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(labs);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(labs);
    const lab03 = lines.find((line) => line.startsWith('lab-03 '));
    expect(lab03).toMatch(
      /^lab-03 on AWS account 111122223333 \(eu-west-1\): ~\$0\.0551\/hour while deployed.* \(plus usage; npx labs cost lab-03\), deletes itself at 2099-11-24T16:00:00Z \(-c labkit:ttl=90m\|none\)$/,
    );
  });

  test('an allowed account with -c labkit:ttl=none: the line says it never expires', () => {
    const lines: string[] = [];
    // One lab is enough here (the test above covers every lab's line).
    runLabApp(props({ 'labkit:ttl': 'none', 'labkit:labs': 'lab-04' }), {
      env: { CDK_DEFAULT_ACCOUNT: ACCOUNT, LABKIT_ALLOWED_ACCOUNTS: ACCOUNT },
      cdkJsonPath: emptyCdkJson,
      log: (line) => lines.push(line),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^lab-04 .*, NO expiry \(-c labkit:ttl=none\): it bills until npx cdk destroy lab-04$/,
    );
  });

  test('offline synth (no CDK_DEFAULT_ACCOUNT, as in CI): synthesizes, silently', () => {
    const lines: string[] = [];
    const assembly = runLabApp(props({ 'labkit:labs': 'lab-04' }), {
      env: {},
      cdkJsonPath: emptyCdkJson,
      log: (line) => lines.push(line),
    });
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['lab-04']);
    expect(lines).toEqual([]);
  });

  test('a local target (AWS_ENDPOINT_URL on loopback): no check, no cost lines', () => {
    const lines: string[] = [];
    const assembly = runLabApp(props({ 'labkit:labs': 'lab-04' }), {
      env: { CDK_DEFAULT_ACCOUNT: '000000000000', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
      cdkJsonPath: emptyCdkJson,
      log: (line) => lines.push(line),
    });
    expect(assembly.stacks.map((s) => s.stackName)).toEqual(['lab-04']);
    expect(lines).toEqual([]);
    // cdklocal with real-looking keys: LocalStack may report another account; still the emulator.
    expect(() =>
      createLabApp(props({ 'labkit:labs': 'lab-04' }), {
        env: { CDK_DEFAULT_ACCOUNT: '444455556666', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
        cdkJsonPath: emptyCdkJson,
      }),
    ).not.toThrow();
  });
});

describe('the assembly carries the allow-list (`cdk deploy|diff|destroy --app <dir>` never runs the app)', () => {
  const props = (extra: Record<string, unknown> = {}) => ({
    outdir: mkdtempSync(join(dir, 'out-')),
    // A fixed expiry: the default (4 hours from now) would differ between two synths.
    context: {
      ...cdkJson.context,
      'aws:cdk:bundling-stacks': [],
      'labkit:labs': 'lab-04',
      'labkit:expiresAt': '2099-11-24T16:00:00Z',
      ...extra,
    },
    builtinCloudFormationValidation: false,
  });
  const synth = (env: NodeJS.ProcessEnv, extra?: Record<string, unknown>) =>
    runLabApp(props(extra), { env, cdkJsonPath: emptyCdkJson, log: () => {} }).getStackByName('lab-04');

  test('each stack names the only account the CDK CLI may use it with; the template stays the same', () => {
    const offline = synth({});
    const allowed = synth({ CDK_DEFAULT_ACCOUNT: ACCOUNT, LABKIT_ALLOWED_ACCOUNTS: ACCOUNT });
    const local = synth({}, { 'labkit:target': 'ministack' });
    expect([offline, allowed, local].map((stack) => stack.environment.account)).toEqual([
      NO_ALLOWED_ACCOUNT,
      ACCOUNT,
      LOCAL_ACCOUNT_ID,
    ]);
    // Only the manifest differs: the template keeps Ref AWS::AccountId, whatever the account.
    expect(JSON.stringify(allowed.template)).not.toContain(ACCOUNT);
    expect(allowed.template).toEqual(offline.template);
    // The CLI's refusal quotes the pinned account: it must say what to do, and be no account id.
    expect(NO_ALLOWED_ACCOUNT).toMatch(/^[a-z-]*allowed-account$/);
  });

  test('an AWS_ENDPOINT_URL that is not on this machine is AWS: a local target there is checked too', () => {
    for (const account of ['444455556666', LOCAL_ACCOUNT_ID]) {
      expect(() =>
        createLabApp(props({ 'labkit:target': 'ministack' }), {
          env: { CDK_DEFAULT_ACCOUNT: account, AWS_ENDPOINT_URL: 'https://proxy.example.com:4566' },
          cdkJsonPath: emptyCdkJson,
        }),
      ).toThrow(`account ${account} (the account of your AWS credentials) is not on the kit's allow-list`);
    }
    expect(isLoopbackEndpoint('http://127.0.0.1.example.com:4566')).toBe(false);
    expect(isLoopbackEndpoint('http://localhost:4566/')).toBe(true);
  });
});

// Plain `cdk synth|deploy` as a process (the real CDK CLI running bin/app.ts against the stand-in):
// test/e2e/cli-processes.e2e.test.ts.

describe('labs deploy --target aws', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  test("the CLI's in-process synth (toolkit-lib) is not stopped by the app's check and prints no cost line of its own", async () => {
    // labs deploy checks the account through STS itself and prints the itemised cost; toolkit-lib
    // (resolveDefaultEnvironment: false) sets no CDK_DEFAULT_ACCOUNT, so the app neither checks nor prints.
    delete process.env.CDK_DEFAULT_ACCOUNT;
    delete process.env.AWS_ENDPOINT_URL;
    Object.assign(process.env, {
      ...credentials,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: standInUrl,
      LABKIT_ALLOWED_ACCOUNTS: ACCOUNT,
    });
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => {});
    const progress = new RecordingProgress();
    const labs = [allLabs()[allLabs().length - 1]];
    const toolkit = new LabToolkit({
      session: awsSession(ACCOUNT),
      progress,
      validation: false,
      bundling: false,
      labs,
    });
    try {
      const assembly = await toolkit.synth();
      expect(assembly.stacks.map((s) => s.stackName)).toEqual(labs.map((lab) => lab.id));
      // Built for the account the session checked through STS, so toolkit-lib deploys it only there.
      expect(assembly.stacks.map((s) => s.environment.account)).toEqual([ACCOUNT]);
    } finally {
      await toolkit.dispose();
      stderr.mockRestore();
    }
    const printed = [...stderr.mock.calls.map((call) => call.join(' ')), ...progress.lines];
    expect(printed.filter((line) => /on AWS account|allow-list/.test(line))).toEqual([]);
    expect(received).toEqual([]);
  });

  test('with an empty allow-list: one line saying how to add the account, before any network call', async () => {
    delete process.env.LABKIT_ALLOWED_ACCOUNTS;
    delete process.env.AWS_ENDPOINT_URL;
    Object.assign(process.env, {
      ...credentials,
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: standInUrl,
      AWS_ENDPOINT_URL_CLOUDFORMATION: standInUrl,
    });
    expect(allowedAccounts()).toEqual([]); // the project's cdk.json lists no account
    const out: string[] = [];
    const progress = new RecordingProgress();
    const code = await main(['deploy', 'lab-02', '--target', 'aws', '--yes'], {
      out: (line) => out.push(line),
      progress,
    });
    expect(code).toBe(1);
    expect(progress.lines).toEqual([
      "error: the kit's allow-list of AWS accounts is empty: to deploy labs to AWS, add your account id to cdk.json " +
        '("context": { "labkit:allowedAccounts": ["<account id>"] }) or export LABKIT_ALLOWED_ACCOUNTS=<account id> ' +
        '(aws sts get-caller-identity shows it)',
    ]);
    expect(out).toEqual([]);
    expect(received).toEqual([]);
  });
});
