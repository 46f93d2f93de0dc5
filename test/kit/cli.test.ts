import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../lib/cli/main';
import { RecordingProgress } from '../../lib/operations/progress';

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
  expect(out.filter((line) => /^lab-\d\d /.test(line))).toHaveLength(4);
});

test('no command prints the usage and fails; --help succeeds', async () => {
  expect((await labs()).code).toBe(1);
  const help = await labs('--help');
  expect(help.code).toBe(0);
  expect(help.out.join('\n')).toMatch(/deploy <lab\.\.\.\|--all>/);
});

test.each([
  [['frob'], 'error: unknown command "frob"; run npx labs --help'],
  [['deploy', 'lab-99'], 'error: Unknown lab "lab-99". Known labs: lab-01, lab-02, lab-03, lab-04.'],
  [['deploy'], 'error: deploy: name at least one lab (lab-01, lab-02, lab-03, lab-04) or --all'],
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
  expect(err[0]).toMatch(/^error: Unknown option '--colour'.*run npx labs --help$/);
});

test('the aws target is refused with what to do instead', async () => {
  const { code, err } = await labs('deploy', 'lab-03', '--target', 'aws');
  expect(code).toBe(1);
  expect(err[0]).toMatch(/^error: the aws target is not enabled in `labs` yet .* npx cdk deploy lab-NN$/);
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
    'python',
    'ministack',
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
