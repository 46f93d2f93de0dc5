import { Command, CommanderError, Option } from 'commander';
import { LabInputError } from '../core/errors';
import { labSynthError, rootCause } from '../core/lab-code-error';
import { ConsoleProgress } from '../operations/progress';
import { isConnectionError } from '../operations/toolkit-failures';
import { emulatorPort } from '../targets/local-endpoint';
import {
  displayFlags,
  helpOf,
  longFlag,
  OPTIONS,
  type OptionKey,
  type OptionSpec,
  type OptionValues,
} from './command-options';
import { COMMANDS, type CommandSpec, findCommand } from './command-table';
import type { CommandIo } from './commands';

export { MAX_TIMEOUT_MINUTES } from './command-options';

const ENVIRONMENT = `environment:
  LABKIT_EMULATOR_PORT          port of the local emulator on 127.0.0.1 (default 4566)
  LABKIT_ALLOWED_ACCOUNTS       AWS account ids labs may deploy to (comma-separated), besides cdk.json
  LABKIT_REGIONS                regions that status and sweep look at on aws (comma-separated)`;

/** The global usage, from the command table; names the emulator port in effect. */
export function usage(): string {
  const commandWidth = Math.max(...COMMANDS.map((c) => `${c.name} ${c.args}`.length)) + 2;
  const commands = COMMANDS.map((c) => `  ${`${c.name} ${c.args}`.padEnd(commandWidth)}${c.summary}`);
  const options = [...new Set(COMMANDS.flatMap((c) => c.options))].map((option) => {
    const takers = COMMANDS.filter((c) => c.options.includes(option)).map((c) => c.name);
    const help = `${helpOf(option)} [${takers.join(', ')}]`;
    return wrap(`  ${displayFlags(option).padEnd(34)} ${help}`, 37);
  });
  return [
    'usage: npx labs <command> [lab...] [options]',
    '       npx labs <command> --help     that command: its arguments and the options it takes',
    '',
    'commands:',
    ...commands,
    '',
    'options (each command takes its own, [listed]):',
    ...options,
    '  -h, --help',
    '',
    ENVIRONMENT,
  ].join('\n');
}

/** Breaks a long line at spaces, so that it fits 110 columns; further lines are indented. */
function wrap(line: string, indent: number, width = 110): string {
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    if (cut <= indent) break;
    lines.push(rest.slice(0, cut));
    rest = `${' '.repeat(indent)}${rest.slice(cut + 1)}`;
  }
  return [...lines, rest].join('\n');
}

/**
 * One line for an error nothing else caught: a dropped connection to the local emulator says the
 * emulator stopped and how to go on; a mistake in a lab's code its block (file, line, message);
 * anything else its first message line, and that of the error it wraps.
 */
export function describeUnexpectedError(error: unknown): string {
  if (error instanceof LabInputError) return error.message;
  if (isConnectionError(error)) {
    return `lost the connection to ${connectionTarget(error)}: if it is the local emulator, it stopped; start it with npx labs up and run the command again`;
  }
  const known = labSynthError(error);
  if (known) return known.message;
  const firstLine = (e: unknown) => String((e as Error)?.message ?? e).split('\n')[0];
  // A wrapper's message ("Assembly builder failed") says less than the error it wraps.
  const cause = rootCause(error);
  return cause === error ? firstLine(error) : `${firstLine(error)}: ${firstLine(cause)}`;
}

function connectionTarget(error: unknown): string {
  const text = `${(error as Error)?.message ?? ''} ${String((error as { cause?: Error })?.cause?.message ?? '')}`;
  const address = /(\d+\.\d+\.\d+\.\d+:\d+|\[[0-9a-f:]+\]:\d+)/i.exec(text)?.[1];
  return address ? address : 'a service the kit was talking to';
}

function toCommanderOption(key: OptionKey): Option {
  const { flags, choices, parse }: OptionSpec = OPTIONS[key];
  const option = new Option(flags, helpOf(key));
  if (choices) option.choices(choices);
  // After choices(): the kit's own check says what was wrong in its words (and replaces commander's).
  // The value alone: commander also passes the previous one, which a parser would take for its source.
  if (parse) option.argParser((value: string) => parse(value));
  return option;
}

/** The commander program for one run: every command of the table, each with only its own options. */
function buildProgram(io: CommandIo, done: (exitCode: number) => void): Command {
  const program = new Command('npx labs')
    .exitOverride()
    .helpCommand(false)
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      // Errors are thrown (exitOverride) and printed by main() as one line.
      writeErr: () => {},
      outputError: () => {},
    });
  for (const spec of COMMANDS) {
    const command = program
      .command(spec.name)
      .summary(spec.summary)
      .description(spec.help.replaceAll('`', ''))
      .usage(`${spec.args ? `${spec.args} ` : ''}[options]`)
      // Every command collects its arguments; the handler checks how many (its own words).
      .argument('[args...]')
      .action(async (args: string[], values: Record<string, unknown>) => {
        done(await runCommand(spec, args, values, io));
      });
    for (const option of spec.options) command.addOption(toCommanderOption(option));
  }
  return program;
}

async function runCommand(
  spec: CommandSpec,
  args: string[],
  values: Record<string, unknown>,
  io: CommandIo,
): Promise<number> {
  if (!spec.args && args.length > 0) {
    throw new LabInputError(`${spec.name} takes no lab ids (got ${args.join(' ')})`);
  }
  // Checked up front, so a bad value ends with one line before anything starts.
  emulatorPort();
  const options: Record<string, unknown> = {};
  for (const key of spec.options) {
    const value = values[new Option(OPTIONS[key].flags).attributeName()];
    if (value !== undefined) options[key] = value;
  }
  // The parsers above made each value of its option's type.
  return spec.run(io, args, options as OptionValues);
}

/** One line for a parse error of commander's, pointing at the help of the command at hand. */
function describeParseError(error: CommanderError, command: CommandSpec | undefined): string {
  const unknown = /unknown option '([^']+)'/.exec(error.message)?.[1]?.split('=')[0];
  if (unknown && !command) {
    return `${unknown}: options go after the command (npx labs <command> [options]); npx labs --help lists the commands`;
  }
  if (unknown && command) {
    const takers = COMMANDS.filter((c) => c.options.some((o) => longFlag(o) === unknown)).map((c) => c.name);
    const verb = takers.length === 1 ? 'takes' : 'take';
    const elsewhere = takers.length > 0 ? ` (only ${takers.join(', ')} ${verb} it)` : '';
    return `${command.name} does not take ${unknown}${elsewhere}: npx labs ${command.name} --help lists what it takes`;
  }
  const message = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
  return `${message} (run npx labs ${command ? `${command.name} ` : ''}--help)`;
}

/** Parses argv and runs one command; returns the exit code. Never throws for user errors. */
export async function main(argv: string[], io?: CommandIo): Promise<number> {
  const consoleProgress = new ConsoleProgress();
  // A result on stdout first erases the status on stderr: both usually share one terminal row.
  const cliIo: CommandIo = io ?? {
    out: (line) => {
      consoleProgress.clear();
      console.log(line);
    },
    progress: consoleProgress,
  };
  const [first, second] = argv;
  // `labs help quiz` is `labs quiz --help`.
  const request = first === 'help' && second !== undefined ? [second, '--help'] : argv;
  const command = findCommand(request[0] ?? '');
  try {
    if (
      first === undefined ||
      first === '--help' ||
      first === '-h' ||
      (request.length === 1 && first === 'help')
    ) {
      cliIo.out(usage());
      return first === undefined ? 1 : 0;
    }
    if (!command && !request[0].startsWith('-')) {
      throw new LabInputError(`unknown command "${request[0]}"; run npx labs --help`);
    }
    let exitCode = 0;
    await buildProgram(cliIo, (code) => {
      exitCode = code;
    }).parseAsync(request, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError && error.exitCode === 0) return 0; // --help was shown
    const message =
      error instanceof LabInputError
        ? error.message
        : error instanceof CommanderError
          ? describeParseError(error, command)
          : undefined;
    if (message === undefined) throw error;
    cliIo.progress.line(`error: ${message}`);
    return 1;
  }
}
