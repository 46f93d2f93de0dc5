import { displayFlags, longFlag, type OptionKey, type OptionValues, takesValue } from './command-options';
import type { CommandIo } from './commands';

/**
 * One command of the `labs` CLI. The parser, the per-command help, the global usage, the README's
 * CLI table and the argv of a re-spawned `labs` are all made from these entries.
 */
export interface CommandSpec<Name extends string = string, Keys extends OptionKey = OptionKey> {
  readonly name: Name;
  /** Its arguments as help writes them (`<lab...|--all>`); empty: it takes none. */
  readonly args: string;
  /** One line for the list of commands. */
  readonly summary: string;
  /** What it does, for its own `--help` and the README. */
  readonly help: string;
  /** The only options it accepts (keys of OPTIONS); any other is refused. */
  readonly options: readonly Keys[];
  /** Gets only the options the command declares: reading another one does not compile. */
  readonly run: (io: CommandIo, args: string[], options: OptionValues<Keys>) => Promise<number>;
}

/** Keeps the entry's name and option keys as literal types, for CommandOptions. */
function command<const Name extends string, const Keys extends OptionKey = never>(
  spec: CommandSpec<Name, Keys>,
): CommandSpec<Name, Keys> {
  return spec;
}

// Loaded when a command runs, not when the table is read: `labs --help`, the docs generator and the
// drift test then skip the CDK toolkit and the SDK clients the handlers bring in.
// (require, not import(): bin/labs.mjs loads the kit through tsx's CommonJS hook.)
const commands = () => require('./commands') as typeof import('./commands');
const challenges = () => require('./challenge-commands') as typeof import('./challenge-commands');

// Each `run` states its return type: the handlers read their option types from this table
// (CommandOptions), and a return type inferred from a handler would make the table's type circular.
const TABLE = [
  command({
    name: 'list',
    args: '',
    summary: 'the labs, with where each one runs',
    help: 'the labs, with `full` / `partial` / `unproven` / `none` per target',
    options: [],
    run: async (io): Promise<number> => commands().listCommand(io),
  }),
  command({
    name: 'up',
    args: '',
    summary: 'start the local emulator and bootstrap it',
    help: 'start the local emulator (installed on first use) and bootstrap it',
    options: ['target', 'verbose'],
    run: async (io, _args, options): Promise<number> => commands().upCommand(io, options),
  }),
  command({
    name: 'down',
    args: '',
    summary: 'stop the local emulator',
    help: "stop the kit's local emulator; everything deployed on it is gone with it",
    options: [],
    run: async (io): Promise<number> => commands().downCommand(io),
  }),
  command({
    name: 'status',
    args: '',
    summary: 'show the local emulator and what is deployed on it',
    help: 'show the local emulator and the labs deployed on it (on aws: in each region of LABKIT_REGIONS)',
    options: ['target'],
    run: async (io, _args, options): Promise<number> => commands().statusCommand(io, options),
  }),
  command({
    name: 'deploy',
    args: '<lab...|--all>',
    summary: 'deploy labs (starts and bootstraps the local emulator when needed)',
    help:
      'bootstrap when needed, deploy with progress (resources done / total, current resource, elapsed), ' +
      'print the outputs and the next command; `--timeout` ends a hung deploy and exits',
    options: ['target', 'all', 'ttl', 'yes', 'timeoutMinutes', 'verbose'],
    run: async (io, args, options): Promise<number> => commands().deployCommand(io, args, options),
  }),
  command({
    name: 'verify',
    args: '<lab...|--all>',
    summary: "run a deployed lab's experiments and print the checklist",
    help:
      "run the lab's experiments: each prints pass, FAIL with the observed value, or skip with the reason; " +
      'exit 1 on a failure; on aws, writes a redacted run record (`npx labs report` prints it)',
    options: ['target', 'all'],
    run: async (io, args, options): Promise<number> => commands().verifyCommand(io, args, options),
  }),
  command({
    name: 'report',
    args: '<lab>',
    summary: "the lab's newest run record as Markdown, to paste into an issue",
    help:
      'the newest run record of the lab (`verify --target aws` writes one under `run-records/<lab>/`, redacted) ' +
      'as Markdown: kit version and commit, template hash, region, date, each experiment and its measurements',
    options: [],
    run: async (io, args): Promise<number> => commands().reportCommand(io, args),
  }),
  command({
    name: 'destroy',
    args: '<lab...|--all>',
    summary: 'destroy labs (safe to repeat), then scan for leftovers',
    help:
      'destroy (safe to repeat), then scan for leftovers: a resource the stack listed that still exists fails ' +
      "the destroy; a queue, topic, table, function, log group, bucket, load balancer or security group that only carries the lab's name or tag is a note",
    options: ['target', 'all', 'verbose'],
    run: async (io, args, options): Promise<number> => commands().destroyCommand(io, args, options),
  }),
  command({
    name: 'sweep',
    args: '',
    summary: 'find expired lab stacks and resources that outlived their lab; delete after yes',
    help: 'expired lab stacks and resources that outlived their lab; deletes after confirmation',
    options: ['target', 'yes', 'dryRun'],
    run: async (io, _args, options): Promise<number> => commands().sweepCommand(io, options),
  }),
  command({
    name: 'cost',
    args: '<lab>',
    summary: 'what the lab costs per hour on AWS, itemised (price date and region included)',
    help: 'the hourly cost on AWS, itemised, from the price table (price date and region included)',
    options: [],
    run: async (io, args): Promise<number> => commands().costCommand(io, args),
  }),
  command({
    name: 'diagram',
    args: '<lab>',
    summary: "the lab's architecture as a Mermaid block, drawn from its template",
    help: "the lab's architecture as a Mermaid block, drawn from its template",
    options: [],
    run: async (io, args): Promise<number> => commands().diagramCommand(io, args),
  }),
  command({
    name: 'notes-errata',
    args: '[lab...]',
    summary: 'what the study notes say that AWS says differently now, by note file',
    help: "what the study notes say that AWS's documentation says differently now, by note file, with the exam traps",
    options: [],
    run: async (io, args): Promise<number> => commands().notesErrataCommand(io, args),
  }),
  command({
    name: 'predict',
    args: '<lab>',
    summary: 'answer what the experiments will measure; the next verify scores you',
    help: 'before `verify`: what will the experiments measure? `verify` then prints predicted against observed and a score',
    options: ['answers', 'target'],
    run: async (io, args, options): Promise<number> => commands().predictCommand(io, args, options),
  }),
  command({
    name: 'quiz',
    args: '<lab>',
    summary: 'exam-style questions the lab answers',
    help:
      "the lab's exam-style questions (six or more per lab), with the choices in a new order each time; in the " +
      'terminal, or in scripts: `--seed N` prints them in a fixed order and `--seed N --answers 1=a,2=bd,...` ' +
      'scores answers given in that order; each answer explained, each wrong choice said why, and tied to the ' +
      'experiment or challenge that shows it',
    options: ['answers', 'seed', 'target'],
    run: async (io, args, options): Promise<number> => commands().quizCommand(io, args, options),
  }),
  command({
    name: 'challenge',
    args: '<lab> [<name>]',
    summary: "list the lab's break-fix challenges; with a name, deploy the lab with that fault",
    help:
      "the lab's break-fix challenges; with a name, writes that fault into the lab's `stack.ts`, deploys it " +
      '(with the deploy options given) and prints only the symptom',
    options: ['target', 'solution', 'restore', 'ttl', 'yes', 'timeoutMinutes', 'verbose'],
    run: async (io, args, options): Promise<number> => challenges().challengeCommand(io, args, options),
  }),
  command({
    name: 'check',
    args: '[<lab>]',
    summary: "judge the challenge in progress by the lab's experiments: solved, or what fails",
    help:
      "judge the challenge in progress by the lab's experiments (solved, or what still fails); the lab may be " +
      'left out when only one has a challenge in progress',
    options: ['target'],
    run: async (io, args, options): Promise<number> => challenges().checkCommand(io, args, options),
  }),
  command({
    name: 'hint',
    args: '[<lab>]',
    summary: 'the next hint for the challenge in progress (three tiers; counted)',
    help: 'the next of three hints for the challenge in progress, counted',
    options: [],
    run: async (io, args): Promise<number> => challenges().hintCommand(io, args),
  }),
  command({
    name: 'progress',
    args: '',
    summary: 'what you deployed, verified and answered, per lab, exam domain and task statement',
    help:
      'what you deployed, verified (pass/fail/skip), predicted, solved (with hints used) and answered, per lab ' +
      'and per exam domain and task statement (naming those no lab teaches), from `.labs/progress.json` ' +
      '(private, never sent anywhere)',
    options: ['reset'],
    run: async (io, _args, options): Promise<number> => commands().progressCommand(io, options),
  }),
  command({
    name: 'doctor',
    args: '',
    summary: 'check node, python, docker, the emulator, bootstrap and credentials',
    help: 'what is installed and running (node, python, docker, the emulator, bootstrap, credentials), with fixes',
    options: [],
    run: async (io): Promise<number> => commands().doctorCommand(io),
  }),
] as const;

/** The commands, in the order help and the docs list them. */
export const COMMANDS: readonly CommandSpec[] = TABLE;

export type CommandName = (typeof TABLE)[number]['name'];

/**
 * The options the handler of command `Name` gets, made from its entry in the table: an option added
 * there is typed for the handler, and one the command does not take is not there to read.
 */
export type CommandOptions<Name extends CommandName> =
  Extract<(typeof TABLE)[number], { name: Name }> extends CommandSpec<Name, infer Keys>
    ? OptionValues<Keys>
    : never;

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/**
 * The argv that runs `name` with these arguments and options (for a `labs` in a new process). Only
 * the options that command takes are written: the others of the caller stay behind.
 */
export function renderArgv(name: CommandName, args: readonly string[], options: OptionValues): string[] {
  const command = findCommand(name);
  if (!command) throw new Error(`no command ${name} in the command table`);
  const argv = [name, ...args];
  for (const key of command.options) {
    const value = options[key];
    if (value === undefined || value === false) continue;
    argv.push(longFlag(key));
    if (takesValue(key)) argv.push(String(value));
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
