import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { createLabApp, LABS_CONTEXT_KEY, selectedLabs } from '../../lib/cdk/app';
import {
  CDK_CLI_FLAGS,
  cdkCliArguments,
  SELECTING_COMMANDS,
  stacksNamedOnCommandLine,
  stacksRequestedByCdkCli,
} from '../../lib/cdk/cli-selection';
import { LabInputError } from '../../lib/core/errors';
import { allLabs } from '../../lib/lab/catalogue';

/** `-c labkit:labs=...`: the app builds only the labs asked for (the `labs` CLI passes the ones a command names). */

const appWith = (labs?: unknown) =>
  createLabApp(
    {
      context: {
        ...cdkJson.context,
        'aws:cdk:bundling-stacks': [],
        ...(labs === undefined ? {} : { [LABS_CONTEXT_KEY]: labs }),
      },
      builtinCloudFormationValidation: false,
    },
    { env: {} },
  );

/**
 * The stacks the app builds (what `cdk synth` would write): read from the construct tree, as
 * synthesizing them would only add their templates, which these tests do not read.
 */
const stackNames = (labs?: unknown) =>
  appWith(labs)
    .node.children.filter((child) => Stack.isStack(child))
    .map((stack) => stack.stackName)
    .sort();

// Unset: every lab of the catalogue (test/kit/catalogue.test.ts).

test.each(allLabs().map((lab) => [lab.id]))('%s alone: only its stack is built', (id) => {
  expect(stackNames(id)).toEqual([id]);
});

test('a list (array or comma-separated) keeps catalogue order', () => {
  const ids = allLabs().map((lab) => lab.id);
  const reversed = [...ids].reverse();
  expect(selectedLabs(reversed).map((lab) => lab.id)).toEqual(ids);
  expect(selectedLabs(reversed.join(', ')).map((lab) => lab.id)).toEqual(ids);
});

test('an unknown lab id is one clear error', () => {
  expect(() => selectedLabs('lab-99')).toThrow(LabInputError);
  expect(() => selectedLabs('lab-99')).toThrow(/lab-99/);
});

describe('plain `cdk synth lab-03` builds only lab-03 (the CDK CLI does not tell the app; it reads the command line)', () => {
  const known = new Set([...allLabs().map((lab) => lab.id), 'guardrails']);

  test.each([
    [['synth', 'lab-03'], ['lab-03']],
    [['synth', 'lab-03', '--quiet', '-o', 'out'], ['lab-03']],
    [
      ['deploy', 'lab-02', 'lab-04', '--require-approval', 'never'],
      ['lab-02', 'lab-04'],
    ],
    [['-c', 'instanceType=t4g.nano', 'deploy', 'lab-03'], ['lab-03']],
    [['destroy', 'lab-02', '--force'], ['lab-02']],
    [['diff', 'lab-02', '--no-color'], ['lab-02']],
    [['deploy', 'guardrails', '-c', 'budgetEmail=me@example.com'], ['guardrails']],
  ])('%j selects %j', (args, stacks) => {
    expect(stacksNamedOnCommandLine(args, known)).toEqual(stacks);
  });

  test.each([
    [['ls']],
    [['list', 'lab-03']],
    [['synth']],
    [['synth', '--all']],
    [['deploy', 'lab-*']],
    [['deploy', 'lab-02', 'Other']],
    // A value or a stack? Unclear: every lab.
    [['deploy', '--profile', 'lab-03']],
    [['deploy', 'lab-02', '--', 'lab-03']],
  ])('%j: every lab', (args) => {
    expect(stacksNamedOnCommandLine(args, known)).toBeUndefined();
  });

  test('`cdk deploy -e lab-02` passes the selection as aws:cdk:bundling-stacks, which is enough', () => {
    expect(stacksRequestedByCdkCli(['lab-02'], known, {})).toEqual(['lab-02']);
    expect(stacksRequestedByCdkCli(['**'], known, {})).toBeUndefined();
    expect(stacksRequestedByCdkCli([], known, {})).toBeUndefined();
  });

  test('outside the CDK CLI (no CDK_CLI_VERSION) the command line is not read', () => {
    expect(cdkCliArguments({})).toBeUndefined();
  });

  // The real CDK CLI: `cdk synth lab-03` writes only lab-03 (test/kit/plain-cdk-safety.test.ts); `cdk ls`
  // lists every lab, a throwaway one included (test/e2e/new-lab.e2e.test.ts).
});

test("the value-less options it skips are exactly the pinned CDK CLI's own (its option table)", () => {
  // The table the CLI builds its parser and --help from; an upgrade that adds a flag fails here.
  interface CliOption {
    type?: string;
    alias?: string | string[];
  }
  interface Registry {
    globalOptions: Record<string, CliOption>;
    commands: Record<string, { options?: Record<string, CliOption>; aliases?: string[] }>;
  }
  const registry = JSON.parse(
    readFileSync(
      join(dirname(require.resolve('aws-cdk/package.json')), 'lib/cli/cli-type-registry.json'),
      'utf8',
    ),
  ) as Registry;
  const flags = new Set<string>();
  const addFlags = (options: Record<string, CliOption> = {}) => {
    for (const [name, option] of Object.entries(options)) {
      // --all, and every --no-<flag>, are handled on their own.
      if (option.type !== 'boolean' || name === 'all' || name.startsWith('no-')) continue;
      flags.add(`--${name}`);
      for (const alias of [option.alias ?? []].flat())
        flags.add(alias.length === 1 ? `-${alias}` : `--${alias}`);
    }
  };
  addFlags(registry.globalOptions);
  for (const [command, spec] of Object.entries(registry.commands)) {
    if (SELECTING_COMMANDS.has(command) || spec.aliases?.some((alias) => SELECTING_COMMANDS.has(alias)))
      addFlags(spec.options);
  }
  // -vv and -vvv: --verbose counts its repeats.
  expect([...CDK_CLI_FLAGS].filter((flag) => !/^-v{2,3}$/.test(flag)).sort()).toEqual([...flags].sort());
});
