import { LabInputError } from '../core/errors';
import { TARGETS } from '../lab/catalogue';
import { parseTtl } from '../safety/expiry';
import { emulatorUrl } from '../targets/local-endpoint';
import { parseTarget } from '../targets/target';
import type { CommandOptions } from './commands';

/** One option of a command: its flags, the field of CommandOptions it fills, its help and its check. */
export interface OptionSpec {
  /** As commander reads them: `--target <target>`, `-y, --yes` (no value: a switch). */
  readonly flags: string;
  /** The field of CommandOptions the value goes to: the compiler links the table to the handlers. */
  readonly key: keyof CommandOptions;
  /** A function where the text depends on the environment (the emulator port in effect). */
  readonly help: string | (() => string);
  readonly choices?: readonly string[];
  /** What applies when the option is not given, for the help only: the handlers apply it. */
  readonly default?: string;
  /** Checks and converts the value; bad input throws a LabInputError (one line). */
  readonly parse?: (value: string) => CommandOptions[keyof CommandOptions];
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

/** Where the default target looks, or why there is none (a bad LABKIT_EMULATOR_PORT). */
function emulatorInEffect(): string {
  try {
    return emulatorUrl();
  } catch (error) {
    return `none: ${(error as Error).message}`;
  }
}

export const TARGET: OptionSpec = {
  flags: '--target <target>',
  key: 'target',
  choices: TARGETS,
  help: () =>
    `default: the emulator on ${emulatorInEffect()} (MiniStack if none runs); localstack: starts the kit's ` +
    'LocalStack 4.13.1 if none runs; aws needs the account on the allow-list (cdk.json labkit:allowedAccounts)',
  parse: parseTarget,
};

export const ALL: OptionSpec = { flags: '--all', key: 'all', help: 'every lab in the catalogue' };

export const TIMEOUT: OptionSpec = {
  flags: '--timeout <minutes>',
  key: 'timeoutMinutes',
  help: `wall-clock limit per deploy (at most ${MAX_TIMEOUT_MINUTES})`,
  default: '10',
  parse: parseTimeoutMinutes,
};

export const VERBOSE: OptionSpec = {
  flags: '--verbose',
  key: 'verbose',
  help: "print the CDK toolkit's info messages too",
};

export const TTL: OptionSpec = {
  flags: '--ttl <duration>',
  key: 'ttl',
  help: 'when the stacks delete themselves: 4h, 90m (1m to 168h) or none',
  default: '4h on aws, none on an emulator',
  parse: (value) => {
    parseTtl(value);
    return value;
  },
};

export const YES: OptionSpec = {
  flags: '-y, --yes',
  key: 'yes',
  help: 'confirm without asking (scripts; on aws)',
};

export const DRY_RUN: OptionSpec = {
  flags: '--dry-run',
  key: 'dryRun',
  help: 'show what would be deleted, delete nothing',
};

export const ANSWERS: OptionSpec = {
  flags: '--answers <answers>',
  key: 'answers',
  help: 'the answers, without a terminal (quiz: 1=a,2=bd,...; predict: id=value,...)',
};

export const RESET: OptionSpec = { flags: '--reset', key: 'reset', help: 'start over: forget all progress' };

export const SOLUTION: OptionSpec = {
  flags: '--solution',
  key: 'solution',
  help: 'show the reference fixes of the named challenge',
};

export const RESTORE: OptionSpec = {
  flags: '--restore',
  key: 'restore',
  help: 'put stack.ts back and end the challenge in progress',
};

/** `--target`: the long flag alone, as a user types it. */
export function longFlag(option: OptionSpec): string {
  return /--[a-z-]+/.exec(option.flags)?.[0] ?? option.flags;
}

/** Whether the option takes a value (`--ttl 4h`) or is a switch (`--yes`). */
export function takesValue(option: OptionSpec): boolean {
  return option.flags.includes('<');
}

/** The flags as help shows them, with the choices in place of the value: `--target aws|ministack|localstack`. */
export function displayFlags(option: OptionSpec): string {
  return option.choices ? option.flags.replace(/<[^>]+>/, option.choices.join('|')) : option.flags;
}

export function helpOf(option: OptionSpec): string {
  return typeof option.help === 'string' ? option.help : option.help();
}
