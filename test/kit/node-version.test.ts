import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MIN_NODE_MAJOR, nodeVersionWarning } from '../../lib/core/node-version';

test('a Node.js older than 22 gets one warning line: what is wrong, that it may work, how to get 24', () => {
  const warning = nodeVersionWarning('20.20.2');
  expect(warning).toBe(
    'warning: Node.js 20.20.2 is older than the kit supports (22 or newer): commands may still work, ' +
      'but the CDK no longer supports it; install Node.js 24 LTS from https://nodejs.org or with nvm ' +
      '(nvm install 24), then npx labs doctor checks the rest',
  );
  expect(warning).not.toContain('\n');
  expect(nodeVersionWarning('v18.19.0')).toMatch(/^warning: Node\.js 18\.19\.0 is older/);
  expect(nodeVersionWarning(`${MIN_NODE_MAJOR - 1}.99.0`)).toBeDefined();
});

test('Node.js 22 and newer get no warning, nor does a version the kit cannot read', () => {
  for (const version of ['22.0.0', '22.22.2', '24.21.0', 'v26.1.0', 'unknown']) {
    expect(nodeVersionWarning(version)).toBeUndefined();
  }
});

test('the floor is the one package.json declares', () => {
  expect(require('../../package.json').engines.node).toBe(`>=${MIN_NODE_MAJOR}`);
});

test('bin/labs.mjs prints the warning before anything else, on every command, and still runs it', () => {
  // Node 20 in all but the version string: the entry reads process.versions.node.
  const olderNode = `data:text/javascript,Object.defineProperty(process,"versions",{value:{...process.versions,node:"20.1.0"}})`;
  const run = spawnSync(
    process.execPath,
    ['--import', olderNode, join(__dirname, '..', '..', 'bin', 'labs.mjs'), 'cost'],
    { encoding: 'utf8' },
  );
  expect(run.stderr.split('\n')).toEqual([
    nodeVersionWarning('20.1.0'),
    'error: cost: name one lab, for example npx labs cost lab-03',
    '',
  ]);
  expect(run.status).toBe(1);
});
