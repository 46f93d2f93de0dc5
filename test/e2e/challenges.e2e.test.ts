/**
 * Every challenge that runs on MiniStack, proven both ways, as a learner runs it: in a copy of the
 * repository (the fault is written into the copy's stack.ts), through the `labs` CLI.
 *
 * 1. `labs challenge <lab> <name>` deploys the fault, and `labs check` fails.
 * 2. Fix by editing the stack: stack.ts back as it was (the reference edit), `labs deploy`, and
 *    `labs check` passes.
 * 3. `labs challenge` again, `labs check` fails; fix with the AWS CLI: the commands
 *    `labs challenge --solution` prints, run by bash with a real AWS CLI; `labs check` passes.
 *
 * A challenge whose check passes on the broken lab fails here, and so does one where a check it does
 * not target fails instead (issue 31).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { allLabs, type LabDefinition } from '../../lib/lab/catalogue';
import {
  type Challenge,
  challengeTargets,
  checksBrokenOn,
  stackSourceOf,
} from '../../lib/practice/challenges';
import { type EmulatorStart, startEmulator, stopEmulator } from '../../lib/targets/ministack-host';
import { awsCliBin } from '../support/aws-cli';
import { challengeProofWeight } from '../support/challenge-weights';
import { groupsInShard, SHARD_ENV, shardFromEnv } from '../support/e2e-shard';
import { type CommandRun, copyRepository, runIn } from '../support/repository-copy';

const target = 'ministack';
const challengesOf = (lab: LabDefinition) =>
  (lab.challenges ?? []).filter((challenge) => challengeTargets(lab, challenge).includes(target));
// CI splits the labs between lanes with their own emulators (LABKIT_E2E_SHARD, see e2e-shard.ts),
// balanced by measured seconds (challenge-weights.ts); a lab's challenges stay together: they share
// its deployed stack.
const shard = shardFromEnv();
const labsWithChallenges = groupsInShard(
  allLabs().filter((lab) => challengesOf(lab).length > 0),
  (lab) => challengeProofWeight(lab.id, challengesOf(lab).length),
  shard,
);
if (labsWithChallenges.length === 0) {
  throw new Error(`${SHARD_ENV}=${process.env[SHARD_ENV]} holds no lab with challenges: use fewer parts`);
}
const cases = labsWithChallenges.flatMap((lab) =>
  challengesOf(lab).map((challenge) => [lab.id, challenge.name, lab, challenge] as const),
);

let copy: string;
let emulator: EmulatorStart;
let awsBin: string;

beforeAll(async () => {
  emulator = await startEmulator((line) => process.stderr.write(`${line}\n`));
  copy = copyRepository('labkit-challenges-');
  awsBin = await awsCliBin();
});

afterAll(async () => {
  for (const lab of labsWithChallenges) labs('destroy', lab.id);
  if (copy) rmSync(copy, { recursive: true, force: true });
  if (emulator?.startedByKit) await stopEmulator(() => {});
});

/** Seconds each step of the current case took, printed after it (where CI time goes). */
const steps: string[] = [];
function timed<T>(what: string, run: () => T): T {
  const started = Date.now();
  try {
    return run();
  } finally {
    steps.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)}`);
  }
}

afterEach(() => {
  const name = expect.getState().currentTestName?.split(':')[0];
  if (steps.length > 0) process.stderr.write(`${name} (s): ${steps.splice(0).join(', ')}\n`);
});

/** `labs ...` in the copy, against the emulator this test runs. */
function labs(...args: string[]): CommandRun {
  const what = args.filter((arg) => arg === args[0] || arg.startsWith('--')).join(' ');
  return timed(what, () =>
    runIn(copy, process.execPath, ['bin/labs.mjs', ...args], {
      CDK_VALIDATION: 'false',
      LABKIT_EMULATOR_PORT: process.env.LABKIT_EMULATOR_PORT,
    }),
  );
}

function succeeds(run: CommandRun, what: string): string {
  if (run.status !== 0) throw new Error(`${what} exited ${run.status}:\n${run.output.slice(-4000)}`);
  return run.output;
}

/**
 * `labs check` on the broken lab: a failed check, not an error or "cannot judge", and the checks that
 * fail are the ones the fault targets (each of the challenge's checks that runs here), not others.
 */
function expectCheckFails(lab: LabDefinition, challenge: Challenge): void {
  const check = labs('check', lab.id);
  const failing = [...check.output.matchAll(/^\s*\[FAIL\] (.+?) \(\d+\.\d s\):/gm)].map((m) => m[1]);
  const targeted = checksBrokenOn(lab, challenge, target);
  expect({ status: check.status, notSolved: /not solved yet/.test(check.output), failing }).toEqual({
    status: 1,
    notSolved: true,
    failing: targeted,
  });
}

function expectSolved(labId: string): void {
  const check = succeeds(labs('check', labId), `labs check ${labId}`);
  expect(check).toMatch(/^solved: /m);
}

/** The AWS CLI script `labs challenge --solution` prints (indented under its heading). */
function cliFixScript(solution: string): string {
  const lines = solution.split('\n');
  const start = lines.findIndex((line) => line.startsWith('fix with the AWS CLI'));
  const script: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    script.push(line.slice(2));
  }
  return script.join('\n');
}

test.each(cases)(
  '%s %s: check fails on the fault, passes after a stack edit and after the CLI fix',
  (labId, name, lab, challenge) => {
    const source = stackSourceOf(lab, copy);
    const original = readFileSync(source, 'utf8');

    succeeds(labs('challenge', labId, name), `labs challenge ${labId} ${name}`);
    expect(readFileSync(source, 'utf8')).not.toBe(original);
    expectCheckFails(lab, challenge);

    // The learner edits stack.ts back and redeploys.
    writeFileSync(source, original);
    // While the challenge is on, deploy points at check (which judges), not verify.
    expect(succeeds(labs('deploy', labId), `labs deploy ${labId}`)).toMatch(/^next: npx labs check /m);
    expectSolved(labId);

    succeeds(labs('challenge', labId, name), `labs challenge ${labId} ${name} (again)`);
    expectCheckFails(lab, challenge);
    const script = cliFixScript(succeeds(labs('challenge', labId, name, '--solution'), '--solution'));
    expect(script).toMatch(/^aws\(\) \{ command aws --endpoint-url /m);
    const fixed = timed('aws cli fix', () =>
      runIn(copy, 'bash', ['-euo', 'pipefail', '-c', script], {
        PATH: `${awsBin}:${process.env.PATH}`,
        AWS_ENDPOINT_URL: undefined,
        AWS_PROFILE: undefined,
      }),
    );
    if (fixed.status !== 0) throw new Error(`the CLI fix failed:\n${script}\n${fixed.output}`);
    expectSolved(labId);
    // Solved on the deployed lab: the kit put the fault back out of stack.ts.
    expect(readFileSync(source, 'utf8')).toBe(original);
  },
);
