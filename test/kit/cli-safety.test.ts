import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IoRequest } from '@aws-cdk/toolkit-lib';
import { main } from '../../lib/cli/main';
import { LabInputError } from '../../lib/core/errors';
import { findLab } from '../../lib/lab/catalogue';
import { askToConfirm, type ConfirmIo } from '../../lib/operations/confirm';
import { DeployRecords } from '../../lib/operations/deploy-records';
import { LabIoHost } from '../../lib/operations/lab-io-host';
import { LabToolkit } from '../../lib/operations/lab-toolkit';
import { RecordingProgress } from '../../lib/operations/progress';
import { emulatorSession } from '../../lib/targets/session';

/** Runs the CLI in-process and returns its exit code, stdout lines and stderr lines. */
async function labs(...argv: string[]) {
  const out: string[] = [];
  const progress = new RecordingProgress();
  const code = await main(argv, { out: (line) => out.push(line), progress });
  return { code, out, err: progress.lines };
}

afterEach(() => {
  delete process.env.LABKIT_EMULATOR_PORT;
});

describe('IAM and security group changes are shown and asked about (issue 9, item 5)', () => {
  /** The request the CDK toolkit sends before deploying a stack whose diff widens access. */
  const securityRequest = (permissionChangeType: string) =>
    ({
      time: new Date(),
      level: 'info',
      action: 'deploy',
      code: 'CDK_TOOLKIT_I5060',
      message:
        'IAM Statement Changes\n+ Allow lambda:InvokeFunction elasticloadbalancing.amazonaws.com\n\n' +
        'Stack includes security-sensitive updates. Do you wish to deploy these changes?',
      data: { permissionChangeType, templateDiffs: { 'lab-01': {} }, motivation: '', concurrency: 1 },
      defaultResponse: true,
    }) as unknown as IoRequest<unknown, boolean>;

  test('a broadening change is printed and put to the approver, whose no is the answer', async () => {
    const progress = new RecordingProgress();
    const asked: string[] = [];
    const host = new LabIoHost(progress, false, async (stacks) => {
      asked.push(stacks);
      return false;
    });
    expect(await host.requestResponse(securityRequest('broadening'))).toBe(false);
    expect(asked).toEqual(['lab-01']);
    expect(progress.lines.join('\n')).toMatch(/IAM Statement Changes\n\+ Allow lambda:InvokeFunction/);
    expect(progress.lines.join('\n')).not.toMatch(/Do you wish/);
  });

  test('nobody to ask (no terminal, no --yes): the answer is no and the reason is kept', async () => {
    const host = new LabIoHost(new RecordingProgress(), false, () =>
      askToConfirm('Deploy these IAM changes?', false, { interactive: false, ask: async () => 'y' }),
    );
    expect(await host.requestResponse(securityRequest('broadening'))).toBe(false);
    expect(host.securityRefusal).toBe(
      'Deploy these IAM changes: not confirmed (no terminal); add --yes to confirm in a script',
    );
  });

  test('--yes approves; changes that do not widen access and local targets are not asked about', async () => {
    const yes = new LabIoHost(new RecordingProgress(), false, () => askToConfirm('Deploy?', true));
    expect(await yes.requestResponse(securityRequest('broadening'))).toBe(true);
    const never = async () => {
      throw new Error('must not ask');
    };
    expect(
      await new LabIoHost(new RecordingProgress(), false, never).requestResponse(securityRequest('none')),
    ).toBe(true);
    expect(await new LabIoHost(new RecordingProgress()).requestResponse(securityRequest('broadening'))).toBe(
      true,
    );
  });

  test('a person answers on the terminal: y deploys, anything else does not', async () => {
    const terminal = (answer: string): ConfirmIo => ({ interactive: true, ask: async () => answer });
    expect(await askToConfirm('Deploy?', false, terminal('y'))).toBe(true);
    expect(await askToConfirm('Deploy?', false, terminal('yes'))).toBe(true);
    expect(await askToConfirm('Deploy?', false, terminal(''))).toBe(false);
    expect(await askToConfirm('Deploy?', false, terminal('no'))).toBe(false);
    await expect(
      askToConfirm('Deploy?', false, { interactive: false, ask: terminal('y').ask }),
    ).rejects.toThrow(LabInputError);
  });
});

describe('bad input ends with one line (issue 9, item 16)', () => {
  test.each(['abc', '99999', '0', '45 66'])('LABKIT_EMULATOR_PORT=%s', async (port) => {
    process.env.LABKIT_EMULATOR_PORT = port;
    const { code, err } = await labs('status');
    expect(code).toBe(1);
    expect(err).toEqual([
      `error: LABKIT_EMULATOR_PORT=${port} is not a port number: use 1-65535 (for example LABKIT_EMULATOR_PORT=4567), or unset it for 4566`,
    ]);
  });

  test.each([
    [['deploy', 'lab-02', '--timeout', '-1'], /^error: --timeout -1 is not a positive number of minutes$/],
    [['deploy', 'lab-02', '--timeout=-1'], /^error: --timeout -1 is not a positive number of minutes$/],
    // Above 2^31-1 ms Node's timer fires at once, so the deploy would abort as it starts (issue 22,
    // section 5); --target mars stops the old code before it reaches an emulator.
    [
      ['deploy', 'lab-02', '--timeout', '35792', '--target', 'mars'],
      /^error: --timeout 35792 is longer than a timer can wait: give at most 35791 minutes \(about 24 days\)$/,
    ],
    [
      ['deploy', 'lab-02', '--timeout', '1e9', '--target', 'mars'],
      /^error: --timeout 1e9 is longer than a timer can wait: give at most 35791 minutes \(about 24 days\)$/,
    ],
    [
      ['deploy', 'lab-02', '--timeout'],
      /^error: option '--timeout <minutes>' argument missing \(run npx labs deploy --help\)$/,
    ],
  ])('%j', async (argv, message) => {
    const { code, err } = await labs(...argv);
    expect(code).toBe(1);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(message);
  });
});

test('a cdk.json the emulator path cannot parse is named, with what to do (issue 22, section 5)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labkit-cdk-json-test-'));
  const toolkit = new LabToolkit({
    session: emulatorSession('ministack'),
    progress: new RecordingProgress(),
    bundling: false,
    labs: [findLab('lab-02')],
    projectDir: dir,
  });
  try {
    writeFileSync(join(dir, 'cdk.json'), '{,');
    await expect(toolkit.synth()).rejects.toThrow(
      new LabInputError(
        `${join(dir, 'cdk.json')} is not valid JSON (Expected property name or '}' in JSON at position 1 (line 1 column 2)): fix it`,
      ),
    );
  } finally {
    await toolkit.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('the emulator port held by something else (issue 9, item 19)', () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(404).end('not an emulator'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => server.close());

  test('status suggests what works (another port), not labs up', async () => {
    const port = (server.address() as AddressInfo).port;
    process.env.LABKIT_EMULATOR_PORT = String(port);
    const { code, out } = await labs('status');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain(`LABKIT_EMULATOR_PORT=${port + 1} npx labs up`);
    expect(out.join('\n')).not.toMatch(/start one with: npx labs up/);
  });

  test('--help shows the port in effect and names LABKIT_EMULATOR_PORT', async () => {
    process.env.LABKIT_EMULATOR_PORT = '4599';
    const { out } = await labs('--help');
    // Long lines are wrapped: compare the words.
    expect(out.join('\n').replace(/\s+/g, ' ')).toContain('default: the emulator on http://127.0.0.1:4599');
    expect(out.join('\n')).toMatch(/LABKIT_EMULATOR_PORT +port of the local emulator/);
  });
});

describe('deploy records: a deploy that did not finish is reported (issue 9, item 12)', () => {
  test('started without finishing is unfinished, with what to run; finished or forgotten is not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'labkit-records-test-'));
    try {
      const records = new DeployRecords('ministack-4566', dir);
      expect(records.unfinished('lab-02')).toBeUndefined();
      records.started('lab-02', new Date('2026-11-24T10:00:00Z'));
      expect(records.unfinished('lab-02')).toBe(
        'the deploy of lab-02 started at 2026-11-24T10:00:00.000Z did not finish (interrupted, timed out or the ' +
          'emulator stopped), so the stack may still be changing and the kit has not recorded its resources: ' +
          'run npx labs deploy lab-02 again, or ' +
          'npx labs destroy lab-02',
      );
      records.finished('lab-02');
      expect(records.unfinished('lab-02')).toBeUndefined();
      records.started('lab-02');
      records.forget('lab-02');
      expect(records.read('lab-02')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// No temporary cloud assemblies are left behind (issue 9, item 20): a child process with its own
// TMPDIR, in test/e2e/cli-processes.e2e.test.ts.
