import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import cdkJson from '../../cdk.json';
import { createLabApp, LABS_CONTEXT_KEY, selectedLabs } from '../../lib/app';
import { CATALOGUE } from '../../lib/catalogue';
import {
  cdkCliArguments,
  stacksNamedOnCommandLine,
  stacksRequestedByCdkCli,
} from '../../lib/cdk-cli-selection';
import { LabInputError } from '../../lib/errors';
import { PROJECT_ROOT } from '../../lib/paths';

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

test('unset: every lab of the catalogue', () => {
  expect(stackNames()).toEqual(CATALOGUE.map((lab) => lab.id).sort());
});

test.each(CATALOGUE.map((lab) => [lab.id]))('%s alone: only its stack is built', (id) => {
  expect(stackNames(id)).toEqual([id]);
});

test('a list (array or comma-separated) keeps catalogue order', () => {
  const ids = CATALOGUE.map((lab) => lab.id);
  const reversed = [...ids].reverse();
  expect(selectedLabs(reversed).map((lab) => lab.id)).toEqual(ids);
  expect(selectedLabs(reversed.join(', ')).map((lab) => lab.id)).toEqual(ids);
});

test('an unknown lab id is one clear error', () => {
  expect(() => selectedLabs('lab-99')).toThrow(LabInputError);
  expect(() => selectedLabs('lab-99')).toThrow(/lab-99/);
});

describe('plain `cdk synth lab-03` builds only lab-03 (the CDK CLI does not tell the app; it reads the command line)', () => {
  const known = new Set([...CATALOGUE.map((lab) => lab.id), 'guardrails']);

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

  /** The project's CDK CLI, offline: no credentials, no notices, no validation. */
  function cdk(args: string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'labkit-selection-'));
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(AWS_|CDK_|LABKIT_|JEST_)/.test(key)),
    );
    const result = spawnSync(
      process.execPath,
      [require.resolve('aws-cdk/bin/cdk'), ...args, '--no-notices'],
      {
        cwd: PROJECT_ROOT,
        env: {
          ...clean,
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(dir, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
          AWS_EC2_METADATA_DISABLED: 'true',
          CDK_HOME: join(dir, 'home'),
          CDK_DISABLE_CLI_TELEMETRY: 'true',
          CDK_DISABLE_VERSION_CHECK: 'true',
        },
        encoding: 'utf8',
      },
    );
    rmSync(dir, { recursive: true, force: true });
    return result;
  }

  test('cdk synth lab-03 writes only lab-03 and prints no other lab warning; cdk ls lists every lab', () => {
    const out = mkdtempSync(join(tmpdir(), 'labkit-selection-out-'));
    try {
      const synth = cdk(['synth', 'lab-03', '--quiet', '-o', join(out, 'synth')]);
      expect({ status: synth.status, stderr: synth.status === 0 ? '' : synth.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      const templates = readdirSync(join(out, 'synth')).filter((f) => f.endsWith('.template.json'));
      expect(templates).toEqual(['lab-03.template.json']);
      expect(synth.stderr).not.toMatch(/lab-0[124]/);
      const ls = cdk(['ls', '-o', join(out, 'ls')]);
      expect(ls.status).toBe(0);
      expect(ls.stdout.trim().split('\n')).toEqual(CATALOGUE.map((lab) => lab.id));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
