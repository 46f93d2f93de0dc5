/**
 * Adding a lab is new files and a regenerated labs/index.ts, and the kit picks it up everywhere.
 * In a copy of the repository (node_modules linked, not copied), `npm run new-lab` creates a
 * throwaway lab; then the kit-wide tests, the README tables and the CLI commands must include it
 * without any other edit. No emulator is needed; it sits in the e2e layer because it runs the unit
 * layer's kit tests again in the copy (about a minute).
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { copyRepository, runIn } from '../support/repository-copy';

const ID = 'lab-90';
const SLUG = `${ID}-throwaway-check`;

let copy: string;

/** Runs a command in the copy; returns its output, or fails the test with its output. */
function run(command: string, args: string[]): string {
  // The copy's unit tests expect the default emulator port, whatever lane this suite runs in.
  const result = runIn(copy, command, args, { CDK_VALIDATION: 'false', LABKIT_EMULATOR_PORT: undefined });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.output}`);
  return result.output;
}

const node = (script: string, ...args: string[]) => run(process.execPath, [script, ...args]);
const tsx = (script: string, ...args: string[]) => node('node_modules/tsx/dist/cli.mjs', script, ...args);

beforeAll(() => {
  copy = copyRepository('labkit-new-lab-');
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Every file of the copy (not node_modules) with its content. */
function snapshotOfCopy(): Map<string, string> {
  return new Map(
    readdirSync(copy, { recursive: true, encoding: 'utf8', withFileTypes: false })
      .filter((file) => !file.startsWith('node_modules') && !file.startsWith('.labs'))
      .flatMap((file) => {
        try {
          return [[file, readFileSync(join(copy, file), 'utf8')] as [string, string]];
        } catch {
          return []; // a directory
        }
      }),
  );
}

test('npm run new-lab writes the lab, regenerates labs/index.ts and its README rows, nothing else', () => {
  const before = snapshotOfCopy();
  const indexBefore = (before.get('labs/index.ts') ?? '').split('\n');
  const out = tsx('scripts/new-lab.ts', ID, 'throwaway-check', 'Throwaway check');
  expect(out).toContain(`wrote labs/${SLUG}/lab.ts`);
  const after = snapshotOfCopy();
  const changed = [...after].filter(([file, text]) => before.get(file) !== text).map(([file]) => file);
  expect(changed.sort()).toEqual(
    [
      'README.md',
      'labs/index.ts',
      `labs/${SLUG}/README.md`,
      `labs/${SLUG}/facts.ts`,
      `labs/${SLUG}/lab.ts`,
      `labs/${SLUG}/stack.ts`,
      `labs/${SLUG}/outputs.ts`,
      `labs/${SLUG}/resources.ts`,
      `labs/${SLUG}/experiments/index.ts`,
      `labs/${SLUG}/experiments/first-experiment.ts`,
      `test/labs/${SLUG}.test.ts`,
    ].sort(),
  );
  expect([...before.keys()].filter((file) => !after.has(file))).toEqual([]);
  const added = readFileSync(join(copy, 'labs/index.ts'), 'utf8')
    .split('\n')
    .filter((line) => !indexBefore.includes(line));
  expect(added).toEqual([`import { definition as lab90 } from './${SLUG}/lab';`, '  lab90,']);
});

test('the README tables list it and its guide has its generated blocks, with no npm run docs needed', () => {
  const readme = readFileSync(join(copy, 'README.md'), 'utf8');
  expect(readme).toMatch(new RegExp(`^\\| \\[?${ID}\\b.*Throwaway check.*\\| no \\| no \\| no \\|`, 'm'));
  const guide = readFileSync(join(copy, `labs/${SLUG}/README.md`), 'utf8');
  expect(guide).toMatch(/<!-- cost:start -->\n.+\n[\s\S]*<!-- cost:end -->/);
});

test('every kit-wide test file and the new lab test pass with it, and the kit tests name it', () => {
  const report = join(copy, 'jest-report.json');
  node(
    'node_modules/jest/bin/jest.js',
    '--ci',
    '--silent',
    '--json',
    `--outputFile=${report}`,
    'test/kit',
    `test/labs/${SLUG}.test.ts`,
  );
  const results = JSON.parse(readFileSync(report, 'utf8')) as {
    success: boolean;
    testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
  };
  expect(results.success).toBe(true);
  const filesNamingIt = results.testResults
    .filter((file) => file.assertionResults.some((a) => a.fullName.includes(ID)))
    .map((file) => file.name.replace(`${copy}/`, ''))
    .sort();
  expect(filesNamingIt).toEqual(
    expect.arrayContaining([
      'test/kit/cdk-nag.test.ts',
      'test/kit/experiment-outputs.test.ts',
      'test/kit/expiry.test.ts',
      'test/kit/guardrails.test.ts',
    ]),
  );
});

test('the CLI and the CDK app list it, and price and draw it', () => {
  expect(node('bin/labs.mjs', 'list')).toMatch(new RegExp(`^${ID}\\b.*Throwaway check`, 'm'));
  expect(node('bin/labs.mjs', 'cost', ID)).toMatch(/Total while deployed/);
  expect(node('bin/labs.mjs', 'diagram', ID)).toMatch(/^flowchart/m);
  expect(node('node_modules/aws-cdk/bin/cdk', 'ls').split(/\s+/)).toContain(ID);
});
