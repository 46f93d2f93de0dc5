import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssemblyError } from '@aws-cdk/toolkit-lib';
import { describeUnexpectedError } from '../../lib/cli/main';
import { LabInputError } from '../../lib/core/errors';
import { LabCodeError, labSynthError } from '../../lib/core/lab-code-error';

const ROOT = join(__dirname, '..', '..');
let dir: string;
let labDir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-broken-lab-'));
  labDir = join(dir, 'labs', 'lab-99-broken');
  mkdirSync(labDir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Synthesizes a lab whose stack.ts is `source`, as `npx labs cost|diagram` does, in a process that
 * loads TypeScript through tsx like bin/labs.mjs (its errors, not Jest's transform's), and returns
 * what the CLI prints for the failure.
 */
function synthBroken(source: string): string {
  writeFileSync(join(labDir, 'stack.ts'), source);
  const script = `
    require('tsx/cjs/api').register();
    const { synthesizeLabTemplate } = require('./lib/docs/lab-template.ts');
    const { LabCodeError } = require('./lib/core/lab-code-error.ts');
    const lab = { id: 'lab-99', stack: () => require(${JSON.stringify(join(labDir, 'stack.ts'))}).BrokenStack };
    try {
      synthesizeLabTemplate(lab);
      process.stdout.write('no error');
    } catch (error) {
      process.stdout.write((error instanceof LabCodeError ? 'LabCodeError ' : 'other ') + error.message);
    }`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  return run.stdout;
}

const HINT =
  "  a mistake in the lab's code stopped the synth: fix it and run the command again (npx cdk synth lab-99 shows the whole stack)";

test("a mistake in a lab's stack.ts is shown with its file, line, source and frame", () => {
  const stack = [
    'export class BrokenStack {',
    '  constructor() {',
    '    const on: boolean = ture;',
    '    console.log(on);',
    '  }',
    '}',
    '',
  ].join('\n');
  // The source keeps its line numbers through tsx (source maps), and 'ture' is only found at run time.
  expect(synthBroken(stack).split('\n')).toEqual([
    'LabCodeError labs/lab-99-broken/stack.ts:3:25: ReferenceError: ture is not defined',
    '  3 | const on: boolean = ture;',
    '  at new BrokenStack (labs/lab-99-broken/stack.ts:3:25)',
    HINT,
  ]);
});

test("a syntax error and a missing module in a lab's code name the file", () => {
  expect(synthBroken('export class BrokenStack {\n  x = { a: true,, };\n}\n').split('\n')).toEqual([
    'LabCodeError labs/lab-99-broken/stack.ts:2:17: SyntaxError: Expected identifier but found ","',
    '  2 | x = { a: true,, };',
    HINT,
  ]);
  expect(
    synthBroken("import { helper } from './helpers';\nexport class BrokenStack { x = helper(); }\n").split(
      '\n',
    ),
  ).toEqual(["LabCodeError labs/lab-99-broken/stack.ts: Error: Cannot find module './helpers'", HINT]);
});

test("npx labs deploy's synth (toolkit-lib) shows the lab's error, not 'Assembly builder failed'", () => {
  writeFileSync(
    join(labDir, 'stack.ts'),
    'export class BrokenStack {\n  constructor() {\n    throw new Error("no bucket name");\n  }\n}\n',
  );
  // The in-process synth of deploy and challenge, through toolkit-lib's fromAssemblyBuilder.
  const script = `
    require('tsx/cjs/api').register();
    const { readdirSync } = require('node:fs');
    const { tmpdir } = require('node:os');
    const { registerLabs } = require('./lib/lab/catalogue.ts');
    const { synthesizeLabs } = require('./lib/operations/lab-synth.ts');
    const { LabIoHost } = require('./lib/operations/lab-io-host.ts');
    const { emulatorSession } = require('./lib/targets/session.ts');
    const lab = { id: 'lab-99', stack: () => require(${JSON.stringify(join(labDir, 'stack.ts'))}).BrokenStack };
    registerLabs([lab]);
    const progress = { line() {}, status() {} };
    const outdirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith('labkit-cdk.out-')).length;
    const before = outdirs();
    synthesizeLabs({
      session: emulatorSession('ministack', {}),
      progress,
      ioHost: new LabIoHost(progress),
      validation: false,
      bundling: false,
      labs: [lab],
      projectDir: process.cwd(),
    }).then(
      () => process.stdout.write('no error'),
      (error) => process.stdout.write(error.constructor.name + ' ' + (outdirs() - before) + ' ' + error.message),
    );`;
  const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  // The error, and no temporary cloud assembly left behind.
  expect(run.stdout.split('\n')).toEqual([
    'LabCodeError 0 labs/lab-99-broken/stack.ts:3:11: Error: no bucket name',
    '  3 | throw new Error("no bucket name");',
    '  at new BrokenStack (labs/lab-99-broken/stack.ts:3:11)',
    HINT,
  ]);
});

test("toolkit-lib's 'Assembly builder failed' gives way to the lab's error it wraps", () => {
  writeFileSync(join(labDir, 'stack.ts'), 'line one\n  throw new Error("no bucket name");\n');
  const thrown = new Error('no bucket name');
  thrown.stack = [
    'Error: no bucket name',
    `    at new BrokenStack (${join(labDir, 'stack.ts')}:2:9)`,
    `    at addLabStack (${join(ROOT, 'lib', 'cdk', 'app.ts')}:28:17)`,
  ].join('\n');
  const wrapped = AssemblyError.withCause('Assembly builder failed', thrown);
  const expected = [
    'labs/lab-99-broken/stack.ts:2:9: Error: no bucket name',
    '  2 | throw new Error("no bucket name");',
    '  at new BrokenStack (labs/lab-99-broken/stack.ts:2:9)',
    HINT,
  ].join('\n');
  expect(labSynthError(wrapped)).toBeInstanceOf(LabCodeError);
  expect(labSynthError(wrapped)?.message).toBe(expected);
  expect(describeUnexpectedError(wrapped)).toBe(expected);
});

test("a kit error inside the toolkit's wrapper keeps its own message; the kit's own bugs are not the lab's", () => {
  const refused = new LabInputError('account 111122223333 is not allowed');
  expect(labSynthError(AssemblyError.withCause('Assembly builder failed', refused))).toBe(refused);
  const kitBug = new TypeError('x is undefined');
  expect(labSynthError(AssemblyError.withCause('Assembly builder failed', kitBug))).toBeUndefined();
  expect(describeUnexpectedError(AssemblyError.withCause('Assembly builder failed', kitBug))).toBe(
    'Assembly builder failed: x is undefined',
  );
});
