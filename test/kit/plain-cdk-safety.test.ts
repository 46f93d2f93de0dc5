import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cdkJson from '../../cdk.json';
import { createLabApp, runLabApp } from '../../lib/app';
import { CATALOGUE } from '../../lib/catalogue';
import { main } from '../../lib/cli/main';
import { LabInputError } from '../../lib/errors';
import { LabToolkit } from '../../lib/operations/lab-toolkit';
import { RecordingProgress } from '../../lib/operations/progress';
import { PROJECT_ROOT } from '../../lib/paths';
import { allowedAccounts } from '../../lib/targets/aws-account';

// Item: the allow-list and the cost are enforced by the CDK app itself, so plain `cdk deploy`
// gets them too, not only `npx labs deploy`.

const ACCOUNT = '111122223333';
const IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  `<Arn>arn:aws:iam::${ACCOUNT}:user/student</Arn><UserId>AIDEXAMPLE</UserId><Account>${ACCOUNT}</Account>` +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

/** A request the stand-in got: the service named in its SigV4 credential scope, and the body. */
interface Received {
  readonly service: string;
  readonly body: string;
}

/**
 * A stand-in for AWS on loopback: answers STS GetCallerIdentity, records every request it gets,
 * and answers anything else with 500 (any such request is a failure of the tests below).
 */
let standIn: Server;
let standInUrl: string;
const received: Received[] = [];

let dir: string;
let emptyCdkJson: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-plain-cdk-'));
  emptyCdkJson = join(dir, 'cdk.json');
  writeFileSync(emptyCdkJson, JSON.stringify({ app: 'unused', context: {} }));
  standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const service = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(req.headers.authorization ?? '')?.[1];
      received.push({ service: service ?? `unsigned ${req.method} ${req.url}`, body });
      if (service === 'sts' && /Action=GetCallerIdentity/.test(body)) {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(IDENTITY);
      } else {
        res.writeHead(500).end('the stand-in answers STS GetCallerIdentity only');
      }
    });
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  standInUrl = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => standIn.close(resolve));
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
    const assembly = runLabApp(props({ 'labkit:expiresAt': '2099-11-24T16:00:00Z' }), {
      env: {
        CDK_DEFAULT_ACCOUNT: ACCOUNT,
        CDK_DEFAULT_REGION: 'eu-west-1',
        LABKIT_ALLOWED_ACCOUNTS: ACCOUNT,
      },
      cdkJsonPath: emptyCdkJson,
      log: (line) => lines.push(line),
    });
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(CATALOGUE.map((lab) => lab.id).sort());
    expect(lines.map((line) => line.split(' ')[0])).toEqual(CATALOGUE.map((lab) => lab.id));
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
      createLabApp(props(), {
        env: { CDK_DEFAULT_ACCOUNT: '444455556666', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' },
        cdkJsonPath: emptyCdkJson,
      }),
    ).not.toThrow();
  });
});

/** Runs the project's CDK CLI (what `npx cdk` runs) with credentials that the stand-in STS answers for. */
function cdk(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^(AWS_|CDK_|LABKIT_|JEST_|NODE_ENV$|HTTPS?_PROXY$|https?_proxy$)/.test(key),
    ),
  );
  const child = spawn(process.execPath, [require.resolve('aws-cdk/bin/cdk'), ...args, '--no-notices'], {
    cwd: PROJECT_ROOT,
    env: {
      ...clean,
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: join(dir, 'no-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      // Whatever else the CLI might call lands on the stand-in, which records it.
      AWS_ENDPOINT_URL_STS: standInUrl,
      AWS_ENDPOINT_URL_CLOUDFORMATION: standInUrl,
      AWS_ENDPOINT_URL_S3: standInUrl,
      AWS_ENDPOINT_URL_SSM: standInUrl,
      AWS_ENDPOINT_URL_ECR: standInUrl,
      AWS_ENDPOINT_URL_IAM: standInUrl,
      // A fresh CLI home: no cached account for these keys, so the CLI must ask the stand-in.
      CDK_HOME: mkdtempSync(join(dir, 'cdk-home-')),
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CDK_DISABLE_VERSION_CHECK: 'true',
      // The built-in template validation is not what is tested here (about 3 s).
      CDK_VALIDATION: 'false',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  // A CLI that goes on to deploy retries against the stand-in for minutes: stop it, and let the
  // assertions say what it did.
  const limit = setTimeout(() => child.kill('SIGKILL'), CDK_RUN_LIMIT_MS);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(limit);
      resolve({ code, stdout, stderr });
    }),
  );
}

const CDK_RUN_LIMIT_MS = 40_000;

const credentials = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLESTANDIN', AWS_SECRET_ACCESS_KEY: 'secret' };

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
    // (lib/cdk-cli-selection.ts), so no other lab is built, written or warned about.
    const out = join(dir, 'offline-out');
    const { code, stderr } = await cdk(['synth', 'lab-03', '--quiet', '-o', out], {});
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(readdirSync(out).filter((f) => f.endsWith('.template.json'))).toEqual(['lab-03.template.json']);
    expect(stderr).not.toMatch(/on AWS account|allow-list|lab-0[124]/);
    expect(received).toEqual([]);
  });
});

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
    Object.assign(process.env, { ...credentials, AWS_REGION: 'us-east-1', AWS_ENDPOINT_URL_STS: standInUrl });
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => {});
    const progress = new RecordingProgress();
    const labs = [CATALOGUE[CATALOGUE.length - 1]];
    const toolkit = new LabToolkit({ target: 'aws', progress, validation: false, bundling: false, labs });
    try {
      const assembly = await toolkit.synth();
      expect(assembly.cloudAssembly.stacks.map((s) => s.stackName)).toEqual(labs.map((lab) => lab.id));
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
