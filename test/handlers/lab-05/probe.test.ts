import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { attempt, parseTargets } from '../../../lambda/lab-05/probe/attempt';
import { handler } from '../../../lambda/lab-05/probe/index';

let server: Server;
let url: string;
// A server that accepts the connection and never answers: what a dropped path looks like to a client.
let silent: Server;
let silentUrl: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.statusCode = 403;
    res.end('AccessDenied');
  });
  silent = createServer(() => undefined);
  await Promise.all([
    new Promise<void>((r) => server.listen(0, '127.0.0.1', r)),
    new Promise<void>((r) => silent.listen(0, '127.0.0.1', r)),
  ]);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  silent.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => silent.close(r))]);
});

test('any HTTP answer counts as reached, whatever its status', async () => {
  const result = await attempt({ name: 's3', url });
  expect(result).toMatchObject({ name: 's3', reached: true, status: 403 });
});

test('no answer within the timeout is reported as timeout', async () => {
  const result = await attempt({ name: 'internet', url: silentUrl, timeoutMs: 300 });
  expect(result).toMatchObject({ reached: false, error: 'timeout' });
  expect(result.ms).toBeGreaterThanOrEqual(250);
});

test('a refused connection is not reached, with the error code', async () => {
  const closed = createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  const result = await attempt({ name: 'closed', url: `http://127.0.0.1:${port}/` });
  expect(result).toMatchObject({ reached: false, error: 'ECONNREFUSED' });
});

test('the handler tries every target and answers each', async () => {
  const answer = await handler({
    targets: [
      { name: 'up', url },
      { name: 'down', url: silentUrl, timeoutMs: 200 },
    ],
  });
  expect(answer.results.map((r) => [r.name, r.reached])).toEqual([
    ['up', true],
    ['down', false],
  ]);
});

test('a malformed event is refused with the reason', () => {
  expect(() => parseTargets({})).toThrow(/non-empty list/);
  expect(() => parseTargets({ targets: [{ name: 'x', url: 'ftp://x' }] })).toThrow(/http\(s\) url/);
  expect(() => parseTargets({ targets: [{ name: 'x', url: 'http://x', timeoutMs: 60_000 }] })).toThrow(
    /1-20000/,
  );
});
