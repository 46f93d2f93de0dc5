/**
 * LocalStack, proven: the kit's own LocalStack host process (pinned 4.13.1, installed into
 * `.labs/localstack/venv`, see lib/targets/localstack-host.ts) on its own port, and for every lab
 * whose catalogue claims LocalStack support: deploy, run its experiments, destroy, scan for leftovers.
 * The support level each lab claims must be what ran: `full` when no experiment was skipped there,
 * `partial` when some were (each skip says why).
 *
 * Port: LABKIT_LOCALSTACK_PORT, default 4660 (not LocalStack's usual 4566, which the MiniStack
 * e2e run and a user's container use). A LocalStack already answering there is used as it is.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get as httpGet, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { GetFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PROJECT_ROOT } from '../../lib/core/paths';
import { synthesizeLabTemplate } from '../../lib/docs/lab-template';
import { experimentsOf } from '../../lib/experiments/registry';
import { type ExperimentResult, formatResult, runExperiments } from '../../lib/experiments/runner';
import { allLabs, type LabDefinition } from '../../lib/lab/catalogue';
import { LabToolkit } from '../../lib/operations/lab-toolkit';
import type { ProgressReporter } from '../../lib/operations/progress';
import { stepsFor } from '../../lib/targets/compatibility';
import { type EmulatorStart, stopHostEmulator } from '../../lib/targets/host/lifecycle';
import { refusesWebPages } from '../../lib/targets/host/readiness';
import { emulatorUrl, localClientConfig } from '../../lib/targets/local-endpoint';
import { localStackPaths } from '../../lib/targets/localstack-host';
import { startEmulator } from '../../lib/targets/ministack-host';
import { sessionFor } from '../../lib/targets/session';
import { miswiredChecks, miswiredVerdict, runMiswired } from '../support/miswiring';

const PORT = process.env.LABKIT_LOCALSTACK_PORT ?? '4660';
const savedPort = process.env.LABKIT_EMULATOR_PORT;
process.env.LABKIT_EMULATOR_PORT = PORT;

const log: string[] = [];
const progress: ProgressReporter = { line: (text) => log.push(text), status: () => {} };
const target = 'localstack';
const labsHere: LabDefinition[] = allLabs().filter((lab) => lab.support[target].level !== 'none');
const say = (line: string) => process.stderr.write(`${line}\n`);

// A credential of "the user" that must never reach the emulator process.
const USER_SECRET = 'user-secret-that-must-not-reach-localstack';

let emulator: EmulatorStart;
let toolkit: LabToolkit;

beforeAll(async () => {
  const started = Date.now();
  const saved = process.env.AWS_SECRET_ACCESS_KEY;
  process.env.AWS_SECRET_ACCESS_KEY = USER_SECRET;
  try {
    emulator = await startEmulator((line) => say(`${((Date.now() - started) / 1000).toFixed(1)} s ${line}`), {
      paths: localStackPaths(),
    });
  } finally {
    if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    else process.env.AWS_SECRET_ACCESS_KEY = saved;
  }
  say(
    `LocalStack ${emulator.probe.kind === 'localstack' ? emulator.probe.version : '?'} on ${emulatorUrl()}: ` +
      `${emulator.startedByKit ? `install + start ${((Date.now() - started) / 1000).toFixed(1)} s (start alone ${emulator.startSeconds.toFixed(1)} s)` : 'already running'}`,
  );
  expect(emulator.probe.kind).toBe(target);
  toolkit = new LabToolkit({ session: sessionFor(target), progress, validation: false });
  await toolkit.synth();
  const bootstrapStarted = Date.now();
  await toolkit.bootstrapIfNeeded();
  say(`bootstrap ${((Date.now() - bootstrapStarted) / 1000).toFixed(1)} s`);
});

afterAll(async () => {
  await toolkit?.dispose();
  if (emulator?.startedByKit) await stopHostEmulator(() => {}, localStackPaths());
  if (savedPort === undefined) delete process.env.LABKIT_EMULATOR_PORT;
  else process.env.LABKIT_EMULATOR_PORT = savedPort;
});

afterEach(() => {
  if (log.length > 0) say(log.splice(0).join('\n'));
});

/** A zip holding index.js (`exports.handler = async () => 1;`), base64, as Lambda's JSON API takes it. */
const ONE_FILE_ZIP =
  'UEsDBBQAAAAAADdqh13Vz+jyIQAAACEAAAAIAAAAaW5kZXguanNleHBvcnRzLmhhbmRsZXIgPSBhc3luYyAoKSA9PiAxOwpQSwECFAMUAAAAAAA3aodd1c/o8iEAAAAhAAAACAAAAAAAAAAAAAAAgAEAAAAAaW5kZXguanNQSwUGAAAAAAEAAQA2AAAARwAAAAAA';

/** A raw HTTP request (fetch may not set Host), as a web page's would be. */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${emulatorUrl()}${path}`, { method, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Local addresses (hex, as in /proc/net/tcp) that listen on `port`. */
function listenersOn(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    .map((fields) => fields[1].split(':')[0]);
}

describe("the kit's LocalStack host process has the host protections", () => {
  const kitOnly = () => {
    if (!emulator.startedByKit)
      say('LocalStack was already running (not started by the kit): checks skipped');
    return emulator.startedByKit;
  };

  test('refuses requests a web page can send (foreign Origin, non-loopback Host), serves SDK requests', async () => {
    if (!kitOnly()) return;
    expect(await refusesWebPages(emulatorUrl())).toBe(true);
    // fetch() may not set Host (a forbidden header): a plain HTTP request, as a rebound page's would be.
    const rebound = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpGet(
        `${emulatorUrl()}/_localstack/health`,
        { headers: { Host: 'attacker.example' } },
        (response) => {
          let body = '';
          response.on('data', (chunk) => {
            body += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        },
      );
      request.on('error', reject);
    });
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain("refused by the lab kit's emulator guard");
    const plain = await fetch(`${emulatorUrl()}/_localstack/health`);
    expect(plain.status).toBe(200);
  });

  test("refuses an old browser's unsigned writes: a text/plain form POST creating a function, an <img> CreateQueue", async () => {
    if (!kitOnly()) return;
    const host = `127.0.0.1:${PORT}`;
    const form = JSON.stringify({
      FunctionName: 'forged-by-a-web-page',
      Runtime: 'nodejs24.x',
      Role: 'arn:aws:iam::000000000000:role/x',
      Handler: 'index.handler',
      Code: { ZipFile: ONE_FILE_ZIP },
    });
    const post = await rawRequest(
      'POST',
      '/2015-03-31/functions',
      { Host: host, 'Content-Type': 'text/plain' },
      form,
    );
    expect(post.status).toBe(403);
    expect(post.body).toMatch(
      /^refused by the lab kit's emulator guard: POST .* carries no AWS SigV4 signature/,
    );
    const img = await rawRequest('GET', '/?Action=CreateQueue&QueueName=forged-by-an-img', { Host: host });
    expect(img.status).toBe(403);
    const lambda = new LambdaClient(localClientConfig());
    const sqs = new SQSClient(localClientConfig());
    try {
      await expect(
        lambda.send(new GetFunctionCommand({ FunctionName: 'forged-by-a-web-page' })),
      ).rejects.toThrow();
      const queues = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'forged-by-an-img' }));
      expect(queues.QueueUrls ?? []).toEqual([]);
    } finally {
      lambda.destroy();
      sqs.destroy();
    }
  });

  test("its install and its run wrote no __pycache__ into the kit's source tree", () => {
    if (!kitOnly()) return;
    const caches = execFileSync('find', [join(PROJECT_ROOT, 'lib'), '-name', '__pycache__'], {
      encoding: 'utf8',
    });
    expect(caches.trim().split('\n').filter(Boolean)).toEqual([]);
  });

  test("listens on 127.0.0.1 only, and has none of the user's credentials in its environment", () => {
    if (!kitOnly() || process.platform !== 'linux') return;
    expect(listenersOn(Number(PORT))).toEqual(['0100007F']);
    const environ = readFileSync(`/proc/${emulator.pid}/environ`, 'utf8').split('\0');
    expect(environ.filter((entry) => entry.includes(USER_SECRET))).toEqual([]);
    expect(environ).toContain('AWS_SECRET_ACCESS_KEY=test');
    expect(environ).toContain('OVERRIDE_IN_DOCKER=0');
  });
});

const results = new Map<string, ExperimentResult[]>();

describe.each(labsHere.map((lab) => [lab.id, lab] as const))('%s on LocalStack', (_id, lab) => {
  test('deploys, with the compatibility steps computed for it carried out in the deploy', async () => {
    const deployed = await toolkit.deploy(lab);
    expect(Object.keys(deployed.outputs).length).toBeGreaterThan(0);
    const expected = stepsFor(synthesizeLabTemplate(lab), target).filter((step) => step.phase === 'deploy');
    expect(deployed.compatibility.map((line) => line.split(':')[0])).toEqual(
      expected.map((step) => step.name),
    );
    say(`${lab.id}: deploy ${deployed.seconds.toFixed(1)} s`);
  });

  test('passes its experiments (skips only with a reason)', async () => {
    const started = Date.now();
    const ran = await runExperiments(experimentsOf(lab), {
      lab,
      target,
      outputs: await toolkit.outputsOf(lab),
      clientConfig: sessionFor(target).clientConfig,
      progress: () => {},
    });
    results.set(lab.id, ran);
    say(
      `${lab.id} experiments (${((Date.now() - started) / 1000).toFixed(1)} s):\n${ran.map((r) => `  ${formatResult(r)}`).join('\n')}`,
    );
    expect(ran.filter((r) => r.outcome.status === 'fail').map(formatResult)).toEqual([]);
    expect(ran.some((r) => r.outcome.status === 'pass')).toBe(true);
    for (const result of ran) {
      if (result.outcome.status === 'skipped') expect(result.outcome.reason.length).toBeGreaterThan(10);
    }
  });

  test('claims the support level that ran: full with no skip, partial with some', () => {
    const ran = results.get(lab.id);
    expect(ran).toBeDefined();
    const skipped = (ran ?? []).filter((r) => r.outcome.status === 'skipped').length;
    expect(lab.support[target].level).toBe(skipped === 0 ? 'full' : 'partial');
    if (skipped > 0) expect(lab.support[target].note.length).toBeGreaterThan(10);
  });

  // A lab with no miswiring that runs here shows as a skipped test, not as a pass that asserted nothing.
  const checks = miswiredChecks(lab, target);
  (checks.length > 0 ? test : test.skip)(
    'its tests of the tests: each experiment that declares a miswiring fails, for the reason the fact names, when run miswired',
    async () => {
      expect.assertions(checks.length);
      const outputs = await toolkit.outputsOf(lab);
      for (const experiment of checks) {
        const { result } = await runMiswired(lab, target, outputs, experiment);
        const { actual, expected } = miswiredVerdict(experiment, result);
        expect(actual).toEqual(expected);
      }
    },
  );

  test('destroys and leaves nothing behind', async () => {
    const destroyed = await toolkit.destroy(lab);
    expect(destroyed.existed).toBe(true);
    expect(destroyed.leftovers).toEqual([]);
    say(`${lab.id}: destroy ${destroyed.seconds.toFixed(1)} s, leftovers none`);
    expect((await toolkit.destroy(lab)).existed).toBe(false);
  });
});
