import { OPTIONS, type OptionValues } from '../../lib/cli/command-options';
import { COMMANDS, type CommandOptions } from '../../lib/cli/command-table';
import type { Target } from '../../lib/lab/catalogue';

// The type checks below are proven by `npm run typecheck` (Jest strips types): an expected error
// that does not occur fails the typecheck, and so does a `true` where the two types differ.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// A handler gets exactly the options its command's entry lists, each with its parsed type.
const sweepTakes: Equal<keyof CommandOptions<'sweep'>, 'target' | 'yes' | 'dryRun'> = true;
const listTakesNone: Equal<keyof CommandOptions<'list'>, never> = true;
const deployTypes: Equal<
  CommandOptions<'deploy'>,
  {
    readonly target?: Target;
    readonly all?: boolean;
    readonly ttl?: string;
    readonly yes?: boolean;
    readonly timeoutMinutes?: number;
    readonly verbose?: boolean;
  }
> = true;

function verifyReadsTtl(options: CommandOptions<'verify'>) {
  // @ts-expect-error verify does not take --ttl: its handler cannot read it
  return options.ttl;
}

function progressReadsTarget(options: CommandOptions<'progress'>): Target | undefined {
  // @ts-expect-error progress does not take --target
  return options.target;
}

// @ts-expect-error no such command in the table
type Frob = CommandOptions<'frob'>;

// @ts-expect-error no such option
type NoSuchOption = OptionValues<'frob'>;

test('the type checks above are compiled (npm run typecheck)', () => {
  expect([sweepTakes, listTakesNone, deployTypes]).toEqual([true, true, true]);
  expect(verifyReadsTtl({})).toBeUndefined();
  expect(progressReadsTarget({ reset: true })).toBeUndefined();
  const unused: Array<Frob | NoSuchOption> = [];
  expect(unused).toEqual([]);
});

test('every option is taken by some command, and every command lists known options once', () => {
  const taken = new Set(COMMANDS.flatMap((command) => command.options));
  expect([...taken].sort()).toEqual(Object.keys(OPTIONS).sort());
  for (const command of COMMANDS) {
    expect(new Set(command.options).size).toBe(command.options.length);
    for (const key of command.options) expect(Object.keys(OPTIONS)).toContain(key);
  }
});
