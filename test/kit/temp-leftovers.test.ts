import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempLeftovers } from '../support/temp-leftovers';

/**
 * The check global-teardown.ts runs after the suite (issue 24 item 11): a run whose tests leave a
 * temp entry fails. Here on a stand-in directory, since the real check runs once per run.
 */

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'temp-leftovers-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

test("the tools' caches are not leftovers", () => {
  for (const cache of ['jest_0', 'tsx-0', 'node-compile-cache']) mkdirSync(join(scratch, cache));
  expect(tempLeftovers(scratch)).toEqual([]);
});

test('what a test left is reported', () => {
  mkdirSync(join(scratch, 'cdk.outAbc123'));
  mkdirSync(join(scratch, 'labkit-records-x1'));
  expect(tempLeftovers(scratch).sort()).toEqual([
    join(scratch, 'cdk.outAbc123'),
    join(scratch, 'labkit-records-x1'),
  ]);
});

test("this test file's temporary directory is its own, inside the run's (test/support/file-tmp-environment.ts)", () => {
  const run = process.env.LABKIT_TEST_SCRATCH;
  expect(run).toBeDefined();
  expect(tmpdir()).toMatch(new RegExp(`^${run}/file-`));
});
