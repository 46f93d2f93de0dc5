/**
 * The LocalStack host process, without LocalStack: its pins, its environment, and the request
 * guard as LocalStack's first handler (localstack_launcher.py, run by the system's python3 with a
 * stand-in handler chain). test/e2e/localstack.e2e.test.ts runs the real one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serviceNotEmulated } from '../../lib/operations/leftovers';
import { emulatorEnvironment, emulatorTmpDir } from '../../lib/targets/host/environment';
import {
  LOCALSTACK_LAUNCHER,
  LOCALSTACK_REQUIREMENTS,
  LOCALSTACK_VERSION,
  localStackPaths,
} from '../../lib/targets/localstack-host';

test('the requirements pin every package by version and sha256, LocalStack at LOCALSTACK_VERSION', () => {
  const entries = readFileSync(LOCALSTACK_REQUIREMENTS, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  expect(entries.length).toBeGreaterThan(100);
  for (const entry of entries) expect(entry).toMatch(/^[A-Za-z0-9._-]+==\S+ +--hash=sha256:[0-9a-f]{64}/);
  expect(entries).toContainEqual(expect.stringMatching(/^localstack-core==4\.13\.1 /));
  expect(LOCALSTACK_VERSION).toBe('4.13.1');
});

test("the environment: loopback, no container assumptions, no downloads, none of the user's credentials", () => {
  const root = mkdtempSync(join(tmpdir(), 'labkit-localstack-'));
  try {
    const paths = localStackPaths(root, 4661);
    const env = emulatorEnvironment(4661, paths, {
      PATH: '/usr/bin',
      HOME: '/home/learner',
      AWS_ACCESS_KEY_ID: 'AKIAUSERKEY',
      AWS_SECRET_ACCESS_KEY: 'user-secret',
      AWS_SESSION_TOKEN: 'user-session',
      AWS_PROFILE: 'prod',
      LOCALSTACK_AUTH_TOKEN: 'user-token',
    });
    expect(env).toMatchObject({
      GATEWAY_LISTEN: '127.0.0.1:4661',
      LOCALSTACK_HOST: '127.0.0.1:4661',
      OVERRIDE_IN_DOCKER: '0',
      FILESYSTEM_ROOT: emulatorTmpDir(paths, 4661),
      TMPDIR: emulatorTmpDir(paths, 4661),
      DNS_ADDRESS: '0',
      DISABLE_EVENTS: '1',
      SKIP_SSL_CERT_DOWNLOAD: '1',
      PROVIDER_OVERRIDE_DYNAMODB: 'moto',
      LAMBDA_RUNTIME_EXECUTOR: 'labhost',
      LAMBDA_EVENT_SOURCE_MAPPING_POLL_INTERVAL_SEC: '0.1',
      LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_EMPTY_POLL_SEC: '1',
      LAMBDA_EVENT_SOURCE_MAPPING_MAX_BACKOFF_ON_ERROR_SEC: '5',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
    });
    expect(Object.values(env).join('\n')).not.toMatch(/AKIAUSERKEY|user-secret|user-session|prod|user-token/);
    expect(paths.log).toBe(join(root, 'localstack', 'localstack-4661.log'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("the guard is LocalStack's first request handler: refuses a foreign Origin or Host and unsigned writes, passes SDK requests and the host functions' reports", () => {
  const code = `
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, ${JSON.stringify(join(LOCALSTACK_LAUNCHER, '..'))})
from localstack_launcher import guard_handler
import lambda_runtime_tokens
lambda_runtime_tokens.register("live-token")

class Request:
    def __init__(self, method, headers, query, path="/"):
        self.method, self.headers, self.path = method, dict(headers), path
        self.query_string = query.encode()  # bytes, as werkzeug's

class Context:
    def __init__(self, request):
        self.request = request

class Chain:
    responded = None
    def respond(self, status, payload, headers):
        self.responded = status

out = []
for method, headers, query, *path in json.loads(sys.argv[1]):
    chain = Chain()
    guard_handler(chain, Context(Request(method, headers, query, *path)), None)
    out.append(chain.responded)
print(json.dumps(out))`;
  const host = ['Host', '127.0.0.1:4660'];
  const signed = ['Authorization', 'AWS4-HMAC-SHA256 Credential=test/20261207/us-east-1/sqs/aws4_request'];
  const cases = [
    ['POST', [host, signed], ''],
    ['GET', [host, ['Origin', 'https://evil.example']], ''],
    ['GET', [['Host', 'attacker.example']], ''],
    ['OPTIONS', [host, ['Access-Control-Request-Method', 'POST']], ''],
    // An old browser's form POST, and an <img> GET of a query API that writes: unsigned.
    ['POST', [host, ['Content-Type', 'text/plain']], ''],
    ['GET', [host], 'Action=CreateQueue&QueueName=q'],
    ['GET', [host], 'Action=ListQueues'],
    // A function of the host executor reporting back: admitted with a live token only (issue 32).
    [
      'POST',
      [host, ['x-labkit-runtime-token', 'live-token']],
      '',
      '/_localstack_lambda/e1/invocations/r1/response',
    ],
    [
      'POST',
      [host, ['x-labkit-runtime-token', 'stale-token']],
      '',
      '/_localstack_lambda/e1/invocations/r1/response',
    ],
    ['POST', [host, ['x-labkit-runtime-token', 'live-token']], '', '/_aws/sqs/messages'],
  ];
  const responded = JSON.parse(
    execFileSync('python3', ['-c', code, JSON.stringify(cases)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as (number | null)[];
  expect(responded).toEqual([null, 403, 403, 403, 403, 403, null, null, 403, 403]);
});

test('the leftover scan treats a service the emulator does not have as empty, and nothing else', () => {
  const localstack = new Error(
    'The API for service elbv2 is either not included in your current license plan or has not yet been emulated by LocalStack.',
  );
  expect(serviceNotEmulated(localstack)).toBe(true);
  expect(serviceNotEmulated(new Error('AccessDenied: not authorized to perform elasticloadbalancing'))).toBe(
    false,
  );
  expect(serviceNotEmulated(undefined)).toBe(false);
});
