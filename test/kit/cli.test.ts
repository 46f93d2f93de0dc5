import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../lib/cli/main';
import { allLabs } from '../../lib/lab/catalogue';
import { RecordingProgress } from '../../lib/operations/progress';

const KNOWN = allLabs()
  .map((lab) => lab.id)
  .join(', ');

/** Runs the CLI in-process and returns its exit code, stdout lines and stderr lines. */
async function labs(...argv: string[]) {
  const out: string[] = [];
  const progress = new RecordingProgress();
  const code = await main(argv, { out: (line) => out.push(line), progress });
  return { code, out, err: progress.lines };
}

let freePort: number;
let notAnEmulator: Server;

beforeAll(async () => {
  // A port where nothing listens, and one held by a web server that is not an emulator.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  freePort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  notAnEmulator = createServer((_req, res) => res.writeHead(404).end('nope'));
  await new Promise<void>((resolve) => notAnEmulator.listen(0, '127.0.0.1', resolve));
});

afterAll(() => notAnEmulator.close());
afterEach(() => {
  delete process.env.LABKIT_EMULATOR_PORT;
});

test('list shows every lab with its support on each target', async () => {
  const { code, out } = await labs('list');
  expect(code).toBe(0);
  expect(out[0]).toMatch(/^lab +title +aws +ministack +localstack/);
  expect(out.filter((line) => /^lab-\d\d /.test(line)).map((line) => line.split(' ')[0])).toEqual(
    allLabs().map((lab) => lab.id),
  );
});

test('no command prints the usage and fails; --help succeeds', async () => {
  expect((await labs()).code).toBe(1);
  const help = await labs('--help');
  expect(help.code).toBe(0);
  expect(help.out.join('\n')).toMatch(/deploy <lab\.\.\.\|--all>/);
});

test.each([
  [['frob'], 'error: unknown command "frob"; run npx labs --help'],
  [['deploy', 'lab-99'], `error: Unknown lab "lab-99". Known labs: ${KNOWN}.`],
  [['deploy'], `error: deploy: name at least one lab (${KNOWN}) or --all`],
  [['destroy', 'lab-02', '--all'], 'error: destroy: give lab ids or --all, not both'],
  [
    ['deploy', 'lab-02', '--target', 'mars'],
    'error: --target mars is not a target; use one of: aws, ministack, localstack',
  ],
  [['deploy', 'lab-02', '--timeout', 'soon'], 'error: --timeout soon is not a positive number of minutes'],
  [['status', 'lab-02'], 'error: status takes no lab ids (got lab-02)'],
])('bad input %j gets one clear line and exit 1', async (argv, message) => {
  const { code, err, out } = await labs(...argv);
  expect(code).toBe(1);
  expect(err).toEqual([message]);
  expect(out).toEqual([]);
});

test('an unknown option says so', async () => {
  const { code, err } = await labs('list', '--colour');
  expect(code).toBe(1);
  expect(err).toEqual(['error: list does not take --colour: npx labs list --help lists what it takes']);
});

test('verify without a running emulator says how to start one', async () => {
  process.env.LABKIT_EMULATOR_PORT = String(freePort);
  const { code, err } = await labs('verify', 'lab-02');
  expect(code).toBe(1);
  expect(err).toEqual([
    `error: no emulator answers on http://127.0.0.1:${freePort}: start it with: npx labs up`,
  ]);
});

test('a port held by something else is refused, not used', async () => {
  const port = (notAnEmulator.address() as AddressInfo).port;
  process.env.LABKIT_EMULATOR_PORT = String(port);
  const { code, err } = await labs('deploy', 'lab-02');
  expect(code).toBe(1);
  expect(err[0]).toMatch(
    new RegExp(
      `^error: http://127.0.0.1:${port} is held by something that is not an emulator .*LABKIT_EMULATOR_PORT`,
    ),
  );
});

test('destroy and status without an emulator do not start one', async () => {
  process.env.LABKIT_EMULATOR_PORT = String(freePort);
  expect((await labs('destroy', 'lab-02')).err[0]).toMatch(/no emulator answers/);
  const status = await labs('status');
  expect(status.code).toBe(0);
  expect(status.out).toEqual([
    `emulator: nothing on http://127.0.0.1:${freePort}`,
    'deployed labs: unknown (no emulator running; start one with: npx labs up)',
  ]);
});

test('doctor checks each prerequisite and gives a fix for each one that is missing', async () => {
  process.env.LABKIT_EMULATOR_PORT = String(freePort);
  const { out } = await labs('doctor');
  const checks = out.filter((line) => !line.startsWith('       fix: '));
  expect(checks.map((line) => /^\[(ok|--|MISSING)\]\s+([a-z ]+):/.exec(line)?.[2])).toEqual([
    'node',
    'lambda node',
    'python',
    'ministack',
    'ministack patches',
    'localstack',
    'docker',
    'emulator',
    'bootstrap',
    'aws credentials',
  ]);
  out.forEach((line, i) => {
    if (!line.startsWith('[ok]') && !line.startsWith('       fix: '))
      expect(out[i + 1]).toMatch(/^ {7}fix: \S/);
  });
});

test('cost and diagram print one lab, and say so when none or several are named', async () => {
  const cost = await labs('cost', 'lab-03');
  expect(cost.code).toBe(0);
  expect(cost.out.join('\n')).toMatch(/\| \*\*Total while deployed\*\* \| \| \| \*\*\$0\.0551\*\*/);
  const diagram = await labs('diagram', 'lab-02');
  expect(diagram.out.join('\n')).toMatch(/^```mermaid\nflowchart LR\n[\s\S]*```$/);
  expect((await labs('cost')).err).toEqual(['error: cost: name one lab, for example npx labs cost lab-03']);
  expect((await labs('diagram', 'lab-01', 'lab-02')).err).toEqual([
    'error: diagram: name one lab, for example npx labs diagram lab-02',
  ]);
});

describe('the aws target refuses before anything is created', () => {
  const saved = { ...process.env };
  let fakeSts: Server;
  let stsUrl: string;
  let stsRequests = 0;

  beforeAll(async () => {
    // A stand-in for STS GetCallerIdentity (no emulator in the unit layer): which account the keys are.
    fakeSts = createServer((_req, res) => {
      stsRequests++;
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            '<Arn>arn:aws:iam::111122223333:user/student</Arn><UserId>AIDEXAMPLE</UserId>' +
            '<Account>111122223333</Account></GetCallerIdentityResult>' +
            '<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
        );
    });
    await new Promise<void>((resolve) => fakeSts.listen(0, '127.0.0.1', resolve));
    stsUrl = `http://127.0.0.1:${(fakeSts.address() as AddressInfo).port}`;
  });
  afterAll(() => fakeSts.close());
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  function withCredentials(allowed?: string) {
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'us-east-1',
      AWS_ENDPOINT_URL_STS: stsUrl,
    });
    if (allowed) process.env.LABKIT_ALLOWED_ACCOUNTS = allowed;
    else delete process.env.LABKIT_ALLOWED_ACCOUNTS;
  }

  test('without credentials', async () => {
    for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE', 'AWS_SESSION_TOKEN']) {
      delete process.env[key];
    }
    Object.assign(process.env, {
      AWS_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_EC2_METADATA_DISABLED: 'true',
      // A listed account, so the credentials are what is missing (an empty list is refused first).
      LABKIT_ALLOWED_ACCOUNTS: '111122223333',
    });
    const { code, err } = await labs('deploy', 'lab-03', '--target', 'aws');
    expect(code).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(
        /^error: no usable AWS credentials \(.*\): run aws configure or aws sso login, or drop --target aws to use the local emulator$/,
      ),
    ]);
  });

  test('with an empty allow-list: refused before asking AWS anything', async () => {
    withCredentials();
    stsRequests = 0;
    const { code, err } = await labs('deploy', 'lab-03', '--target', 'aws');
    expect(code).toBe(1);
    expect(err).toEqual([
      "error: the kit's allow-list of AWS accounts is empty: to deploy labs to AWS, add your account id to cdk.json " +
        '("context": { "labkit:allowedAccounts": ["<account id>"] }) or export LABKIT_ALLOWED_ACCOUNTS=<account id> ' +
        '(aws sts get-caller-identity shows it)',
    ]);
    expect(stsRequests).toBe(0);
  });

  test('in the wrong account', async () => {
    withCredentials('444455556666');
    const { err } = await labs('destroy', 'lab-03', '--target', 'aws');
    expect(err[0]).toMatch(/^error: account 111122223333 .* is not on the kit's allow-list \(444455556666\)/);
  });

  test('allowed: the hourly cost comes first, then a confirmation a script must give with --yes', async () => {
    withCredentials('111122223333');
    const { code, out, err } = await labs('deploy', 'lab-03', '--target', 'aws', '--ttl', '2h');
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(
      /lab-03 on AWS costs, while deployed:[\s\S]*\*\*Total while deployed\*\* \| \| \| \*\*\$0\.0551\*\*/,
    );
    expect(out.join('\n')).toMatch(
      /expiry: \d{4}-\d\d-\d\dT[\d:.]+Z \(the stacks delete themselves then; --ttl to change\)/,
    );
    expect(err.at(-1)).toMatch(
      /^error: Deploy lab-03 to AWS account 111122223333 .*: not confirmed \(no terminal\); add --yes to confirm in a script$/,
    );
  });

  test('--ttl none says the lab bills until destroyed', async () => {
    withCredentials('111122223333');
    const { out } = await labs('deploy', 'lab-02', '--target', 'aws', '--ttl', 'none');
    expect(out).toContain('expiry: none (--ttl none): these labs bill until you destroy them');
  });

  test('a bad --ttl is refused before anything else', async () => {
    expect((await labs('deploy', 'lab-03', '--ttl', 'forever')).err).toEqual([
      'error: --ttl forever is not a time to live: use hours or minutes between 1m and 168h (4h, 90m), or none',
    ]);
  });
});
