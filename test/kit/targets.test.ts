import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { LabInputError } from '../../lib/core/errors';
import { experimentsOf } from '../../lib/experiments/registry';
import { allLabs, findLab } from '../../lib/lab/catalogue';
import { describeProbe, probeEmulator } from '../../lib/targets/emulator-probe';
import {
  behavesAsAws,
  differencesFor,
  differFromAws,
  FIDELITY_DIFFERENCES,
} from '../../lib/targets/fidelity';
import { emulatorPort } from '../../lib/targets/local-endpoint';
import { findPython } from '../../lib/targets/ministack-host';
import { emulatorSession, sessionEnvironment } from '../../lib/targets/session';
import { parseTarget, targetFromContext } from '../../lib/targets/target';

describe('targets', () => {
  test('plain cdk picks ministack when AWS_ENDPOINT_URL is on this machine, aws otherwise', () => {
    expect(targetFromContext(undefined, { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe('ministack');
    expect(targetFromContext(undefined, { AWS_ENDPOINT_URL: 'http://localhost:4566/' })).toBe('ministack');
    expect(targetFromContext(undefined, { AWS_ENDPOINT_URL: 'https://sqs.eu-west-1.amazonaws.com' })).toBe(
      'aws',
    );
    expect(targetFromContext(undefined, {})).toBe('aws');
    expect(targetFromContext('localstack', { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe('localstack');
  });

  test('a bad target names the allowed ones', () => {
    expect(() => parseTarget('mars')).toThrow(
      new LabInputError('--target mars is not a target; use one of: aws, ministack, localstack'),
    );
  });

  test('the emulator port comes from LABKIT_EMULATOR_PORT and is checked', () => {
    expect(emulatorPort({})).toBe(4566);
    expect(emulatorPort({ LABKIT_EMULATOR_PORT: '4571' })).toBe(4571);
    expect(() => emulatorPort({ LABKIT_EMULATOR_PORT: 'http' })).toThrow(/not a port number/);
  });

  test('a local target can never fall through to a real account', () => {
    const base: NodeJS.ProcessEnv = {
      AWS_PROFILE: 'prod',
      AWS_SESSION_TOKEN: 'real',
      AWS_ACCESS_KEY_ID: 'AKIA...',
      AWS_ENDPOINT_URL_S3: 'https://s3.example.com',
    };
    const env = sessionEnvironment(emulatorSession('ministack', {}), base);
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'test', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect(env.AWS_PROFILE).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(env.AWS_ENDPOINT_URL_S3).toBeUndefined();
    // Built, not written: the environment it came from is as it was.
    expect(base.AWS_PROFILE).toBe('prod');
  });

  test('a missing Python is one clear line with the fix', () => {
    expect(() => findPython(['no-such-python-here'])).toThrow(
      /Python 3\.10 or newer was not found on PATH.*apt install python3 python3-venv.*docker compose/,
    );
  });
});

describe('what answers on the emulator port', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });

  async function serve(handler: (path: string) => [number, unknown]): Promise<string> {
    const server = createServer((req, res) => {
      const [status, body] = handler(req.url ?? '');
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  test("MiniStack answers its own health path (and LocalStack's, with the same body)", async () => {
    const url = await serve((path) =>
      path === '/_ministack/health' || path === '/_localstack/health'
        ? [200, { services: { sqs: 'available' }, version: '1.5.33', auth: 'enabled' }]
        : [404, {}],
    );
    expect(await probeEmulator(url)).toEqual({ kind: 'ministack', version: '1.5.33', iamEnforced: true });
  });

  test('a MiniStack started without AUTH=true is named as one that enforces no IAM', async () => {
    const url = await serve((path) =>
      path === '/_ministack/health' || path === '/_localstack/health'
        ? [200, { services: { sqs: 'available' }, version: '1.5.33', auth: 'disabled' }]
        : [404, {}],
    );
    const probe = await probeEmulator(url);
    expect(probe).toEqual({ kind: 'ministack', version: '1.5.33', iamEnforced: false });
    expect(describeProbe(probe)).toBe('MiniStack 1.5.33 (IAM not enforced: started without AUTH=true)');
  });

  test("LocalStack answers only LocalStack's", async () => {
    const url = await serve((path) =>
      path === '/_localstack/health' ? [200, { services: { sqs: 'running' }, version: '4.14.0' }] : [404, {}],
    );
    expect(await probeEmulator(url)).toEqual({ kind: 'localstack', version: '4.14.0' });
  });

  test('LocalStack whose first answer on an unknown path is slow is still LocalStack', async () => {
    const PROBE_TIMEOUT_MS = 200;
    // LocalStack loads its S3 provider to answer /_ministack/health the first time (seconds).
    const server = createServer((req, res) => {
      const answer = () =>
        res
          .writeHead(req.url === '/_localstack/health' ? 200 : 404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ services: { s3: 'running' }, version: '4.13.1' }));
      if (req.url === '/_localstack/health') answer();
      else setTimeout(answer, 3 * PROBE_TIMEOUT_MS);
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Slower than the probe's general timeout, well within the one for /_ministack/health.
    expect(await probeEmulator(url, PROBE_TIMEOUT_MS)).toEqual({ kind: 'localstack', version: '4.13.1' });
  });

  test('another web server is not an emulator', async () => {
    const url = await serve(() => [404, { message: 'not here' }]);
    expect((await probeEmulator(url)).kind).toBe('other');
  });

  test('a silent TCP listener is not an emulator either', async () => {
    const server = createTcpServer(() => {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      expect((await probeEmulator(`http://127.0.0.1:${port}`, 300)).kind).toBe('other');
    } finally {
      server.close();
    }
  });

  test('a closed port is nothing', async () => {
    const url = await serve(() => [200, {}]);
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await probeEmulator(url)).toEqual({ kind: 'nothing' });
  });
});

describe('emulator fidelity', () => {
  test('every difference names experiments that exist in the labs it names', () => {
    const missing = FIDELITY_DIFFERENCES.flatMap((d) =>
      typeof d.shownBy === 'string'
        ? []
        : d.shownBy
            .filter((s) => !experimentsOf(findLab(s.lab)).some((e) => e.id === s.experiment))
            .map((s) => `${s.lab}: ${s.experiment}`),
    );
    expect(missing).toEqual([]);
  });

  test('verify on an emulator ends with what would differ on AWS: experiments skipped only there, and known differences', () => {
    for (const lab of allLabs().filter((l) => l.support.ministack.level !== 'none')) {
      const experiments = experimentsOf(lab);
      const lines = differFromAws(lab.id, 'ministack', experiments);
      const skippedOnlyHere = experiments.filter((e) => e.skipOn?.ministack && !e.skipOn?.aws);
      const everywhere = experiments.filter((e) => e.skipOn?.ministack && e.skipOn?.aws);
      for (const e of skippedOnlyHere)
        expect(lines).toContain(`  "${e.name}" runs there (skipped here, reason above)`);
      for (const e of everywhere) expect(lines.join('\n')).not.toContain(`"${e.name}" runs there`);
      // A difference whose entry is derived from these skips is said by the skip lines already.
      for (const d of differencesFor(lab.id)) {
        const shown = lines.some((l) => l.startsWith(`  ${d.behaviour}: AWS `));
        expect(shown).toBe(d.ministack !== undefined && !behavesAsAws(d.ministack));
      }
      if (lines.length) expect(lines[0]).toBe(`on AWS, ${lab.id} would differ from this ministack run:`);
    }
  });
});
