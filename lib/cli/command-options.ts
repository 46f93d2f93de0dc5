import { LabInputError } from '../core/errors';
import { TARGETS } from '../lab/catalogue';
import { MAX_SEED } from '../practice/quiz';
import { parseTtl } from '../safety/expiry';
import { emulatorUrl } from '../targets/local-endpoint';
import { parseTarget } from '../targets/target';

/** One option of the CLI: its flags, its help and its check; `V` is the type its handlers read. */
export interface OptionSpec<V = unknown> {
  /** As commander reads them: `--target <target>`, `-y, --yes` (no value: a switch). */
  readonly flags: string;
  /** A function where the text depends on the environment (the emulator port in effect). */
  readonly help: string | (() => string);
  readonly choices?: readonly string[];
  /** What applies when the option is not given, for the help only: the handlers apply it. */
  readonly default?: string;
  /** Checks and converts the value; bad input throws a LabInputError (one line). */
  readonly parse?: (value: string) => V;
}

/** A switch (`--yes`): true when given. */
function flag(flags: string, help: string): OptionSpec<boolean> {
  return { flags, help };
}

/** An option with a value (`--ttl <duration>`): a string, or what `parse` makes of it. */
function valued<V = string>(
  flags: `${string}<${string}>`,
  help: OptionSpec['help'],
  more: Pick<OptionSpec<V>, 'choices' | 'default' | 'parse'> = {},
): OptionSpec<V> {
  return { flags, help, ...more };
}

/** The longest `--timeout`: Node's setTimeout holds at most 2^31-1 ms. */
export const MAX_TIMEOUT_MINUTES = Math.floor((2 ** 31 - 1) / 60_000);

function parseTimeoutMinutes(value: string): number {
  const minutes = Number(value);
  if (!(minutes > 0)) throw new LabInputError(`--timeout ${value} is not a positive number of minutes`);
  // A longer wait overflows Node's timer, which then fires at once (the deploy would abort).
  if (minutes > MAX_TIMEOUT_MINUTES) {
    throw new LabInputError(
      `--timeout ${value} is longer than a timer can wait: give at most ${MAX_TIMEOUT_MINUTES} minutes (about 24 days)`,
    );
  }
  return minutes;
}

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value.trim()) || seed > MAX_SEED)
    throw new LabInputError(`--seed ${value} is not a whole number from 0 to ${MAX_SEED}`);
  return seed;
}

/** Where the default target looks, or why there is none (a bad LABKIT_EMULATOR_PORT). */
function emulatorInEffect(): string {
  try {
    return emulatorUrl();
  } catch (error) {
    return `none: ${(error as Error).message}`;
  }
}

/**
 * Every option of the CLI, keyed by the field its handlers read. The command table names the ones
 * each command takes, and the handlers' option types are made from both (CommandOptions).
 */
export const OPTIONS = {
  target: valued(
    '--target <target>',
    () =>
      `default: the emulator on ${emulatorInEffect()} (MiniStack if none runs); localstack: starts the kit's ` +
      'LocalStack 4.13.1 if none runs; aws needs the account on the allow-list (cdk.json labkit:allowedAccounts)',
    { choices: TARGETS, parse: (value) => parseTarget(value) },
  ),
  all: flag('--all', 'every lab in the catalogue'),
  ttl: valued('--ttl <duration>', 'when the stacks delete themselves: 4h, 90m (1m to 168h) or none', {
    default: '4h on aws, none on an emulator',
    parse: (value) => {
      parseTtl(value);
      return value;
    },
  }),
  yes: flag('-y, --yes', 'confirm without asking (scripts; on aws)'),
  timeoutMinutes: valued(
    '--timeout <minutes>',
    `wall-clock limit per deploy (at most ${MAX_TIMEOUT_MINUTES})`,
    {
      default: '10',
      parse: parseTimeoutMinutes,
    },
  ),
  verbose: flag('--verbose', "print the CDK toolkit's info messages too"),
  dryRun: flag('--dry-run', 'show what would be deleted, delete nothing'),
  answers: valued(
    '--answers <answers>',
    'the answers, without a terminal (quiz: 1=a,2=bd,... in the order of --seed; predict: id=value,...)',
  ),
  seed: valued('--seed <n>', 'the order of the choices (0 to 4294967295): prints the questions in it', {
    default: 'a new order each time',
    parse: parseSeed,
  }),
  reset: flag('--reset', 'start over: forget all progress'),
  solution: flag('--solution', 'show the reference fixes of the named challenge'),
  restore: flag('--restore', 'put stack.ts back and end the challenge in progress'),
};

export type OptionKey = keyof typeof OPTIONS;

/** What a handler reads of the options `K`: each one optional (absent when not given). */
export type OptionValues<K extends OptionKey = OptionKey> = {
  readonly [P in K]?: (typeof OPTIONS)[P] extends OptionSpec<infer V> ? V : never;
};

/** `--target`: the long flag alone, as a user types it. */
export function longFlag(key: OptionKey): string {
  const { flags } = OPTIONS[key];
  return /--[a-z-]+/.exec(flags)?.[0] ?? flags;
}

/** Whether the option takes a value (`--ttl 4h`) or is a switch (`--yes`). */
export function takesValue(key: OptionKey): boolean {
  return OPTIONS[key].flags.includes('<');
}

/** The flags as help shows them, with the choices in place of the value: `--target aws|ministack|localstack`. */
export function displayFlags(key: OptionKey): string {
  const option: OptionSpec = OPTIONS[key];
  return option.choices ? option.flags.replace(/<[^>]+>/, option.choices.join('|')) : option.flags;
}

/** The help line: the text in effect now, and the default when there is one. */
export function helpOf(key: OptionKey): string {
  const option: OptionSpec = OPTIONS[key];
  const help = typeof option.help === 'string' ? option.help : option.help();
  return option.default ? `${help} (default: ${option.default})` : help;
}
