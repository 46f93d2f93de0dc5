/**
 * The MiniStack host process the kit starts, for real: what its Lambda functions see, what its
 * endpoint refuses, concurrent starts, and installs. Uses LABKIT_EMULATOR_PORT (set it to a spare
 * port, e.g. 4571) and the shared venv under .labs/ministack/.
 *
 *   LABKIT_EMULATOR_PORT=4571 npx jest --config jest.e2e.config.js test/e2e/emulator-host.e2e.test.ts
 */
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32 } from 'node:zlib';
import { CreateRoleCommand, DeleteRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { PROJECT_ROOT, STATE_DIR } from '../../lib/core/paths';
import { emulatorPort, localClientConfig } from '../../lib/targets/local-endpoint';
import {
  emulatorTmpDir,
  installMiniStack,
  MINISTACK_LAUNCHER,
  miniStackPaths,
  refusesWebPages,
  requirementsHash,
  startEmulator,
  stopEmulator,
  venvState,
} from '../../lib/targets/ministack-host';

const execFileAsync = promisify(execFile);
const port = emulatorPort();
const paths = miniStackPaths(STATE_DIR, port);
const mode = (path: string) => statSync(path).mode & 0o777;

/** A zip holding one stored (uncompressed) file: enough for Lambda's inline ZipFile. */
function zipOne(name: string, content: string): Uint8Array {
  const data = Buffer.from(content);
  const file = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(file.length, 28);
  const centralOffset = local.length + file.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, file, data, central, file, end]);
}

/** A raw HTTP request to the emulator (fetch cannot set Host or Origin freely). */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const lambda = new LambdaClient(localClientConfig());
const FAKE_USER_SECRETS = {
  AWS_ACCESS_KEY_ID: 'AKIAUSERREALKEY00000',
  AWS_SECRET_ACCESS_KEY: 'user-real-secret-access-key',
  AWS_SESSION_TOKEN: 'user-real-session-token',
  AWS_PROFILE: 'user-sso-profile',
};

beforeAll(async () => {
  // Nothing of ours may already run on this port: the tests start and stop it.
  await stopEmulator(() => {}, paths);
  const saved = { ...process.env };
  Object.assign(process.env, FAKE_USER_SECRETS);
  try {
    const started = await startEmulator((line) => process.stderr.write(`${line}\n`), { paths });
    expect(started.startedByKit).toBe(true);
    process.stderr.write(`emulator healthy after ${started.startSeconds.toFixed(2)} s\n`);
  } finally {
    for (const key of Object.keys(FAKE_USER_SECRETS)) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}, 180_000);

afterAll(async () => {
  lambda.destroy();
  await stopEmulator(() => {}, paths);
  // labs down leaves none of the function code the emulator unpacked.
  expect(existsSync(emulatorTmpDir(paths, port))).toBe(false);
});

describe('Lambda functions the emulator runs', () => {
  test("see none of the user's credentials or profile, and run on the Node their runtime declares", async () => {
    const FunctionName = 'labkit-env-probe';
    // Under AUTH=true the role must exist: the function runs with its credentials.
    const iam = new IAMClient(localClientConfig());
    const role = await iam.send(
      new CreateRoleCommand({
        RoleName: 'labkit-env-probe',
        AssumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        }),
      }),
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: 'nodejs24.x',
        Role: role.Role?.Arn,
        Handler: 'index.handler',
        Code: {
          ZipFile: zipOne(
            'index.js',
            'exports.handler = async () => ({ env: process.env, node: process.version });',
          ),
        },
      }),
    );
    try {
      const out = await lambda.send(new InvokeCommand({ FunctionName }));
      const payload = Buffer.from(out.Payload ?? []).toString('utf8');
      expect(out.FunctionError).toBeUndefined();
      const { env, node } = JSON.parse(payload) as { env: Record<string, string>; node: string };
      // nodejs24.x: MiniStack runs the first node on its PATH, which the kit makes a Node 24.
      expect(node).toMatch(/^v24\./);
      expect(env.AWS_LAMBDA_FUNCTION_NAME).toBe(FunctionName);
      for (const secret of Object.values(FAKE_USER_SECRETS)) expect(payload).not.toContain(secret);
      expect(env.AWS_PROFILE).toBeUndefined();
      // The function's own role's session, never the kit's root key `test`.
      expect(env.AWS_ACCESS_KEY_ID).not.toBe('test');
      expect(env.AWS_SESSION_TOKEN).toBeTruthy();
      // Function code and its temporary files live in the emulator's private directory.
      expect(env.TMPDIR).toBe(emulatorTmpDir(paths, port));
    } finally {
      await lambda.send(new DeleteFunctionCommand({ FunctionName }));
      await iam.send(new DeleteRoleCommand({ RoleName: 'labkit-env-probe' }));
      iam.destroy();
    }
  });
});

describe('the endpoint refuses what a web page can send', () => {
  const forgedCreate = JSON.stringify({
    FunctionName: 'forged-by-a-web-page',
    Runtime: 'nodejs24.x',
    Role: 'arn:aws:iam::000000000000:role/x',
    Handler: 'index.handler',
    Code: { ZipFile: Buffer.from(zipOne('index.js', 'exports.handler = async () => 1;')).toString('base64') },
  });

  test('a text/plain POST from another origin creating a function: 403, no function', async () => {
    const res = await send(
      'POST',
      '/2015-03-31/functions',
      { 'Content-Type': 'text/plain', Origin: 'https://evil.example', Host: `127.0.0.1:${port}` },
      forgedCreate,
    );
    expect(res.status).toBe(403);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.body).toMatch(/Origin 'https:\/\/evil.example' is not a loopback origin/);
    await expect(
      lambda.send(new GetFunctionCommand({ FunctionName: 'forged-by-a-web-page' })),
    ).rejects.toThrow();
  });

  test("an old browser's form (text/plain POST, no Origin, no Sec-Fetch-Site, no Authorization) creating a function: 403, no function", async () => {
    const res = await send(
      'POST',
      '/2015-03-31/functions',
      { 'Content-Type': 'text/plain', Host: `127.0.0.1:${port}` },
      forgedCreate,
    );
    expect(res.status).toBe(403);
    expect(res.body).toMatch(
      /^refused by the lab kit's emulator guard: POST \/2015-03-31\/functions changes state and carries no AWS SigV4 signature .+\n$/,
    );
    await expect(
      lambda.send(new GetFunctionCommand({ FunctionName: 'forged-by-a-web-page' })),
    ).rejects.toThrow();
  });

  test('an <img> GET of a query API that writes (CreateQueue): 403, no queue; a GET that reads passes the guard', async () => {
    const host = { Host: `127.0.0.1:${port}` };
    const res = await send('GET', '/?Action=CreateQueue&QueueName=forged-by-an-img', host);
    expect(res.status).toBe(403);
    const sqs = new SQSClient(localClientConfig());
    try {
      const queues = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'forged-by-an-img' }));
      expect(queues.QueueUrls ?? []).toEqual([]);
    } finally {
      sqs.destroy();
    }
    // The guard lets an unsigned read through; MiniStack (AUTH=true) refuses it as anonymous.
    const read = await send('GET', '/?Action=ListQueues', host);
    expect(read.body).not.toMatch(/refused by the lab kit's emulator guard/);
    expect(read.body).toMatch(/<Code>AccessDenied<\/Code>/);
  });

  test('a presigned S3 PUT (no Authorization header, the signature in the query) still writes', async () => {
    const s3 = new S3Client({ ...localClientConfig(), forcePathStyle: true });
    const Bucket = 'labkit-guard-presigned';
    try {
      await s3.send(new CreateBucketCommand({ Bucket }));
      const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'k' }), { expiresIn: 60 });
      const put = await fetch(url, { method: 'PUT', body: 'presigned' });
      expect(put.status).toBe(200);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
      expect(await got.Body?.transformToString()).toBe('presigned');
    } finally {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' })).catch(() => {});
      await s3.send(new DeleteBucketCommand({ Bucket })).catch(() => {});
      s3.destroy();
    }
  });

  test('Origin: null, DNS rebinding Host, preflight, Sec-Fetch-Site: cross-site: 403', async () => {
    const local = `127.0.0.1:${port}`;
    const cases: [string, Record<string, string>][] = [
      ['POST', { Host: local, Origin: 'null', 'Content-Type': 'text/plain' }],
      ['GET', { Host: `evil.example:${port}` }],
      ['OPTIONS', { Host: local, Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' }],
      ['OPTIONS', { Host: local, 'Access-Control-Request-Method': 'POST' }],
      ['GET', { Host: local, 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Mode': 'no-cors' }],
    ];
    for (const [method, headers] of cases) {
      const res = await send(method, '/?Action=ListQueues', headers);
      expect({ method, headers, status: res.status }).toEqual({ method, headers, status: 403 });
      expect(res.body).toMatch(/^refused by the lab kit's emulator guard: .+\n$/);
    }
  });

  test('SDK calls, loopback origins and MiniStack host routing still work', async () => {
    await expect(lambda.send(new ListFunctionsCommand({}))).resolves.toBeDefined();
    const sqs = new SQSClient(localClientConfig());
    await expect(sqs.send(new ListQueuesCommand({}))).resolves.toBeDefined();
    sqs.destroy();
    const loopbackRequests: Record<string, string>[] = [
      { Host: `localhost:${port}`, Origin: `http://localhost:${port}` },
      { Host: `missing.alb.localhost:${port}` },
      { Host: `abc123.execute-api.localhost:${port}` },
      { Host: `s3.localhost.localstack.cloud:${port}` },
    ];
    for (const headers of loopbackRequests) {
      const res = await send('GET', '/_ministack/health', headers);
      expect({ headers, status: res.status }).not.toEqual({ headers, status: 403 });
    }
    const alb = await send('GET', '/_alb/missing/', { Host: `127.0.0.1:${port}` });
    expect(alb.status).not.toBe(403);
    expect(await refusesWebPages()).toBe(true);
  });

  test('the emulator listens on one loopback port only', () => {
    const pid = Number(readFileSync(paths.pidFile, 'utf8'));
    const listening = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(`pid=${pid},`));
    expect(listening).toHaveLength(1);
    expect(listening[0]).toContain(`127.0.0.1:${port}`);
  });
});

describe('state files', () => {
  test('.labs/ and .labs/ministack/ are 0700, the pid file and log 0600', () => {
    expect(mode(STATE_DIR)).toBe(0o700);
    expect(mode(paths.dir)).toBe(0o700);
    expect(mode(paths.pidFile)).toBe(0o600);
    expect(mode(paths.log)).toBe(0o600);
  });
});

describe('concurrent starts', () => {
  test('two processes starting at once: one emulator, both healthy, the pid file names it', async () => {
    await stopEmulator(() => {}, paths);
    const script = `
      const { startEmulator } = require(${JSON.stringify(join(PROJECT_ROOT, 'lib/targets/ministack-host.ts'))});
      startEmulator(() => {}).then(
        (r) => process.stdout.write(JSON.stringify({ kind: r.probe.kind, startedByKit: r.startedByKit, pid: r.pid })),
        (error) => { process.stderr.write(String(error)); process.exit(1); });`;
    const child = () =>
      execFileAsync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: PROJECT_ROOT,
        env: process.env,
      });
    const results = (await Promise.all([child(), child()])).map(
      (out) => JSON.parse(out.stdout) as { kind: string; startedByKit: boolean; pid?: number },
    );
    expect(results.map((r) => r.kind)).toEqual(['ministack', 'ministack']);
    expect(results.filter((r) => r.startedByKit)).toHaveLength(1);
    const pid = Number(readFileSync(paths.pidFile, 'utf8'));
    expect(results.map((r) => r.pid)).toEqual([pid, pid]);
    const emulators = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes(MINISTACK_LAUNCHER) && line.includes(`--port ${port}`));
    expect(emulators.map((line) => Number(line.trim().split(/\s+/)[0]))).toEqual([pid]);
  }, 180_000);
});

describe('installs', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ministack-install-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('a half-built venv (python, no pip) is rebuilt and works', async () => {
    const temp = miniStackPaths(root, port);
    execFileSync('python3', ['-m', 'venv', '--without-pip', temp.venv]);
    expect(venvState(temp)).toBe('broken');
    await installMiniStack(() => {}, temp);
    expect(venvState(temp)).toBe('ready');
  }, 300_000);

  test('a venv installed the old way (no stamp) is upgraded to the pinned set', async () => {
    const temp = miniStackPaths(root, port);
    cpSync(paths.venv, temp.venv, { recursive: true, verbatimSymlinks: true });
    rmSync(temp.stamp, { force: true });
    expect(venvState(temp)).toBe('outdated');
    await installMiniStack(() => {}, temp);
    expect(readFileSync(temp.stamp, 'utf8').trim()).toBe(requirementsHash());
    const frozen = execFileSync(temp.python, ['-m', 'pip', 'freeze'], { encoding: 'utf8' });
    expect(frozen).toMatch(/^cbor2==6\.3\.0$/m);
    expect(frozen).toMatch(/^botocore==1\.43\.106$/m);
    expect(existsSync(temp.python)).toBe(true);
  }, 300_000);
});
