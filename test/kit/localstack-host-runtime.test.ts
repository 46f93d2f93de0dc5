/**
 * The runtime the kit's LocalStack executor starts for each function (issue 32), without LocalStack:
 * a stand-in executor endpoint records what the runtime reports, as LocalStack's would.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNTIME = join(
  __dirname,
  '..',
  '..',
  'lib',
  'targets',
  'localstack',
  'localstack_lab_host',
  'host_runtime.cjs',
);
const TOKEN = 'token-of-this-environment';

interface Report {
  readonly path: string;
  readonly token: string | undefined;
  readonly body: string;
}

let task: string;
let endpoint: Server;
let reports: Report[];
let waiters: (() => void)[];

beforeEach(async () => {
  task = mkdtempSync(join(tmpdir(), 'labkit-runtime-'));
  reports = [];
  waiters = [];
  endpoint = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const token = request.headers['x-labkit-runtime-token'];
      reports.push({
        path: request.url ?? '',
        token: typeof token === 'string' ? token : undefined,
        body: Buffer.concat(chunks).toString(),
      });
      response.writeHead(202).end();
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
});

afterEach(async () => {
  await new Promise<void>((resolve) => endpoint.close(() => resolve()));
  rmSync(task, { recursive: true, force: true });
});

/** Resolves once a report whose path ends with `suffix` has arrived. */
async function reported(suffix: string): Promise<Report> {
  for (;;) {
    const found = reports.find((r) => r.path.endsWith(suffix));
    if (found) return found;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

/** Starts the runtime for `handler` (the source of index.js) with a free port of its own. */
async function start(handler: string, timeoutSeconds = 3): Promise<{ child: ChildProcess; port: number }> {
  writeFileSync(join(task, 'index.js'), handler);
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const child = spawn(process.execPath, [RUNTIME], {
    env: {
      PATH: process.env.PATH,
      LAMBDA_TASK_ROOT: task,
      _HANDLER: 'index.handler',
      AWS_LAMBDA_FUNCTION_TIMEOUT: String(timeoutSeconds),
      LABKIT_INVOKE_PORT: String(port),
      LABKIT_RUNTIME_TOKEN: TOKEN,
      LOCALSTACK_RUNTIME_ID: 'env1',
      LOCALSTACK_RUNTIME_ENDPOINT: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/_localstack_lambda/env1`,
    },
    stdio: 'ignore',
  });
  await reported('/status/env1/ready');
  return { child, port };
}

/** What LocalStack's executor endpoint sends to /invoke. */
async function invoke(port: number, payload: unknown, requestId = 'r1'): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      'invoke-id': requestId,
      'invoked-function-arn': 'arn',
      payload: JSON.stringify(payload),
      'trace-id': 'Root=1',
    }),
  });
  return response.status;
}

test('reports ready, then each result with its logs; every report carries the token', async () => {
  const { child } = await start(
    `exports.handler = async (event) => { console.log('got', event.n); return { doubled: event.n * 2 }; };`,
  ).then(async (started) => {
    expect(await invoke(started.port, { n: 21 })).toBe(200);
    return started;
  });
  try {
    expect(JSON.parse((await reported('/invocations/r1/response')).body)).toEqual({ doubled: 42 });
    expect((await reported('/invocations/r1/logs')).body).toMatch(/INFO\\tgot 21/);
    expect(reports.map((r) => r.token)).toEqual(reports.map(() => TOKEN));
  } finally {
    child.kill();
  }
});

test('an error is reported with the name the handler threw (Step Functions retries on it)', async () => {
  const { child, port } = await start(
    `exports.handler = async () => { const e = new Error('provider down'); e.name = 'PaymentProviderUnavailable'; throw e; };`,
  );
  try {
    await invoke(port, {});
    expect(JSON.parse((await reported('/invocations/r1/error')).body)).toMatchObject({
      errorType: 'PaymentProviderUnavailable',
      errorMessage: 'provider down',
    });
  } finally {
    child.kill();
  }
});

test('a handler past its timeout is reported as Sandbox.Timedout and its environment ends', async () => {
  const { child, port } = await start(`exports.handler = () => new Promise(() => {});`, 1);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await invoke(port, {});
  expect(JSON.parse((await reported('/invocations/r1/error')).body)).toMatchObject({
    errorType: 'Sandbox.Timedout',
  });
  expect(await exited).toBe(3);
});

test('refuses what a web page could send: another path, another Host, or a body that is not JSON', async () => {
  const { child, port } = await start(`exports.handler = async () => 'ran';`);
  try {
    const plain = await fetch(`http://127.0.0.1:${port}/invoke`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    const other = await fetch(`http://127.0.0.1:${port}/other`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    const host = await fetch(`http://localhost:${port}/invoke`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect([plain.status, other.status, host.status]).toEqual([403, 403, 403]);
    expect(reports.filter((r) => r.path.includes('/invocations/'))).toEqual([]);
  } finally {
    child.kill();
  }
});
