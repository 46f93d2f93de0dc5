import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabInputError } from '../core/errors';
import { PROJECT_ROOT } from '../core/paths';
import { experimentsOf } from '../experiments/registry';
import { formatResult, runExperiments } from '../experiments/runner';
import type { Target } from '../lab/catalogue';
import { findLab, type LabDefinition } from '../lab/catalogue';
import { LabToolkit } from '../operations/lab-toolkit';
import { Heartbeat } from '../operations/progress';
import { openSession } from '../operations/session';
import {
  type ActiveChallenge,
  ChallengeStateUnreadable,
  ChallengeStore,
  challengeTargets,
  cliFixFor,
  findChallenge,
  judge,
  restoreSource,
  stackSourceOf,
  startChallenge,
  whyNotOn,
} from '../practice/challenges';
import { nextStep } from '../practice/next-steps';
import { ProgressStore } from '../practice/progress';
import type { Session } from '../targets/session';
import { type CommandOptions, renderArgv } from './command-table';
import { type CommandIo, emulatorStillAnswers } from './commands';

/** The lab named, or with none named the one lab that has a challenge in progress. */
function challengeLab(ids: string[], command: string, store: ChallengeStore): LabDefinition {
  if (ids.length === 1) return findLab(ids[0]);
  const inProgress = store.labsInProgress();
  if (ids.length === 0 && inProgress.length === 1) return findLab(inProgress[0]);
  throw new LabInputError(
    `${command}: name one lab${inProgress.length ? ` (challenges in progress: ${inProgress.join(', ')})` : ''}, for example npx labs ${command} lab-02`,
  );
}

/**
 * `npx labs challenge <lab>`: the lab's challenges. `challenge <lab> <name>`: stack.ts with the fault,
 * deployed; `--solution` shows the reference fixes; `--restore` puts stack.ts back and ends it.
 */
export async function challengeCommand(
  io: CommandIo,
  args: string[],
  options: CommandOptions<'challenge'>,
  store = new ChallengeStore(),
  progress = new ProgressStore(),
  root = PROJECT_ROOT,
): Promise<number> {
  const [labId, name, ...rest] = args;
  if (!labId || rest.length > 0) {
    throw new LabInputError(
      'challenge: npx labs challenge <lab> [<name>] (for example npx labs challenge lab-02)',
    );
  }
  const lab = findLab(labId);
  const challenges = lab.challenges ?? [];
  if (options.restore) return restoreCommand(io, lab, store, root);
  const active = store.active(lab.id);

  if (name === undefined) {
    if (challenges.length === 0) throw new LabInputError(`${lab.id} has no challenges yet`);
    const solved = progress.read()[lab.id]?.challenges ?? {};
    io.out(`${lab.id} challenges (start one with npx labs challenge ${lab.id} <name>):`);
    for (const challenge of challenges) {
      const state =
        active?.name === challenge.name
          ? 'in progress'
          : solved[challenge.name]?.solvedAt
            ? 'solved'
            : 'open';
      io.out(`  ${challenge.name}  [${state}; runs on ${challengeTargets(lab, challenge).join(', ')}]`);
      io.out(`    ${challenge.symptom}`);
    }
    return 0;
  }

  const challenge = findChallenge(lab, name);
  if (options.solution) {
    const session = await openSession(options.target ?? active?.target, io.progress, { start: false });
    const toolkit = new LabToolkit({ session, progress: io.progress });
    const outputs = await solutionOutputs(() => toolkit.outputsOf(lab)).finally(() => toolkit.dispose());
    io.out(`${lab.id} ${challenge.name}: ${challenge.scenario}`);
    io.out(`\nfix by editing the stack: ${challenge.fix.stack}`);
    io.out(
      `\nfix with the AWS CLI against the deployed lab${session.kind === 'emulator' ? ` (${CLI_V1_NOTE})` : ''}:`,
    );
    for (const line of cliSetup(session)) io.out(`  ${line}`);
    for (const line of cliFixFor(challenge, outputs).split('\n')) io.out(`  ${line}`);
    io.out(`\nthen: npx labs check ${lab.id}`);
    if (active?.name === challenge.name) store.update(lab.id, { solutionShown: true });
    progress.recordChallenge(lab.id, challenge.name, { solutionShown: true });
    return 0;
  }

  if (active) {
    throw new LabInputError(
      `challenge ${active.name} is in progress on ${lab.id}: check it with npx labs check ${lab.id}, or end it with npx labs challenge ${lab.id} --restore`,
    );
  }
  const session = await openSession(options.target, io.progress, { start: true });
  const why = whyNotOn(lab, challenge, session.target);
  if (why) {
    const elsewhere = challengeTargets(lab, challenge);
    throw new LabInputError(
      `${lab.id} ${challenge.name} cannot show its symptom on ${session.target}: ${why}` +
        (elsewhere.length
          ? ` It runs on ${elsewhere.join(', ')}: npx labs challenge ${lab.id} ${challenge.name} --target ${elsewhere[0]}`
          : ''),
    );
  }
  // The original and the record are saved before the fault is written (a failed write stops here).
  startChallenge(lab, challenge, session.target, store, root);
  const failed = await deployFault(io, lab, session, options);
  if (failed) {
    const restored = restoreSource(lab, store.require(lab, 'challenge'), root, store.dir);
    store.end(lab.id);
    let redeployed = '';
    if (failed.destroyed) {
      // The learner had the lab deployed: deploy it again, as stack.ts has it now.
      redeployed =
        labsCli(deployArguments(lab, session.target, options)) === 0
          ? `; ${lab.id} is deployed again as stack.ts has it`
          : `; deploying ${lab.id} again failed too (above): npx labs deploy ${lab.id}`;
    }
    throw new LabInputError(
      `challenge ${challenge.name}: ${failed.why}; ${restored}, and the challenge is not started${redeployed}`,
    );
  }
  io.out('');
  io.out(`challenge ${challenge.name} is deployed on ${session.target}. What a user reports:`);
  io.out(`  ${challenge.symptom}`);
  io.out('');
  io.out('Find and fix the cause, either way:');
  for (const line of cliRoute(session)) io.out(line);
  io.out(`  - or by editing labs/${lab.slug}/stack.ts and running npx labs deploy ${lab.id}`);
  io.out(spoilerNote(lab));
  io.out(
    `then: npx labs check ${lab.id}   stuck: npx labs hint ${lab.id}   give up: npx labs challenge ${lab.id} --restore`,
  );
  return 0;
}

/**
 * `challenge <lab> --restore`: stack.ts back as it was, the challenge ended. When the record cannot be
 * read, stack.ts still comes back from the copy saved when the challenge started, and the unreadable
 * record is left as it is.
 */
function restoreCommand(io: CommandIo, lab: LabDefinition, store: ChallengeStore, root: string): number {
  let active: ActiveChallenge | undefined;
  let unreadable: ChallengeStateUnreadable | undefined;
  try {
    active = store.active(lab.id);
  } catch (error) {
    if (!(error instanceof ChallengeStateUnreadable)) throw error;
    unreadable = error;
  }
  if (active) {
    io.out(restoreSource(lab, active, root, store.dir));
    store.end(lab.id);
    io.out(
      `challenge ${active.name} ended. The deployed lab is as you left it; npx labs deploy ${lab.id} deploys stack.ts as it is now.`,
    );
    return 0;
  }
  const saved = store.savedSources(lab.id);
  if (!saved) {
    if (unreadable)
      throw new LabInputError(`${unreadable.message}; there is no saved copy of ${lab.id}'s stack.ts`);
    throw new LabInputError(`challenge --restore: no challenge in progress on ${lab.id}`);
  }
  io.out(restoreSource(lab, saved, root, store.dir));
  store.forgetSavedSources(lab.id);
  io.out(
    unreadable
      ? `put back from the copy saved when the challenge started; ${unreadable.file} cannot be read and is left as it is: move it away (mv ${unreadable.file} ${unreadable.file}.unreadable) before starting another challenge`
      : `put back from the copy saved when a challenge on ${lab.id} started (it was never recorded as started)`,
  );
  return 0;
}

/**
 * Deploys the fault (already in stack.ts) in new processes: this one loaded stack.ts before it.
 * Returns why it failed, or undefined. On an emulator a deployed lab is destroyed first (MiniStack's
 * CloudFormation keeps a property that an update removes, so a fault that removes one would not
 * reach it); if the fault then does not deploy, the caller puts stack.ts back and deploys the lab
 * again (`destroyed`), so a challenge never leaves the learner without the lab they had.
 */
async function deployFault(
  io: CommandIo,
  lab: LabDefinition,
  session: Session,
  options: CommandOptions<'challenge'>,
): Promise<{ why: string; destroyed: boolean } | undefined> {
  let destroyed = false;
  const target = session.target;
  if (session.kind === 'emulator') {
    const toolkit = new LabToolkit({
      session,
      progress: io.progress,
      bundling: false,
      validation: false,
      labs: [lab],
    });
    try {
      // Known before the destroy starts: a destroy that fails half-way has still taken the lab away.
      destroyed = (await toolkit.describeStack(lab.id)) !== undefined;
      const before = await toolkit.destroy(lab);
      if (destroyed) io.progress.line(`${lab.id} destroyed on ${target} to start the challenge afresh`);
      // What the destroyed stack itself left is reported; it does not stop the fault from deploying.
      for (const left of before.leftovers) {
        if (left.foundBy === 'stack-resource')
          io.out(`  LEFTOVER of the destroyed ${lab.id}: ${left.type} ${left.id}`);
      }
    } catch (error) {
      return {
        why: `destroying the deployed ${lab.id} to start afresh failed (${(error as Error).message}); it may be partly deleted`,
        destroyed,
      };
    } finally {
      await toolkit.dispose();
    }
  }
  if (labsCli(deployArguments(lab, target, options)) === 0) return undefined;
  return {
    why: destroyed
      ? `the deploy of the fault failed (above) after the deployed ${lab.id} was destroyed to start afresh`
      : 'the deploy failed (above)',
    destroyed,
  };
}

/** `labs <args>` in a new process (it loads stack.ts as it is now); its exit code. */
function labsCli(args: string[]): number | null {
  return spawnSync(process.execPath, [join(PROJECT_ROOT, 'bin', 'labs.mjs'), ...args], {
    stdio: 'inherit',
    env: process.env,
  }).status;
}

/**
 * The fault is a plain edit to stack.ts, so `git diff` shows it at once. Said when a challenge starts
 * rather than hidden from git: every way to hide it (assume-unchanged, staging it, a scratch branch)
 * changes the learner's git state and risks their own edits.
 */
export function spoilerNote(lab: LabDefinition): string {
  return (
    `no spoilers: git status lists labs/${lab.slug}/stack.ts as changed, but git diff shows the fault itself; ` +
    'leave the diff unread until check says solved (check judges the deployed lab, never the code)'
  );
}

/** Why `aws` is a shell function on an emulator, printed with the lines that define it. */
export const CLI_V1_NOTE =
  '`aws` is a shell function, not AWS_ENDPOINT_URL: AWS CLI v1 sends SQS calls to AWS despite that variable';

/**
 * Shell lines that point the AWS CLI at the session's emulator (its port and region, dummy keys),
 * to paste as they are; none on AWS, where the learner's own profile and region apply.
 */
export function cliSetup(session: Session): string[] {
  if (session.kind === 'aws') return [];
  return [
    `export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=${session.region} AWS_DEFAULT_REGION=${session.region}`,
    `aws() { command aws --endpoint-url ${session.endpoint} "$@"; }`,
  ];
}

/** The AWS CLI way of a challenge's start message: on an emulator with the setup to paste first. */
export function cliRoute(session: Session): string[] {
  const setup = cliSetup(session);
  if (setup.length === 0) return ['  - with AWS CLI calls against the deployed lab'];
  return [
    `  - with AWS CLI calls against the deployed lab; paste this into your shell first (${CLI_V1_NOTE}):`,
    ...setup.map((line) => `      ${line}`),
  ];
}

/**
 * The deployed lab's outputs, which fill in the `$Names` of a challenge's AWS CLI fix. A lab that is
 * not deployed (or not completely) has none: deploy first, rather than commands with unset names.
 */
export async function solutionOutputs(
  outputsOf: () => Promise<Record<string, string>>,
): Promise<Record<string, string>> {
  try {
    return await outputsOf();
  } catch (error) {
    if (!(error instanceof LabInputError)) throw error;
    throw new LabInputError(
      `--solution fills the deployed lab's outputs into its AWS CLI commands, so deploy first: ${error.message}`,
    );
  }
}

/** `labs deploy` for the lab, with the deploy options the learner gave the challenge command. */
function deployArguments(lab: LabDefinition, target: Target, options: CommandOptions<'challenge'>): string[] {
  return renderArgv('deploy', [lab.id], { ...options, target });
}

/** `npx labs check <lab>`: runs the active challenge's checks; solved, or what still fails. */
export async function checkCommand(
  io: CommandIo,
  ids: string[],
  options: CommandOptions<'check'>,
  store = new ChallengeStore(),
  progress = new ProgressStore(),
): Promise<number> {
  const lab = challengeLab(ids, 'check', store);
  const active = store.require(lab, 'check');
  const challenge = findChallenge(lab, active.name);
  const session = await openSession(options.target ?? active.target, io.progress, { start: false });
  const toolkit = new LabToolkit({ session, progress: io.progress });
  const outputs = await toolkit.outputsOf(lab);
  const experiments = experimentsOf(lab).filter((e) => challenge.checks.includes(e.id));
  io.out(`${lab.id} ${challenge.name} on ${session.target}: ${experiments.length} check(s)`);
  // A quiet check shows its last status's age (see verify).
  const heartbeat = new Heartbeat(io.progress);
  const results = await heartbeat.during(() =>
    runExperiments(
      experiments,
      {
        lab,
        target: session.target,
        outputs,
        clientConfig: session.clientConfig,
        progress: (text) => heartbeat.status(`  ${text}`),
      },
      (result) => {
        heartbeat.forget();
        io.out(`  ${formatResult(result)}`);
      },
      emulatorStillAnswers(session, lab, `npx labs check ${lab.id}`),
    ),
  );

  const verdict = judge(results);
  if (verdict.kind === 'cannot-judge') {
    io.out(`cannot judge on ${session.target}: ${verdict.reason}`);
    return 1;
  }
  if (verdict.kind === 'failing') {
    io.out(`not solved yet: ${verdict.failing.map((r) => r.name).join('; ')} still fail(s)`);
    io.out(`hint: npx labs hint ${lab.id} (${active.hintsShown} of 3 used)`);
    return 1;
  }
  io.out(`solved: ${challenge.name} (${challenge.scenario}); hints used: ${active.hintsShown}`);
  const current = readFileSync(stackSourceOf(lab), 'utf8');
  if (current === active.broken) {
    // Fixed on the deployed lab: the fault must not stay in the code for the next deploy.
    io.out(
      `${restoreSource(lab, active, PROJECT_ROOT, store.dir)}; npx labs deploy ${lab.id} brings the stack in line with it`,
    );
  } else if (current !== active.original) {
    io.out(`your edits to labs/${lab.slug}/stack.ts stay (git diff labs/${lab.slug}/stack.ts shows them)`);
  }
  store.end(lab.id);
  progress.recordChallenge(lab.id, challenge.name, {
    solvedAt: new Date().toISOString(),
    target: session.target,
    hintsUsed: active.hintsShown,
  });
  io.out(nextStep('solved', lab, session.target, progress.read()[lab.id]));
  return 0;
}

/** `npx labs hint <lab>`: the next hint of the active challenge (symptom, where to look, the fact). */
export function hintCommand(
  io: CommandIo,
  ids: string[],
  store = new ChallengeStore(),
  progress = new ProgressStore(),
): number {
  const lab = challengeLab(ids, 'hint', store);
  const active = store.require(lab, 'hint');
  const challenge = findChallenge(lab, active.name);
  const shown = Math.min(active.hintsShown + 1, challenge.hints.length);
  challenge.hints.slice(0, shown).forEach((hint, i) => {
    io.out(`hint ${i + 1}/${challenge.hints.length}: ${hint}`);
  });
  if (shown === active.hintsShown) {
    io.out(
      `no more hints; npx labs challenge ${lab.id} ${challenge.name} --solution shows the reference fixes`,
    );
  }
  store.update(lab.id, { hintsShown: shown });
  progress.recordChallenge(lab.id, challenge.name, { hintsUsed: shown });
  return 0;
}
