import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, STATE_DIR } from '../../lib/core/paths';
import { miniStackPaths } from '../../lib/targets/ministack-host';

/**
 * Faults in the middle of `npx labs deploy`, driven through the real CLI (a child process, as a
 * user runs it) against a MiniStack of its own on another port: Ctrl-C, the emulator killed, the
 * emulator hanging past --timeout. Each must end with one clear line and a way to go on.
 */

// LABKIT_FAULTS_E2E_PORT: another port when 4575 is taken (parallel work on one machine); the
// two-starts case uses the port after it.
const PORT = process.env.LABKIT_FAULTS_E2E_PORT ?? '4575';
const env = { ...process.env, LABKIT_EMULATOR_PORT: PORT, CDK_VALIDATION: 'false' };
const pidFile = miniStackPaths(STATE_DIR, Number(PORT)).pidFile;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts `npx labs <args>`; `onLine` sees each stderr line as it comes, `onOut` each stdout line. */
function labs(
  args: string[],
  onLine: (line: string, child: ChildProcess) => void = () => {},
  port = PORT,
  onOut: (line: string) => void = () => {},
) {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin/labs.mjs'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...env, LABKIT_EMULATOR_PORT: port },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let partial = '';
  let partialOut = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
    partialOut += chunk;
    const lines = partialOut.split('\n');
    partialOut = lines.pop() ?? '';
    for (const line of lines) onOut(line);
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
    partial += chunk;
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line, child);
  });
  const finished = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, finished };
}

const run = (...args: string[]) => labs(args).finished;
const emulatorPid = () => Number(readFileSync(pidFile, 'utf8').trim());
/** The deploy has started: CloudFormation reported a resource of the lab's stack. */
const deployStarted = (lab: string, line: string) => line.startsWith(`${lab}  `) && /_COMPLETE/.test(line);
const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';
/** Kills the kit's emulator on PORT as a crash would (its whole process group, no time to clean up). */
function killEmulator(): void {
  try {
    process.kill(-emulatorPid(), 'SIGKILL');
  } catch {
    process.kill(emulatorPid(), 'SIGKILL');
  }
}

beforeAll(async () => {
  const up = await run('up');
  expect(up).toMatchObject({ code: 0 });
});

afterAll(async () => {
  await run('down');
});

test('Ctrl-C mid-deploy: one line; status and verify say the deploy did not finish and what to run', async () => {
  const { finished } = labs(['deploy', 'lab-02'], (line, child) => {
    if (deployStarted('lab-02', line)) child.kill('SIGINT');
  });
  const interrupted = await finished;
  expect(interrupted.code).toBe(130);
  expect(lastLine(interrupted.stderr)).toMatch(
    /^interrupted: a lab being deployed or destroyed may be incomplete/,
  );

  const status = await run('status');
  expect(status.stdout).toMatch(
    /INCOMPLETE: the deploy of lab-02 started at \S+ did not finish .* run npx labs deploy lab-02 again/,
  );
  // MiniStack may finish the stack on its own; the kit still has no record of its resources.
  const verify = await run('verify', 'lab-02');
  expect(verify.code).toBe(1);
  expect(lastLine(verify.stderr)).toMatch(/^error: the deploy of lab-02 started at .* did not finish/);

  // Deploying again finishes it, and the warning is gone.
  expect((await run('deploy', 'lab-02')).code).toBe(0);
  expect((await run('status')).stdout).not.toMatch(/INCOMPLETE/);
  expect((await run('destroy', 'lab-02')).code).toBe(0);
});

test('the emulator killed mid-deploy: one line that says so and how to go on, no stack trace', async () => {
  const { finished } = labs(['deploy', 'lab-04'], (line) => {
    if (deployStarted('lab-04', line)) {
      try {
        process.kill(-emulatorPid(), 'SIGKILL');
      } catch {
        process.kill(emulatorPid(), 'SIGKILL');
      }
    }
  });
  const failed = await finished;
  expect(failed.code).toBe(1);
  expect(lastLine(failed.stderr)).toMatch(
    new RegExp(
      `^error: (the emulator on http://127\\.0\\.0\\.1:${PORT} stopped answering during the (deploy|after-deploy steps) of lab-04: ` +
        `start it with npx labs up, then run npx labs deploy lab-04 again|lost the connection to 127\\.0\\.0\\.1:${PORT}: .*start it with npx labs up)`,
    ),
  );
  expect(failed.stderr).not.toMatch(/^\s+at /m);
  expect((await run('up')).code).toBe(0);
});

test('the emulator killed mid-verify: one line, not a failure per experiment, nothing recorded', async () => {
  expect((await run('deploy', 'lab-02')).code).toBe(0);
  const progressFile = join(STATE_DIR, 'progress.json');
  const verifiedLab02 = () => JSON.parse(readFileSync(progressFile, 'utf8')).labs['lab-02']?.verified;
  const before = existsSync(progressFile) ? verifiedLab02() : undefined;
  let killed = false;
  const { finished } = labs(['verify', 'lab-02'], undefined, PORT, (line) => {
    if (!killed && /^ {2}\[(pass|FAIL|skip)\] /.test(line)) {
      killed = true;
      killEmulator();
    }
  });
  const failed = await finished;
  expect(killed).toBe(true);
  expect(failed.code).toBe(1);
  expect(lastLine(failed.stderr)).toBe(
    `error: the emulator stopped answering at http://127.0.0.1:${PORT} during the experiments of lab-02; ` +
      'start it with npx labs up and run npx labs verify lab-02 again',
  );
  expect(failed.stdout).not.toMatch(/ECONNREFUSED|lab-02: \d+ passed/);
  expect(existsSync(progressFile) ? verifiedLab02() : undefined).toEqual(before);
  expect((await run('up')).code).toBe(0);
});

test('a deploy whose records cannot be written: the lab IS deployed, what was not recorded, exit 2', async () => {
  const progressFile = join(STATE_DIR, 'progress.json');
  const recordsFile = join(STATE_DIR, 'records', `emulator-127.0.0.1-${PORT}-us-east-1.json`);
  const saved = new Map(
    [progressFile, recordsFile].map((f) => [f, existsSync(f) ? readFileSync(f) : undefined]),
  );
  try {
    // A directory where the file should be cannot be written, even by root (read-only files can).
    for (const file of saved.keys()) {
      rmSync(file, { force: true });
      mkdirSync(file, { recursive: true });
    }
    const deployed = await run('deploy', 'lab-02');
    expect(deployed.code).toBe(2);
    expect(deployed.stdout).toMatch(/^lab-02 deployed on ministack in /m);
    expect(lastLine(deployed.stderr)).toBe(
      `lab-02 IS deployed on ministack, but the kit could not record its resources, for labs sweep (EISDIR ${recordsFile}); ` +
        `your progress (EISDIR ${progressFile}): make .labs writable (chmod -R u+w ${STATE_DIR}) and run ` +
        'npx labs deploy lab-02 again to record it',
    );
  } finally {
    for (const [file, content] of saved) {
      rmSync(file, { recursive: true, force: true });
      if (content) writeFileSync(file, content, { mode: 0o600 });
    }
  }
  // The deploy record itself cannot be written: nothing is deployed, one line says so.
  const deployRecord = join(STATE_DIR, 'deploys', `ministack-${PORT}`, 'lab-02.json');
  const savedRecord = existsSync(deployRecord) ? readFileSync(deployRecord) : undefined;
  try {
    rmSync(deployRecord, { force: true });
    mkdirSync(deployRecord, { recursive: true });
    const refused = await run('deploy', 'lab-02');
    expect(refused.code).toBe(1);
    expect(lastLine(refused.stderr)).toBe(
      `error: cannot write ${deployRecord} (EISDIR): nothing was deployed; make .labs writable ` +
        `(chmod -R u+w ${STATE_DIR}) and run npx labs deploy lab-02 again`,
    );
  } finally {
    rmSync(deployRecord, { recursive: true, force: true });
    if (savedRecord) writeFileSync(deployRecord, savedRecord, { mode: 0o600 });
  }
  // Writable again: deploying again records it.
  expect((await run('deploy', 'lab-02')).code).toBe(0);
  expect((await run('destroy', 'lab-02')).code).toBe(0);
});

test('labs down while a deploy runs: refused with one line; the deploy finishes on its emulator', async () => {
  let down: Promise<Finished> | undefined;
  const { finished } = labs(['deploy', 'lab-02'], (line) => {
    // Before the synth (seconds): the deploy is sure to be still running when down looks.
    if (!down && line.startsWith('target: ministack')) down = run('down');
  });
  const deployed = await finished;
  const refused = await down;
  expect(refused?.code).toBe(1);
  expect(lastLine(refused?.stderr ?? '')).toMatch(
    new RegExp(
      `^error: npx labs deploy \\(pid \\d+\\) is using the emulator on port ${PORT}: let it finish, or stop it with Ctrl-C, then run npx labs down again$`,
    ),
  );
  expect(deployed.code).toBe(0);
  expect(deployed.stdout).toMatch(/^lab-02 deployed on ministack in /m);
  expect((await run('destroy', 'lab-02')).code).toBe(0);
});

// `labs down` after .labs was deleted (the emulator found by its command line) is tested in
// test/kit/ministack-host.test.ts: here, moving the checkout's .labs aside hung the run in CI.

test('--timeout stops the work and exits even when the emulator hangs', async () => {
  let frozen: number | undefined;
  const { finished } = labs(['deploy', 'lab-04', '--timeout', '0.5'], (line) => {
    if (frozen === undefined && deployStarted('lab-04', line)) {
      // A hung emulator: it accepts connections and never answers.
      frozen = emulatorPid();
      process.kill(-frozen, 'SIGSTOP');
    }
  });
  try {
    const timedOut = await finished;
    expect(frozen).toBeDefined();
    expect(timedOut.code).toBe(1);
    expect(lastLine(timedOut.stderr)).toMatch(
      /^error: deploy of lab-04 did not finish within 30 s; stopped waiting \(the stack may still be changing/,
    );
  } finally {
    if (frozen !== undefined) process.kill(-frozen, 'SIGCONT');
  }
  const status = await run('status');
  expect(status.stdout).toMatch(/INCOMPLETE: the deploy of lab-04/);
  expect((await run('destroy', 'lab-04')).code).toBe(0);
});

test('two first `labs up` at once: one emulator, one bootstrap, both succeed', async () => {
  const port = String(Number(PORT) + 1);
  const both = await Promise.all([
    labs(['up'], undefined, port).finished,
    labs(['up'], undefined, port).finished,
  ]);
  try {
    expect(both.map((r) => r.code)).toEqual([0, 0]);
    const all = both.map((r) => r.stderr).join('\n');
    expect(all.match(/^starting MiniStack/gm)).toHaveLength(1);
    expect(all.match(/^bootstrapping aws:\/\//gm)).toHaveLength(1);
    expect(all).not.toMatch(/AlreadyExists/);
  } finally {
    await labs(['down'], undefined, port).finished;
  }
});
