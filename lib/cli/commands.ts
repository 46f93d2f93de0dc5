import { existsSync } from 'node:fs';
import type { Stack as CfnStack } from '@aws-sdk/client-cloudformation';
import { LabInputError } from '../core/errors';
import { STATE_DIR } from '../core/paths';
import { withStateLock } from '../core/state-lock';
import { estimateHourlyCost, formatCostEstimate, usd } from '../cost/estimate';
import { renderMermaid } from '../docs/diagram';
import { formatNotesErrata } from '../docs/errata';
import { synthesizeLabTemplate } from '../docs/lab-template';
import type { ExperimentContext } from '../experiments/experiment';
import { skipSentence } from '../experiments/gaps';
import { experimentsOf } from '../experiments/registry';
import { formatResult, runExperiments, summarize } from '../experiments/runner';
import { allLabs, findLab, type LabDefinition, TARGETS, type Target } from '../lab/catalogue';
import { askToConfirm } from '../operations/confirm';
import { runDoctor } from '../operations/doctor';
import { DEFAULT_DEPLOY_TIMEOUT_MS, LabToolkit } from '../operations/lab-toolkit';
import { Heartbeat, type ProgressReporter } from '../operations/progress';
import { recordAwsRun, reportLines } from '../operations/run-recording';
import { openLocalSession, openSession } from '../operations/session';
import { keepRecord } from '../operations/toolkit-failures';
import { type ActiveChallenge, ChallengeStateUnreadable, ChallengeStore } from '../practice/challenges';
import { notMeasuredNote, practiceTarget, unmeasuredPredictionLines } from '../practice/measured-on';
import { nextStep } from '../practice/next-steps';
import {
  formatPredictionResults,
  type Prediction,
  parsePredictions,
  scorePredictions,
} from '../practice/predictions';
import { formatProgress, ProgressStore } from '../practice/progress';
import {
  answerOf,
  isRight,
  letterOf,
  parseAnswers,
  type QuizQuestion,
  questionText,
  randomSeed,
  shuffleQuiz,
} from '../practice/quiz';
import { askInTerminal, askPredictionsInTerminal } from '../practice/terminal-prompts';
import { expiryForRedeploy, resolveExpiry } from '../safety/expiry';
import { NO_EXPIRY, TAG_KEYS } from '../safety/tags';
import { describeProbe, probeEmulator } from '../targets/emulator-probe';
import { differFromAws } from '../targets/fidelity';
import type { EmulatorStop } from '../targets/host/lifecycle';
import { emulatorPort, emulatorUrl } from '../targets/local-endpoint';
import { localStackPaths } from '../targets/localstack-host';
import { deployLockName, miniStackPaths, stopEmulator } from '../targets/ministack-host';
import { emulatorSession, type Session } from '../targets/session';
import type { CommandOptions } from './command-table';

/** What every command gets: where to print results (stdout) and progress (stderr). */
export interface CommandIo {
  readonly out: (line: string) => void;
  readonly progress: ProgressReporter;
}

function selectLabs(ids: string[], all: boolean | undefined, command: string): LabDefinition[] {
  if (all && ids.length > 0) throw new LabInputError(`${command}: give lab ids or --all, not both`);
  if (all) return [...allLabs()];
  if (ids.length === 0) {
    throw new LabInputError(
      `${command}: name at least one lab (${allLabs()
        .map((lab) => lab.id)
        .join(', ')}) or --all`,
    );
  }
  return ids.map(findLab);
}

function localOnly(command: string, target: Target | undefined): void {
  if (target === 'aws') {
    throw new LabInputError(`${command} manages the local emulator; it takes no --target aws`);
  }
}

export async function listCommand(io: CommandIo): Promise<number> {
  const width = Math.max(...allLabs().map((lab) => lab.title.length));
  io.out(`${'lab'.padEnd(7)} ${'title'.padEnd(width)}  ${TARGETS.map((t) => t.padEnd(10)).join(' ')}`);
  for (const lab of allLabs()) {
    const support = TARGETS.map((t) => lab.support[t].level.padEnd(10)).join(' ');
    io.out(`${lab.id.padEnd(7)} ${lab.title.padEnd(width)}  ${support}`);
  }
  io.out(
    '\nfull: a run deployed it and ran every experiment; partial: some experiments are skipped; ' +
      'unproven: written for that target, no run recorded; none: does not deploy.',
  );
  io.out('Details per lab: labs/<lab>/README.md (support matrix). Deploy one: npx labs deploy lab-02');
  return 0;
}

export async function upCommand(io: CommandIo, options: CommandOptions<'up'>): Promise<number> {
  localOnly('up', options.target);
  const session = await openLocalSession(options.target, io.progress, { start: true });
  const toolkit = new LabToolkit({
    session,
    progress: io.progress,
    verbose: options.verbose,
  });
  await toolkit.bootstrapIfNeeded();
  io.out(`emulator: ${session.description}`);
  // The log of the kit's host process (none for an emulator started another way, e.g. Docker).
  const paths = session.target === 'localstack' ? localStackPaths() : miniStackPaths();
  if (existsSync(paths.pidFile)) io.out(`log: ${paths.log}`);
  io.out('next: npx labs deploy lab-02');
  return 0;
}

export async function downCommand(io: CommandIo): Promise<number> {
  // Whichever of the kit's emulators runs on the port (its pid file says which).
  let result: EmulatorStop = 'not-running';
  for (const [name, paths] of [
    ['MiniStack', miniStackPaths()],
    ['LocalStack', localStackPaths()],
  ] as const) {
    result = await stopEmulator((line) => io.progress.line(line), paths);
    if (result === 'stopped') {
      io.out(`${name} stopped; everything deployed on it is gone with it.`);
      return 0;
    }
  }
  if (result === 'not-running') io.out('no emulator was running.');
  else {
    const probe = await probeEmulator(emulatorUrl());
    io.out(
      `${describeProbe(probe)} on ${emulatorUrl()} was not started by labs (a container?): ` +
        'stop it where it was started, for example: docker compose --profile localstack down',
    );
  }
  return 0;
}

export async function statusCommand(io: CommandIo, options: CommandOptions<'status'>): Promise<number> {
  let session: Session;
  if (options.target === 'aws') {
    session = await openSession('aws', io.progress, { start: false });
    io.out(`target: ${session.description}`);
  } else {
    const probe = await probeEmulator(emulatorUrl());
    io.out(`emulator: ${describeProbe(probe)} on ${emulatorUrl()}`);
    if (probe.kind === 'other') {
      // `labs up` would fail on the same port: say what works instead.
      io.out(
        `deployed labs: unknown (port ${emulatorPort()} is held by a program that is not an emulator: stop it, ` +
          `or run the kit's emulator on another port: LABKIT_EMULATOR_PORT=${emulatorPort() + 1} npx labs up)`,
      );
      return 0;
    }
    if (probe.kind !== 'ministack' && probe.kind !== 'localstack') {
      io.out('deployed labs: unknown (no emulator running; start one with: npx labs up)');
      return 0;
    }
    session = emulatorSession(probe.kind);
  }
  const target = session.target;
  const toolkit = new LabToolkit({ session, progress: io.progress });
  // On AWS: every region in LABKIT_REGIONS (comma-separated), else the current one.
  const regions = target === 'aws' ? (process.env.LABKIT_REGIONS ?? '').split(',').filter(Boolean) : [];
  for (const region of regions.length > 0 ? regions : [undefined]) {
    const stacks = await toolkit.deployedLabStacks(region);
    const where = region ? ` in ${region}` : '';
    // A `labkit:lab` tag is only a claim: the kit's record of the stack's ARN is the proof.
    const judged = stacks.map((stack) => ({
      stack,
      ownership: sweepModule().stackOwnership(stack, session.clientConfig),
    }));
    if (!judged.some(({ ownership }) => ownership.proven)) io.out(`deployed labs${where}: none`);
    for (const { stack, ownership } of judged) {
      if (ownership.proven) io.out(`  ${describeDeployedLab(stack, target)}${where}`);
      else
        io.out(
          `  not a proven lab: ${stack.StackName}  ${stack.StackStatus}${where}  (${ownership.missing})`,
        );
      // A deploy cut short recorded nothing yet: its stack is unproven, and this says why.
      const unfinished = toolkit.records.unfinished(
        stack.StackName ?? '',
        target === 'ministack' ? '' : ` --target ${target}`,
      );
      if (unfinished) io.out(`    INCOMPLETE: ${unfinished}`);
    }
  }
  return 0;
}

/** `lab-03  CREATE_COMPLETE  up 1.5 h  expires 2026-11-23T04:00Z  ~$0.083 so far` (cost on AWS only). */
function describeDeployedLab(stack: CfnStack, target: Target, now = Date.now()): string {
  const created = stack.CreationTime?.getTime() ?? now;
  const hours = (now - created) / 3_600_000;
  const expires = stack.Tags?.find((t) => t.Key === TAG_KEYS.expiresAt)?.Value ?? NO_EXPIRY;
  const lab = allLabs().find((l) => l.id === stack.StackName);
  const cost =
    target === 'aws' && lab
      ? `  ~${usd(estimateHourlyCost(synthesizeLabTemplate(lab)).perHour * hours)} so far`
      : '';
  return `${stack.StackName}  ${stack.StackStatus}  up ${hours.toFixed(1)} h  expires ${expires}${cost}`;
}

/** Asks a yes/no question on the terminal; without a terminal, refuses (scripts pass --yes). */
async function confirm(question: string, yes: boolean | undefined, io: CommandIo): Promise<void> {
  if (!(await askToConfirm(question, yes))) {
    io.out('not confirmed; nothing was changed');
    throw new LabInputError('cancelled');
  }
}

export async function deployCommand(
  io: CommandIo,
  ids: string[],
  options: CommandOptions<'deploy'>,
): Promise<number> {
  const labs = selectLabs(ids, options.all, 'deploy');
  if (options.target === 'aws') return deployLabs(io, labs, options);
  // Held from before the emulator is started until the last lab is done: `labs down` refuses meanwhile.
  return withStateLock(deployLockName(), () => deployLabs(io, labs, options));
}

async function deployLabs(
  io: CommandIo,
  labs: LabDefinition[],
  options: CommandOptions<'deploy'>,
): Promise<number> {
  const session = await openSession(options.target, io.progress, { start: true });
  io.progress.line(`target: ${session.target} (${session.description})`);
  let expiresAt = resolveExpiry({ ttl: options.ttl }, session.target === 'aws');
  if (session.target === 'aws' && options.ttl === undefined && expiresAt) {
    // A redeploy never cuts a lab's life short: keep a deployed stack's later expiry (--ttl wins).
    const deployed = new LabToolkit({
      session,
      progress: io.progress,
    });
    const tags = await Promise.all(
      labs.map(
        async (lab) =>
          (await deployed.describeStack(lab.id))?.Tags?.find((t) => t.Key === TAG_KEYS.expiresAt)?.Value,
      ),
    );
    const decided = expiryForRedeploy(expiresAt, tags, false);
    if (decided.keptExisting)
      io.progress.line('keeping the later expiry of the deployed stack (--ttl to change it)');
    expiresAt = decided.expiresAt;
  }
  const unsupported = labs.filter((lab) => lab.support[session.target].level === 'none');
  for (const lab of unsupported) {
    throw new LabInputError(
      `${lab.id} does not deploy on ${session.target}: ${lab.support[session.target].note}`,
    );
  }
  if (session.target === 'aws') {
    // What it costs and when it ends, before anything is created.
    for (const lab of labs) {
      io.out(`${lab.id} on AWS costs, while deployed:\n`);
      io.out(formatCostEstimate(estimateHourlyCost(synthesizeLabTemplate(lab))));
      io.out('');
    }
    io.out(
      expiresAt
        ? `expiry: ${expiresAt.toISOString()} (the stacks delete themselves then; --ttl to change)`
        : 'expiry: none (--ttl none): these labs bill until you destroy them',
    );
    await confirm(`Deploy ${labs.map((l) => l.id).join(', ')} to ${session.description}?`, options.yes, io);
  }
  const toolkit = new LabToolkit({
    session,
    progress: io.progress,
    verbose: options.verbose,
    expiresAt,
    // Only the labs asked for are synthesized and bundled.
    labs,
    // On AWS, changes that widen IAM or security-group access are shown and asked about, as cdk deploy does.
    approveSecurityChanges:
      session.target === 'aws'
        ? (stacks) => askToConfirm(`Deploy these IAM and security group changes of ${stacks}?`, options.yes)
        : undefined,
  });
  let exitCode = 0;
  try {
    for (const lab of labs) {
      const deployed = await toolkit.deploy(
        lab,
        (options.timeoutMinutes ?? DEFAULT_DEPLOY_TIMEOUT_MS / 60_000) * 60_000,
      );
      for (const step of deployed.compatibility) io.progress.line(`compatibility step ${step}`);
      io.out(`${lab.id} deployed on ${session.target} in ${deployed.seconds.toFixed(1)} s. Outputs:`);
      for (const [key, value] of Object.entries(deployed.outputs).sort()) io.out(`  ${key} = ${value}`);
      const partial = lab.support[session.target];
      if (partial.level === 'partial') {
        const skips = skipSentence(experimentsOf(lab), session.target, `\`labs verify ${lab.id}\` says why`);
        io.out(`note (${session.target}): ${[partial.note, skips].filter(Boolean).join(' ')}`);
      }
      const unrecorded = [...deployed.unrecorded];
      await keepRecord(
        'your progress',
        () =>
          new ProgressStore().record(lab.id, {
            deployed: { at: new Date().toISOString(), target: session.target },
          }),
        unrecorded,
      );
      if (unrecorded.length > 0) {
        // Exit code 2: deployed, but the kit's records are behind (README, the labs CLI).
        exitCode = 2;
        io.progress.line(
          `${lab.id} IS deployed on ${session.target}, but the kit could not record ${unrecorded.join('; ')}: ` +
            `make .labs writable (chmod -R u+w ${STATE_DIR}) and run npx labs deploy ${lab.id}${targetFlag(session.target)} again to record it`,
        );
        continue; // verify refuses a deploy the kit has not recorded as finished: no `next: verify`
      }
      // During a challenge the learner's next step is `check`, which judges the fix (verify only reports).
      // An unreadable challenge record does not undo a deploy that succeeded: it is said, not thrown.
      let challenge: ActiveChallenge | undefined;
      try {
        challenge = new ChallengeStore().active(lab.id);
      } catch (error) {
        if (!(error instanceof ChallengeStateUnreadable)) throw error;
        io.out(`note: ${error.message}`);
      }
      io.out(
        challenge
          ? `next: npx labs check ${lab.id}   (challenge ${challenge.name} is on; stuck: npx labs hint ${lab.id})`
          : `next: npx labs verify ${lab.id}   (guide: labs/${lab.slug}/README.md)`,
      );
    }
  } finally {
    await toolkit.dispose();
  }
  return exitCode;
}

/** ` --target <target>` for a command the user runs next, or nothing for the default (MiniStack). */
function targetFlag(target: Target): string {
  return target === 'ministack' ? '' : ` --target ${target}`;
}

/**
 * For runExperiments: on an emulator, a failure when nothing answers on its port any more is the
 * emulator's, not the lab's. It ends the run with one line (and nothing recorded), instead of one
 * connection failure per experiment. On AWS a failure is always the lab's.
 */
export function emulatorStillAnswers(
  session: Session,
  lab: LabDefinition,
  again: string,
): () => Promise<void> {
  return async () => {
    if (session.kind !== 'emulator') return;
    if ((await probeEmulator(session.endpoint, 1000)).kind !== 'nothing') return;
    throw new LabInputError(
      `the emulator stopped answering at ${session.endpoint} during the experiments of ${lab.id}; ` +
        `start it with npx labs up and run ${again} again`,
    );
  };
}

export async function verifyCommand(
  io: CommandIo,
  ids: string[],
  options: CommandOptions<'verify'>,
): Promise<number> {
  const labs = selectLabs(ids, options.all, 'verify');
  const session = await openSession(options.target, io.progress, { start: false });
  const toolkit = new LabToolkit({ session, progress: io.progress });
  let failed = 0;
  for (const lab of labs) {
    const outputs = await toolkit.outputsOf(lab);
    const experiments = experimentsOf(lab);
    io.out(`${lab.id} on ${session.target}: ${experiments.length} experiments`);
    // A quiet experiment (lab-10 waits ~55 s for a schedule tick) shows its last status's age.
    const heartbeat = new Heartbeat(io.progress);
    const context: ExperimentContext = {
      lab,
      target: session.target,
      outputs,
      clientConfig: session.clientConfig,
      progress: (text) => heartbeat.status(`  ${text}`),
    };
    const results = await heartbeat.during(() =>
      runExperiments(
        experiments,
        context,
        (result) => {
          heartbeat.forget();
          io.out(`  ${formatResult(result)}`);
        },
        emulatorStillAnswers(session, lab, `npx labs verify ${lab.id}`),
      ),
    );
    const summary = summarize(results);
    io.out(`${lab.id}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    if (session.kind === 'aws') for (const line of await recordAwsRun(lab, session, results)) io.out(line);
    if (session.target !== 'aws') {
      for (const line of differFromAws(lab.id, session.target, experiments)) io.out(line);
    }
    const store = new ProgressStore();
    const predicted = store.read()[lab.id]?.predicted;
    const scored = scorePredictions(lab.predictions ?? [], predicted?.answers ?? {}, results);
    for (const line of formatPredictionResults(scored)) io.out(line);
    const measured = scored.filter((r) => r.right !== undefined);
    store.record(lab.id, {
      verified: { at: new Date().toISOString(), target: session.target, ...summary },
      ...(measured.length > 0 && {
        predictionScore: {
          at: new Date().toISOString(),
          right: measured.filter((r) => r.right).length,
          total: measured.length,
        },
      }),
    });
    failed += summary.failed;
    // With --all, one line per lab would bury the results: the next steps are for one lab.
    if (labs.length === 1) io.out(nextStep('verified', lab, session.target, store.read()[lab.id]));
  }
  return failed > 0 ? 1 : 0;
}

export async function destroyCommand(
  io: CommandIo,
  ids: string[],
  options: CommandOptions<'destroy'>,
): Promise<number> {
  const labs = selectLabs(ids, options.all, 'destroy');
  const session = await openSession(options.target, io.progress, { start: false });
  const toolkit = new LabToolkit({
    session,
    progress: io.progress,
    verbose: options.verbose,
    // Destroy needs the stack names only: no bundling, no template validation, no other lab.
    bundling: false,
    validation: false,
    labs,
  });
  try {
    let leftovers = 0;
    for (const lab of labs) {
      const destroyed = await toolkit.destroy(lab);
      if (!destroyed.existed) {
        io.out(`${lab.id} is not deployed on ${session.target}; nothing to destroy`);
        continue;
      }
      io.out(`${lab.id} destroyed on ${session.target} in ${destroyed.seconds.toFixed(1)} s`);
      for (const step of destroyed.compatibility) io.progress.line(`compatibility step ${step}`);
      // Only a resource the stack listed before its deletion is proven the lab's: a name that merely
      // looks like the lab's may be anyone's, so it is a note and does not fail the destroy.
      const proven = destroyed.leftovers.filter((left) => left.foundBy === 'stack-resource');
      const named = destroyed.leftovers.filter((left) => left.foundBy !== 'stack-resource');
      if (proven.length === 0) io.out('  leftover scan: nothing of the stack left behind');
      for (const left of proven) io.out(`  LEFTOVER ${left.type} ${left.id} (a resource of the stack)`);
      for (const left of named) {
        io.out(
          `  note: ${left.type} ${left.id} has a name like ${lab.id}'s, but the stack never listed it; ` +
            'not counted as a leftover (delete it yourself if the lab made it)',
        );
      }
      leftovers += proven.length;
    }
    if (leftovers > 0) {
      io.out(`${leftovers} leftover(s): delete them by hand and please report it as a bug of the lab`);
      return 1;
    }
  } finally {
    await toolkit.dispose();
  }
  return 0;
}

/** `labs diagram <lab>`: the lab's architecture as a Mermaid block, drawn from its template. */
export async function diagramCommand(io: CommandIo, ids: string[]): Promise<number> {
  if (ids.length !== 1) throw new LabInputError('diagram: name one lab, for example npx labs diagram lab-02');
  const lab = findLab(ids[0]);
  io.out(['```mermaid', renderMermaid(synthesizeLabTemplate(lab)), '```'].join('\n'));
  return 0;
}

/**
 * `labs quiz <lab> [--seed N] [--answers 1=a,2=bd]`: the lab's exam-style questions with the
 * choices shuffled each time; in the terminal, or printed in the order of `--seed` and answered
 * with `--seed` and `--answers`. Prints each answer, why each wrong choice is wrong and where the
 * lab shows it, and records the score in the learner's progress.
 */
export async function quizCommand(
  io: CommandIo,
  ids: string[],
  options: CommandOptions<'quiz'>,
  ask: (questions: readonly QuizQuestion[]) => Promise<number[][]> = askInTerminal,
  store = new ProgressStore(),
): Promise<number> {
  if (ids.length !== 1) throw new LabInputError('quiz: name one lab, for example npx labs quiz lab-02');
  const lab = findLab(ids[0]);
  if ((lab.quiz ?? []).length === 0) throw new LabInputError(`${lab.id} has no quiz yet`);
  if (options.answers !== undefined && options.seed === undefined)
    throw new LabInputError(
      `quiz: the choices are shuffled each time, so --answers needs the --seed you read them in: npx labs quiz ${lab.id} --seed 1 (prints them), then add --answers 1=a,2=bd,...`,
    );
  const seed = options.seed ?? randomSeed();
  const questions = shuffleQuiz(lab.quiz ?? [], seed);
  if (options.answers === undefined && (options.seed !== undefined || !process.stdin.isTTY)) {
    io.out(`${lab.id} quiz, choices in the order of --seed ${seed}:`);
    questions.forEach((question, i) => {
      io.out(`${i + 1}. ${questionText(question)}`);
      for (const [c, choice] of question.choices.entries()) io.out(`   ${letterOf(c)}) ${choice.text}`);
    });
    io.out(`answer: npx labs quiz ${lab.id} --seed ${seed} --answers 1=a,2=bd,...`);
    return 0;
  }
  let picks: number[][];
  if (options.answers !== undefined) {
    picks = parseAnswers(options.answers, questions);
  } else {
    try {
      picks = await ask(questions);
    } catch (error) {
      // Ctrl-C or a closed terminal inside a prompt (@inquirer's ExitPromptError): no score to keep.
      if ((error as Error).name !== 'ExitPromptError') throw error;
      throw new LabInputError('quiz stopped before the last question: nothing recorded');
    }
  }
  const right = questions.map((question, i) => isRight(question, picks[i]));
  const { target } = practiceTarget(options.target, store.read()[lab.id]);
  io.out(`${lab.id} quiz, choices in the order of --seed ${seed}:`);
  questions.forEach((question, i) => {
    const letters = (indexes: readonly number[]) => indexes.map(letterOf).join('') || '-';
    const where =
      'experiment' in question.shownBy
        ? `npx labs verify ${lab.id}: "${question.shownBy.experiment}" ${notMeasuredNote(lab, question.shownBy.experiment, target)}`.trimEnd()
        : 'challenge' in question.shownBy
          ? `npx labs challenge ${lab.id} ${question.shownBy.challenge}`
          : `labs/${lab.slug}/README.md, ${question.shownBy.guide}`;
    io.out(
      `${i + 1}. ${right[i] ? 'right' : 'wrong'}: you chose ${letters(picks[i])}, the answer is ${letters(answerOf(question))}`,
    );
    for (const [c, choice] of question.choices.entries())
      io.out(`   ${letterOf(c)}) ${choice.text}: ${'right' in choice ? 'right' : `wrong, ${choice.wrong}`}`);
    io.out(`   ${question.explanation}`);
    io.out(`   shown by: ${where}`);
  });
  io.out(`${lab.id} quiz: ${right.filter(Boolean).length}/${questions.length} right`);
  store.record(lab.id, { quiz: { at: new Date().toISOString(), right } });
  const record = store.read()[lab.id];
  io.out(nextStep('quiz', lab, record?.verified?.target ?? record?.deployed?.target ?? 'ministack', record));
  return 0;
}

/**
 * `labs predict <lab> [--answers id=value,...]`: asks the lab's predictions before its experiments
 * run and saves the answers; the next `labs verify` scores them against what it measures.
 */
export async function predictCommand(
  io: CommandIo,
  ids: string[],
  options: CommandOptions<'predict'>,
  ask: (predictions: readonly Prediction[]) => Promise<Record<string, string>> = askPredictionsInTerminal,
  store = new ProgressStore(),
): Promise<number> {
  if (ids.length !== 1) throw new LabInputError('predict: name one lab, for example npx labs predict lab-02');
  const lab = findLab(ids[0]);
  const predictions = lab.predictions ?? [];
  if (predictions.length === 0) throw new LabInputError(`${lab.id} has no predictions yet`);
  const target = practiceTarget(options.target, store.read()[lab.id]);
  for (const line of unmeasuredPredictionLines(lab, predictions, target)) io.out(line);
  let answers: Record<string, string>;
  if (options.answers !== undefined) {
    answers = parsePredictions(options.answers, predictions);
  } else if (!process.stdin.isTTY) {
    throw new LabInputError(
      `predict: no terminal to ask in; give the answers instead: npx labs predict ${lab.id} --answers ` +
        predictions.map((p) => `${p.id}=...`).join(','),
    );
  } else {
    try {
      // Each question unmeasurable here says so where it is asked, too.
      answers = await ask(
        predictions.map((p) => {
          const note = notMeasuredNote(lab, p.experiment, target.target);
          return note ? { ...p, question: `${p.question} ${note}` } : p;
        }),
      );
    } catch (error) {
      if ((error as Error).name !== 'ExitPromptError') throw error;
      throw new LabInputError('predict stopped before the last question: nothing recorded');
    }
  }
  store.record(lab.id, { predicted: { at: new Date().toISOString(), answers } });
  io.out(
    `${predictions.length} predictions saved for ${lab.id}. next: npx labs verify ${lab.id} (it scores them)`,
  );
  return 0;
}

/** `labs progress [--reset]`: deployed, verified and quiz scores per lab, exam domain and task statement, from .labs/. */
export function progressCommand(
  io: CommandIo,
  options: CommandOptions<'progress'>,
  store = new ProgressStore(),
): number {
  if (options.reset) {
    store.reset();
    io.out('progress reset: nothing is recorded now');
    return 0;
  }
  for (const line of formatProgress(store.read(), allLabs())) io.out(line);
  return 0;
}

/** `labs notes-errata [lab...]`: the outdated statements in the notes, by note file (all labs by default). */
export function notesErrataCommand(io: CommandIo, ids: string[]): number {
  const labs = ids.length ? ids.map(findLab) : allLabs();
  for (const line of formatNotesErrata(labs)) io.out(line);
  return 0;
}

/**
 * The sweep module, loaded by the commands that use it (status, sweep): it loads the AWS SDK
 * clients of every service the kit knows, about 0.2 s that `labs check` and the others need not pay.
 */
function sweepModule(): typeof import('../operations/sweep') {
  return require('../operations/sweep') as typeof import('../operations/sweep');
}

/** `labs sweep`: expired lab stacks and resources that outlived their lab; deletes after confirmation. */
export async function sweepCommand(io: CommandIo, options: CommandOptions<'sweep'>): Promise<number> {
  const session = await openSession(options.target, io.progress, { start: false });
  const config = session.clientConfig;
  const { formatRefusal, FAILED, surveySweep, sweep } = sweepModule();
  const { candidates, refused } = await surveySweep(config);
  io.out(`sweep on ${session.description}: ${candidates.length} item(s)`);
  for (const c of candidates) io.out(`  ${c.kind}  ${c.type}  ${c.id}  ${c.region}  (${c.reason})`);
  // What claims to be a lab's without proof: one line each, so the learner sees why it stays.
  for (const r of refused) io.out(`  ${formatRefusal(r)}`);
  if (candidates.length === 0 || options.dryRun) {
    if (options.dryRun && candidates.length > 0) io.out('dry run: nothing was deleted');
    return 0;
  }
  await confirm(`Delete these ${candidates.length} item(s)?`, options.yes, io);
  const lines = await sweep(candidates, config);
  for (const line of lines) io.out(`  ${line}`);
  const failed = lines.filter((line) => line.startsWith(FAILED)).length;
  if (failed > 0) io.out(`${failed} delete(s) failed: fix the reason shown and run npx labs sweep again`);
  return failed > 0 ? 1 : 0;
}

/** `labs cost <lab>`: what the lab costs per hour on AWS, itemised, from the kit's price table. */
export async function costCommand(io: CommandIo, ids: string[]): Promise<number> {
  if (ids.length !== 1) throw new LabInputError('cost: name one lab, for example npx labs cost lab-03');
  const lab = findLab(ids[0]);
  io.out(`${lab.id} on AWS, default configuration:\n`);
  io.out(formatCostEstimate(estimateHourlyCost(synthesizeLabTemplate(lab))));
  return 0;
}

export async function reportCommand(io: CommandIo, ids: string[]): Promise<number> {
  if (ids.length !== 1) throw new LabInputError('report: name one lab, for example npx labs report lab-02');
  io.out(reportLines(findLab(ids[0])));
  return 0;
}

export async function doctorCommand(io: CommandIo): Promise<number> {
  const checks = await runDoctor();
  for (const check of checks) {
    io.out(`${check.ok ? '[ok]  ' : check.required ? '[MISSING]' : '[--]  '} ${check.name}: ${check.detail}`);
    if (!check.ok && check.fix) io.out(`       fix: ${check.fix}`);
  }
  return checks.some((check) => check.required && !check.ok) ? 1 : 0;
}
