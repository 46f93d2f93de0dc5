/**
 * Every lab's facts (labs/<slug>/facts.ts) point at experiments and synth tests that exist, every
 * experiment proves a listed fact, and a fact nothing proves says why. The guides' facts tables are
 * generated from these (`npm run docs`), with the proof kind per fact.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabExperiment } from '../../lib/experiments/experiment';
import { experimentsOf } from '../../lib/experiments/registry';
import { allLabs } from '../../lib/lab/catalogue';
import { factProblems, type LabFact, proofColumn, proofOf, renderFactsTable } from '../../lib/lab/facts';

/** The titles of the top-level tests in a lab's synth test file. */
function templateTestTitles(slug: string): string[] {
  const source = readFileSync(join(__dirname, '..', 'labs', `${slug}.test.ts`), 'utf8');
  return [...source.matchAll(/^test\(\s*'((?:[^'\\]|\\.)*)'/gm)].map((m) => m[1].replace(/\\'/g, "'"));
}

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('its facts name existing experiments and synth tests; every experiment proves a fact', () => {
    expect(factProblems(lab.facts, experimentsOf(lab), templateTestTitles(lab.slug))).toEqual([]);
  });
});

const behaviour: LabExperiment = {
  id: 'b',
  name: 'Behaves',
  fact: 'f',
  proof: 'behaviour',
  run: async () => ({ status: 'skipped', reason: '' }),
};
const reading: LabExperiment = { ...behaviour, id: 'c', name: 'Reads', proof: 'configuration' };

test('a fact shows its strongest proof: behaviour, then configuration, then template', () => {
  const fact = (extra: Partial<LabFact>): LabFact => ({ fact: 'x', notes: 'n', ...extra });
  expect(proofOf(fact({ experiments: ['c', 'b'] }), [behaviour, reading])).toBe('behaviour');
  expect(proofOf(fact({ experiments: ['c'], templateTests: ['t'] }), [behaviour, reading])).toBe(
    'configuration',
  );
  expect(proofOf(fact({ templateTests: ['t'] }), [])).toBe('template');
  expect(proofOf(fact({ remark: 'Break it 1 shows it' }), [])).toBe('not proven here');
});

test('a fact proven differently per target says so per target (issue 25, section 3)', () => {
  const fact = (extra: Partial<LabFact>): LabFact => ({ fact: 'x', notes: 'n', ...extra });
  const simulated: LabExperiment = { ...behaviour, id: 's', proofOn: { ministack: 'simulation' } };
  const awsOnly: LabExperiment = { ...behaviour, id: 'a', skipOn: { ministack: 'no instances' } };
  expect(proofOf(fact({ experiments: ['s'] }), [simulated], 'ministack')).toBe('simulation');
  expect(proofOf(fact({ experiments: ['s'] }), [simulated], 'aws')).toBe('behaviour');
  expect(proofColumn(fact({ experiments: ['s'] }), [simulated], ['ministack', 'aws'])).toBe(
    'ministack: simulation; aws: behaviour',
  );
  expect(proofColumn(fact({ experiments: ['a'] }), [awsOnly], ['ministack', 'aws'])).toBe(
    'ministack: not proven here; aws: behaviour',
  );
  expect(proofColumn(fact({ experiments: ['b'] }), [behaviour], ['ministack', 'aws'])).toBe('behaviour');
});

test('the check catches a missing experiment, a missing synth test, an orphan experiment and an unexplained gap', () => {
  const problems = factProblems(
    [
      { fact: 'one', notes: 'n', experiments: ['nope'] },
      { fact: 'two', notes: 'n', templateTests: ['no such test'] },
      { fact: 'three', notes: 'n' },
      { fact: 'four', notes: 'n', experiments: ['b'], sources: ['http://example.com/x'] },
    ],
    [behaviour, reading],
    [],
  );
  expect(problems).toEqual([
    '"one...": no experiment "nope"',
    '"one...": nothing proves it, and no remark says why',
    '"two...": no synth test "no such test"',
    '"three...": nothing proves it, and no remark says why',
    '"four...": source http://example.com/x is not an AWS documentation page',
    'experiment c proves no listed fact',
  ]);
});

test('the table links the AWS documentation and prints the proof kind', () => {
  const table = renderFactsTable(
    [
      {
        fact: 'SQS takes 1 MiB',
        notes: '`002` - SQS',
        sources: ['https://docs.aws.amazon.com/sqs'],
        experiments: ['b'],
      },
    ],
    [behaviour],
  );
  expect(table.split('\n')[2]).toBe(
    '| SQS takes 1 MiB [AWS docs](https://docs.aws.amazon.com/sqs) | `002` - SQS | Behaves | behaviour |',
  );
});
