import { parseArgs } from 'node:util';
import { LabInputError } from '../errors';
import { parseTtl } from '../expiry';
import { isConnectionError } from '../operations/lab-toolkit';
import { ConsoleProgress } from '../operations/progress';
import { emulatorPort, emulatorUrl } from '../targets/local-endpoint';
import { parseTarget } from '../targets/target';
import { challengeCommand, checkCommand, hintCommand } from './challenge-commands';
import {
  type CommandIo,
  type CommandOptions,
  costCommand,
  deployCommand,
  destroyCommand,
  diagramCommand,
  doctorCommand,
  downCommand,
  listCommand,
  notesErrataCommand,
  predictCommand,
  progressCommand,
  quizCommand,
  statusCommand,
  sweepCommand,
  upCommand,
  verifyCommand,
} from './commands';

/** The usage text; names the emulator port in effect (LABKIT_EMULATOR_PORT can move it). */
export function usage(): string {
  let where: string;
  try {
    where = emulatorUrl();
  } catch (error) {
    where = `none: ${(error as Error).message}`;
  }
  return USAGE.replace('{emulator}', where);
}

const USAGE = `usage: npx labs <command> [lab...] [options]

commands:
  list                          the labs, with where each one runs
  up | down | status            start / stop / show the local emulator and what is deployed on it
  deploy <lab...|--all>         deploy labs (starts and bootstraps the local emulator when needed)
  verify <lab...|--all>         run a deployed lab's experiments and print the checklist
  destroy <lab...|--all>        destroy labs (safe to repeat), then scan for leftovers
  sweep                         find expired lab stacks and resources that outlived their lab; delete after yes
  cost <lab>                    what the lab costs per hour on AWS, itemised (price date and region included)
  diagram <lab>                 the lab's architecture as a Mermaid block, drawn from its template
  notes-errata [lab...]         what the study notes say that AWS says differently now, by note file
  predict <lab>                 answer what the experiments will measure; the next verify scores you
  quiz <lab>                    exam-style questions the lab answers (--answers 1=a,2=bd for scripts)
  challenge <lab> [<name>]      list the lab's break-fix challenges; with a name, deploy the lab with that fault
                                (--solution: the reference fixes; --restore: put stack.ts back, end it)
  check [<lab>]                 judge the challenge in progress by the lab's experiments: solved, or what fails
  hint [<lab>]                  the next hint for the challenge in progress (three tiers; counted)
  progress                      what you deployed, verified and answered, per lab and exam domain (--reset)
  doctor                        check node, python, docker, the emulator, bootstrap and credentials

options:
  --target ministack|localstack|aws   default: the emulator on {emulator} (MiniStack if none runs);
                                      localstack: starts the kit's LocalStack 4.13.1 if none runs;
                                      aws needs the account on the allow-list (cdk.json labkit:allowedAccounts)
  --ttl 4h|90m|none                   deploy: when the stacks delete themselves (default on aws: 4h)
  --yes                               deploy / sweep on aws: confirm without asking
  --dry-run                           sweep: show what would be deleted, delete nothing
  --answers 1=a,2=bd,...              quiz / predict (id=value,...): the answers, without a terminal
  --reset                             progress: start over
  --solution | --restore              challenge: show the reference fixes | put stack.ts back and end it
  --all                               every lab in the catalogue
  --timeout <minutes>                 wall-clock limit per deploy (default 10)
  --verbose                           print the CDK toolkit's info messages too
  --help

environment:
  LABKIT_EMULATOR_PORT          port of the local emulator on 127.0.0.1 (default 4566)
  LABKIT_ALLOWED_ACCOUNTS       AWS account ids labs may deploy to (comma-separated), besides cdk.json
  LABKIT_REGIONS                regions that status and sweep look at on aws (comma-separated)`;

/**
 * One line for an error nothing else caught: a dropped connection to the local emulator says the
 * emulator stopped and how to go on; anything else its first message line.
 */
export function describeUnexpectedError(error: unknown): string {
  if (error instanceof LabInputError) return error.message;
  if (isConnectionError(error)) {
    return `lost the connection to ${connectionTarget(error)}: if it is the local emulator, it stopped; start it with npx labs up and run the command again`;
  }
  return String((error as Error)?.message ?? error).split('\n')[0];
}

function connectionTarget(error: unknown): string {
  const text = `${(error as Error)?.message ?? ''} ${String((error as { cause?: Error })?.cause?.message ?? '')}`;
  const address = /(\d+\.\d+\.\d+\.\d+:\d+|\[[0-9a-f:]+\]:\d+)/i.exec(text)?.[1];
  return address ? address : 'a service the kit was talking to';
}

/** The longest `--timeout`: Node's setTimeout holds at most 2^31-1 ms. */
export const MAX_TIMEOUT_MINUTES = Math.floor((2 ** 31 - 1) / 60_000);

/** Parses argv and runs one command; returns the exit code. Never throws for user errors. */
export async function main(argv: string[], io?: CommandIo): Promise<number> {
  const cliIo: CommandIo = io ?? { out: (line) => console.log(line), progress: new ConsoleProgress() };
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        target: { type: 'string' },
        all: { type: 'boolean' },
        timeout: { type: 'string' },
        verbose: { type: 'boolean' },
        ttl: { type: 'string' },
        yes: { type: 'boolean', short: 'y' },
        'dry-run': { type: 'boolean' },
        answers: { type: 'string' },
        reset: { type: 'boolean' },
        restore: { type: 'boolean' },
        solution: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    const [command, ...labs] = positionals;
    if (values.help || command === undefined || command === 'help') {
      cliIo.out(usage());
      return command === undefined && !values.help ? 1 : 0;
    }
    // Checked up front, so a bad value ends with one line before anything starts.
    emulatorPort();
    const timeoutMinutes = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMinutes !== undefined && !(timeoutMinutes > 0)) {
      throw new LabInputError(`--timeout ${values.timeout} is not a positive number of minutes`);
    }
    // A longer wait overflows Node's timer, which then fires at once (the deploy would abort).
    if (timeoutMinutes !== undefined && timeoutMinutes > MAX_TIMEOUT_MINUTES) {
      throw new LabInputError(
        `--timeout ${values.timeout} is longer than a timer can wait: give at most ${MAX_TIMEOUT_MINUTES} minutes (about 24 days)`,
      );
    }
    const options: CommandOptions = {
      target: values.target === undefined ? undefined : parseTarget(values.target),
      all: values.all,
      timeoutMinutes,
      verbose: values.verbose,
      ttl: values.ttl,
      yes: values.yes,
      dryRun: values['dry-run'],
      answers: values.answers,
      reset: values.reset,
      restore: values.restore,
      solution: values.solution,
    };
    if (values.ttl !== undefined) parseTtl(values.ttl);
    const noLabs = (name: string) => {
      if (labs.length > 0) throw new LabInputError(`${name} takes no lab ids (got ${labs.join(' ')})`);
    };
    switch (command) {
      case 'list':
        noLabs(command);
        return await listCommand(cliIo);
      case 'up':
        noLabs(command);
        return await upCommand(cliIo, options);
      case 'down':
        noLabs(command);
        return await downCommand(cliIo);
      case 'status':
        noLabs(command);
        return await statusCommand(cliIo, options);
      case 'deploy':
        return await deployCommand(cliIo, labs, options);
      case 'verify':
        return await verifyCommand(cliIo, labs, options);
      case 'destroy':
        return await destroyCommand(cliIo, labs, options);
      case 'cost':
        return await costCommand(cliIo, labs);
      case 'diagram':
        return await diagramCommand(cliIo, labs);
      case 'notes-errata':
        return notesErrataCommand(cliIo, labs);
      case 'predict':
        return await predictCommand(cliIo, labs, options);
      case 'quiz':
        return await quizCommand(cliIo, labs, options);
      case 'challenge':
        return await challengeCommand(cliIo, labs, options);
      case 'check':
        return await checkCommand(cliIo, labs, options);
      case 'hint':
        return hintCommand(cliIo, labs);
      case 'progress':
        noLabs(command);
        return progressCommand(cliIo, options);
      case 'sweep':
        noLabs(command);
        return await sweepCommand(cliIo, options);
      case 'doctor':
        noLabs(command);
        return await doctorCommand(cliIo);
      default:
        throw new LabInputError(`unknown command "${command}"; run npx labs --help`);
    }
  } catch (error) {
    const message =
      error instanceof LabInputError
        ? error.message
        : String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS_')
          ? `${(error as Error).message.replace(/\s*\n\s*/g, ' ')} (run npx labs --help)`
          : undefined;
    if (message === undefined) throw error;
    cliIo.progress.line(`error: ${message}`);
    return 1;
  }
}
