/**
 * Every experiment is proven able to fail (issue 31): a miswiring or a challenge check that CI runs
 * wherever the experiment runs on MiniStack, or an entry with its reason in
 * test/support/failing-proof-exceptions.ts.
 */
import { failingProofsOf } from '../../lib/experiments/failing-proof';
import { experimentsOf } from '../../lib/experiments/registry';
import { allLabs, type LabDefinition, TARGETS } from '../../lib/lab/catalogue';
import { NO_FAILING_PROOF } from '../support/failing-proof-exceptions';

/** The target CI deploys every lab on: a proof must run there wherever the experiment does. */
const CI_TARGET = 'ministack';

const listed = (table: object, lab: LabDefinition): Record<string, string> =>
  (table as Record<string, Record<string, string>>)[lab.id] ?? {};

/** A lab still being written (`npm run new-lab`): it deploys nowhere yet, so its experiments run nowhere. */
const inProgress = (lab: LabDefinition) => TARGETS.every((target) => lab.support[target].level === 'none');

/** The experiments of the lab with no failing proof that runs where they run on CI's target. */
function unproven(lab: LabDefinition): string[] {
  if (inProgress(lab)) return [];
  return experimentsOf(lab)
    .filter((experiment) => {
      const proofs = failingProofsOf(lab, experiment, ['ministack', 'localstack', 'aws']);
      const runsOnCi = lab.support[CI_TARGET].level !== 'none' && !experiment.skipOn?.[CI_TARGET];
      return runsOnCi ? !proofs.some((p) => p.targets.includes(CI_TARGET)) : proofs.length === 0;
    })
    .map((experiment) => experiment.id);
}

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('each experiment has a failing proof, or is listed with its reason', () => {
    const missing = unproven(lab);
    expect(missing.filter((id) => !(id in listed(NO_FAILING_PROOF, lab)))).toEqual([]);
    // An entry for an experiment that now has a proof, or no longer exists, goes.
    expect(Object.keys(listed(NO_FAILING_PROOF, lab)).filter((id) => !missing.includes(id))).toEqual([]);
    for (const reason of Object.values(listed(NO_FAILING_PROOF, lab)))
      expect(reason.length).toBeGreaterThan(20);
  });
});

test('the rule sees an experiment without a proof, and one with a miswiring (it must not pass vacuously)', () => {
  const lab = { ...allLabs()[0], challenges: [] };
  const [first] = experimentsOf(lab);
  const bare = { ...first, mustFailWhen: undefined, skipOn: undefined };
  expect(failingProofsOf(lab, bare, ['ministack'])).toEqual([]);
  const miswired = {
    ...bare,
    mustFailWhen: { swapOutputs: ['A', 'B'] as const, why: 'w', failsBecause: 'x' },
  };
  expect(failingProofsOf(lab, miswired, ['ministack']).map((p) => p.kind)).toEqual(['miswiring']);
});
