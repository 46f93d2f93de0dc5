/**
 * The AWS CLI route of a challenge works as printed (issue 24 item 2): the start message and
 * `--solution` print the same setup (endpoint with the port in force, region, dummy keys), and
 * `--solution` on a lab that is not deployed says to deploy first instead of printing `$Names`.
 * That the printed fixes solve each challenge with a real AWS CLI is test/e2e/challenges.e2e.test.ts.
 */
import { spawnSync } from 'node:child_process';
import {
  CLI_V1_NOTE,
  cliRoute,
  cliSetup,
  solutionOutputs,
  spoilerNote,
} from '../../lib/cli/challenge-commands';
import { LabInputError } from '../../lib/core/errors';
import { renderPracticeBlock } from '../../lib/docs/lab-guides';
import { findLab } from '../../lib/lab/catalogue';
import { awsSession, emulatorSession } from '../../lib/targets/session';

const session = emulatorSession('ministack', { LABKIT_EMULATOR_PORT: '4731' });

/** What bash sees after the lines run as pasted: the variables the AWS CLI reads, and `aws`. */
function afterPasting(lines: string[]): string {
  const run = spawnSync(
    'bash',
    [
      '--norc',
      '--noprofile',
      '-c',
      `${lines.join('\n')}\necho "$AWS_ACCESS_KEY_ID $AWS_SECRET_ACCESS_KEY $AWS_REGION $AWS_DEFAULT_REGION"; type aws`,
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  expect(run.stderr).toBe('');
  return run.stdout;
}

test('the setup sets the region and dummy keys, and points aws at the port in force', () => {
  const seen = afterPasting(cliSetup(session));
  expect(seen).toMatch(/^test test us-east-1 us-east-1$/m);
  expect(seen).toMatch(/command aws --endpoint-url http:\/\/127\.0\.0\.1:4731 "\$@"/);
});

test('the start message prints the same setup as --solution, to paste, with the CLI v1 note', () => {
  const route = cliRoute(session);
  expect(route[0]).toContain(CLI_V1_NOTE);
  expect(route[0]).toMatch(/paste this into your shell first/);
  const pasted = route.slice(1).map((line) => line.trim());
  expect(pasted).toEqual(cliSetup(session));
  expect(afterPasting(pasted)).toMatch(/^test test us-east-1 us-east-1$/m);
});

test('on AWS there is nothing to set up: the learner’s own profile and region apply', () => {
  const aws = awsSession('111111111111', {});
  expect(cliSetup(aws)).toEqual([]);
  expect(cliRoute(aws)).toEqual(['  - with AWS CLI calls against the deployed lab']);
});

test('--solution on a lab that is not deployed says deploy first, with the command', async () => {
  const notDeployed = async () => {
    throw new LabInputError('lab-02 is not deployed on ministack: run npx labs deploy lab-02');
  };
  const failure = await solutionOutputs(notDeployed).catch((error: Error) => error);
  expect(failure).toBeInstanceOf(LabInputError);
  expect((failure as Error).message).toMatch(/deploy first: .*run npx labs deploy lab-02$/);
  expect((failure as Error).message).not.toMatch(/\n/);
});

test('--solution passes on what is not about the lab (an emulator that stopped answering)', async () => {
  const refused = new Error('connect ECONNREFUSED 127.0.0.1:4731');
  await expect(solutionOutputs(() => Promise.reject(refused))).rejects.toBe(refused);
  await expect(solutionOutputs(async () => ({ QueueUrl: 'q' }))).resolves.toEqual({ QueueUrl: 'q' });
});

test('the start message warns that git diff shows the fault, and that check never reads the code', () => {
  const note = spoilerNote(findLab('lab-02'));
  expect(note).toMatch(
    /git status lists labs\/lab-02-fan-out\/stack\.ts as changed, but git diff shows the fault/,
  );
  expect(note).toMatch(/never the code/);
  expect(note).not.toMatch(/\n/);
});

test("each lab guide's practice section says the same", () => {
  expect(renderPracticeBlock(findLab('lab-02'))).toMatch(
    /`git diff` shows the fault at once: leave it unread until `check` says solved/,
  );
});
