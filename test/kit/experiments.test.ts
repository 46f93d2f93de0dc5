import { existsSync, readFileSync } from 'node:fs';
import { guideFileOf, updateGuide } from '../../lib/docs/lab-guides';
import { type ExperimentContext, type LabExperiment, pass } from '../../lib/experiments/experiment';
import { experimentsDirOf, experimentsOf } from '../../lib/experiments/registry';
import { formatResult, runExperiments, summarize } from '../../lib/experiments/runner';
import { allLabs, findLab } from '../../lib/lab/catalogue';

const context: ExperimentContext = {
  lab: findLab('lab-02'),
  target: 'ministack',
  outputs: {},
  clientConfig: {},
  progress: () => {},
};

test('the runner reports pass, fail (also for a throw) and declared skips, and keeps going', async () => {
  let ranSkipped = false;
  const experiments: LabExperiment[] = [
    { id: 'works', name: 'works', fact: 'f', proof: 'behaviour', run: async () => pass('3 of 3') },
    {
      id: 'throws',
      name: 'throws',
      fact: 'f',
      proof: 'behaviour',
      run: async () => Promise.reject(new Error('queue not found')),
    },
    {
      id: 'notHere',
      name: 'not here',
      fact: 'f',
      proof: 'behaviour',
      skipOn: { ministack: 'MiniStack does not run instances' },
      run: async () => {
        ranSkipped = true;
        return pass('never');
      },
    },
    {
      id: 'wrong',
      name: 'wrong',
      fact: 'f',
      proof: 'configuration',
      run: async () => ({ status: 'fail', observed: '2', expected: '3' }),
    },
    {
      id: 'lenient',
      name: 'lenient',
      fact: 'f',
      proof: 'configuration',
      relaxedOn: { ministack: 'the zones the emulator reports' },
      run: async () => pass('2 AZs'),
    },
  ];
  const results = await runExperiments(experiments, context);
  expect(ranSkipped).toBe(false);
  expect(results.map((r) => formatResult(r).replace(/\(\d+\.\d s\)/, '(t)'))).toEqual([
    '[pass] works (t): 3 of 3',
    '[FAIL] throws (t): observed error: queue not found; expected the calls to the deployed lab to succeed',
    '[skip] not here: skipped: MiniStack does not run instances',
    '[FAIL] wrong (t): observed 2; expected 3',
    // A pass that checks less here says so on its own result (issue 24, item 8).
    '[pass] lenient (t): 2 AZs\n    not checked here: the zones the emulator reports',
  ]);
  expect(summarize(results)).toEqual({ passed: 2, failed: 2, skipped: 1 });
  // A throw names the error, so a miswired run that fails on a missing resource is not the fact's failure.
  expect(results.map((r) => (r.outcome.status === 'fail' ? r.outcome.because : undefined))).toEqual([
    undefined,
    'error:Error',
    undefined,
    undefined,
    undefined,
  ]);
});

test('a failure because the target is gone ends the run with that one error (issue 22, section 5)', async () => {
  let ran = 0;
  const refused = async () => {
    ran += 1;
    throw new Error('connect ECONNREFUSED 127.0.0.1:4566');
  };
  const experiments: LabExperiment[] = ['first', 'second', 'third'].map((name) => ({
    id: name,
    name,
    fact: 'f',
    proof: 'behaviour',
    run: refused,
  }));
  const reported: string[] = [];
  const gone = new Error('the emulator stopped answering');
  await expect(
    runExperiments(
      experiments,
      context,
      (result) => reported.push(result.name),
      async () => {
        throw gone;
      },
    ),
  ).rejects.toBe(gone);
  expect({ ran, reported }).toEqual({ ran: 1, reported: [] });
  // While the target answers, a failure is reported and the run goes on.
  const results = await runExperiments(experiments, context, undefined, async () => {});
  expect(results.map((r) => r.outcome.status)).toEqual(['fail', 'fail', 'fail']);
});

test.each(allLabs().map((lab) => [lab.id]))('%s has experiments, each tied to a fact', async (id) => {
  const lab = findLab(id);
  expect(existsSync(experimentsDirOf(lab))).toBe(true);
  const experiments = experimentsOf(lab);
  // A lab that runs somewhere proves at least two facts (a new, scaffolded lab has a placeholder).
  const runsSomewhere = Object.values(lab.support).some((support) => support.level !== 'none');
  expect(experiments.length).toBeGreaterThanOrEqual(runsSomewhere ? 2 : 1);
  for (const experiment of experiments) {
    expect(experiment.name.length).toBeGreaterThan(5);
    expect(experiment.fact.length).toBeGreaterThan(20);
    for (const reason of Object.values(experiment.skipOn ?? {})) expect(reason?.length).toBeGreaterThan(20);
  }
  expect(new Set(experiments.map((e) => e.name)).size).toBe(experiments.length);
  for (const experiment of experiments) expect(experiment.id).toMatch(/^[a-z][A-Za-z0-9]+$/);
});

test.each(allLabs().map((lab) => [lab.id]))(
  "%s's guide lists its experiments and support matrix as generated (run `npm run docs`)",
  async (id) => {
    const lab = findLab(id);
    const guide = readFileSync(guideFileOf(lab), 'utf8');
    expect(updateGuide(lab, guide, experimentsOf(lab))).toBe(guide);
  },
);
