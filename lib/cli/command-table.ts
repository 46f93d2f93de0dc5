import {
  ALL,
  ANSWERS,
  DRY_RUN,
  displayFlags,
  longFlag,
  type OptionSpec,
  RESET,
  RESTORE,
  SOLUTION,
  TARGET,
  TIMEOUT,
  TTL,
  takesValue,
  VERBOSE,
  YES,
} from './command-options';
import type { CommandIo, CommandOptions } from './commands';

/**
 * One command of the `labs` CLI. The parser, the per-command help, the global usage, the README's
 * CLI table and the argv of a re-spawned `labs` are all made from these entries.
 */
export interface CommandSpec {
  readonly name: string;
  /** Its arguments as help writes them (`<lab...|--all>`); empty: it takes none. */
  readonly args: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** What it does, for its own `--help` and the README. */
  readonly help: string;
  /** The only options it accepts; any other is refused. */
  readonly options: readonly OptionSpec[];
  readonly run: (io: CommandIo, args: string[], options: CommandOptions) => Promise<number>;
}

// Loaded when a command runs, not when the table is read: `labs --help`, the docs generator and the
// drift test then skip the CDK toolkit and the SDK clients the handlers bring in.
// (require, not import(): bin/labs.mjs loads the kit through tsx's CommonJS hook.)
const commands = () => require('./commands') as typeof import('./commands');
const challenges = () => require('./challenge-commands') as typeof import('./challenge-commands');

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'list',
    args: '',
    summary: 'the labs, with where each one runs',
    help: 'the labs, with `full` / `partial` / `none` per target',
    options: [],
    run: async (io) => commands().listCommand(io),
  },
  {
    name: 'up',
    args: '',
    summary: 'start the local emulator and bootstrap it',
    help: 'start the local emulator (installed on first use) and bootstrap it',
    options: [TARGET, VERBOSE],
    run: async (io, _args, options) => commands().upCommand(io, options),
  },
  {
    name: 'down',
    args: '',
    summary: 'stop the local emulator',
    help: "stop the kit's local emulator; everything deployed on it is gone with it",
    options: [],
    run: async (io) => commands().downCommand(io),
  },
  {
    name: 'status',
    args: '',
    summary: 'show the local emulator and what is deployed on it',
    help: 'show the local emulator and the labs deployed on it (on aws: in each region of LABKIT_REGIONS)',
    options: [TARGET],
    run: async (io, _args, options) => commands().statusCommand(io, options),
  },
  {
    name: 'deploy',
    args: '<lab...|--all>',
    summary: 'deploy labs (starts and bootstraps the local emulator when needed)',
    help:
      'bootstrap when needed, deploy with progress (resources done / total, current resource, elapsed), ' +
      'print the outputs and the next command; `--timeout` ends a hung deploy and exits',
    options: [TARGET, ALL, TTL, YES, TIMEOUT, VERBOSE],
    run: async (io, args, options) => commands().deployCommand(io, args, options),
  },
  {
    name: 'verify',
    args: '<lab...|--all>',
    summary: "run a deployed lab's experiments and print the checklist",
    help:
      "run the lab's experiments: each prints pass, FAIL with the observed value, or skip with the reason; " +
      'exit 1 on a failure',
    options: [TARGET, ALL],
    run: async (io, args, options) => commands().verifyCommand(io, args, options),
  },
  {
    name: 'destroy',
    args: '<lab...|--all>',
    summary: 'destroy labs (safe to repeat), then scan for leftovers',
    help:
      'destroy (safe to repeat), then scan for leftovers: a resource the stack listed that still exists fails ' +
      "the destroy; a queue, topic, table, function, log group, bucket, load balancer or security group that only carries the lab's name or tag is a note",
    options: [TARGET, ALL, VERBOSE],
    run: async (io, args, options) => commands().destroyCommand(io, args, options),
  },
  {
    name: 'sweep',
    args: '',
    summary: 'find expired lab stacks and resources that outlived their lab; delete after yes',
    help: 'expired lab stacks and resources that outlived their lab; deletes after confirmation',
    options: [TARGET, YES, DRY_RUN],
    run: async (io, _args, options) => commands().sweepCommand(io, options),
  },
  {
    name: 'cost',
    args: '<lab>',
    summary: 'what the lab costs per hour on AWS, itemised (price date and region included)',
    help: 'the hourly cost on AWS, itemised, from the price table (price date and region included)',
    options: [],
    run: async (io, args) => commands().costCommand(io, args),
  },
  {
    name: 'diagram',
    args: '<lab>',
    summary: "the lab's architecture as a Mermaid block, drawn from its template",
    help: "the lab's architecture as a Mermaid block, drawn from its template",
    options: [],
    run: async (io, args) => commands().diagramCommand(io, args),
  },
  {
    name: 'notes-errata',
    args: '[lab...]',
    summary: 'what the study notes say that AWS says differently now, by note file',
    help: "what the study notes say that AWS's documentation says differently now, by note file, with the exam traps",
    options: [],
    run: async (io, args) => commands().notesErrataCommand(io, args),
  },
  {
    name: 'predict',
    args: '<lab>',
    summary: 'answer what the experiments will measure; the next verify scores you',
    help: 'before `verify`: what will the experiments measure? `verify` then prints predicted against observed and a score',
    options: [ANSWERS],
    run: async (io, args, options) => commands().predictCommand(io, args, options),
  },
  {
    name: 'quiz',
    args: '<lab>',
    summary: 'exam-style questions the lab answers',
    help:
      "the lab's exam-style questions (six or more per lab), in the terminal or with `--answers`; each answer " +
      'explained and tied to the experiment or challenge that shows it',
    options: [ANSWERS],
    run: async (io, args, options) => commands().quizCommand(io, args, options),
  },
  {
    name: 'challenge',
    args: '<lab> [<name>]',
    summary: "list the lab's break-fix challenges; with a name, deploy the lab with that fault",
    help:
      "the lab's break-fix challenges; with a name, writes that fault into the lab's `stack.ts`, deploys it " +
      '(with the deploy options given) and prints only the symptom',
    options: [TARGET, SOLUTION, RESTORE, TTL, YES, TIMEOUT, VERBOSE],
    run: async (io, args, options) => challenges().challengeCommand(io, args, options),
  },
  {
    name: 'check',
    args: '[<lab>]',
    summary: "judge the challenge in progress by the lab's experiments: solved, or what fails",
    help:
      "judge the challenge in progress by the lab's experiments (solved, or what still fails); the lab may be " +
      'left out when only one has a challenge in progress',
    options: [TARGET],
    run: async (io, args, options) => challenges().checkCommand(io, args, options),
  },
  {
    name: 'hint',
    args: '[<lab>]',
    summary: 'the next hint for the challenge in progress (three tiers; counted)',
    help: 'the next of three hints for the challenge in progress, counted',
    options: [],
    run: async (io, args) => challenges().hintCommand(io, args),
  },
  {
    name: 'progress',
    args: '',
    summary: 'what you deployed, verified and answered, per lab and exam domain',
    help:
      'what you deployed, verified (pass/fail/skip), predicted, solved (with hints used) and answered, per lab ' +
      'and per exam domain, from `.labs/progress.json` (private, never sent anywhere)',
    options: [RESET],
    run: async (io, _args, options) => commands().progressCommand(io, options),
  },
  {
    name: 'doctor',
    args: '',
    summary: 'check node, python, docker, the emulator, bootstrap and credentials',
    help: 'what is installed and running (node, python, docker, the emulator, bootstrap, credentials), with fixes',
    options: [],
    run: async (io) => commands().doctorCommand(io),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/**
 * The argv that runs `name` with these arguments and options (for a `labs` in a new process). Only
 * the options that command takes are written: the others of the caller stay behind.
 */
export function renderArgv(name: string, args: readonly string[], options: CommandOptions): string[] {
  const command = findCommand(name);
  if (!command) throw new Error(`no command ${name} in the command table`);
  const argv = [name, ...args];
  for (const option of command.options) {
    const value = options[option.key];
    if (value === undefined || value === false) continue;
    argv.push(longFlag(option));
    if (takesValue(option)) argv.push(String(value));
  }
  return argv;
}

/** The command with its arguments, as typed: `npx labs deploy <lab...|--all>`. */
export function synopsis(command: CommandSpec): string {
  return `npx labs ${command.name}${command.args ? ` ${command.args}` : ''}`;
}

/** The README's CLI table: one row per command, with the options it takes. */
export function renderCommandsMarkdown(): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const rows = COMMANDS.map((command) => {
    const options = command.options.map((option) => `\`${displayFlags(option)}\``).join(' ');
    return `| \`${cell(synopsis(command))}\` | ${cell(command.help)} | ${cell(options)} |`;
  });
  return ['| Command | What it does | Options |', '| --- | --- | --- |', ...rows].join('\n');
}
