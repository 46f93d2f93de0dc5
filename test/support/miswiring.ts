import { type LabExperiment, miswiredOutputs, miswiredPair } from '../../lib/experiments/experiment';
import { experimentsOf } from '../../lib/experiments/registry';
import { type ExperimentResult, runExperiments } from '../../lib/experiments/runner';
import type { LabDefinition, Target } from '../../lib/lab/catalogue';
import { sessionFor } from '../../lib/targets/session';

/** The experiments of a lab whose declared miswiring runs on `target` (the e2e tests of the tests). */
export function miswiredChecks(lab: LabDefinition, target: Target): LabExperiment[] {
  return experimentsOf(lab).filter(
    (e) => e.mustFailWhen && !e.skipOn?.[target] && !e.mustFailWhen.skipOn?.[target],
  );
}

/** Runs one experiment with its declared miswiring; the lab must be deployed. */
export async function runMiswired(
  lab: LabDefinition,
  target: Target,
  outputs: Record<string, string>,
  experiment: LabExperiment,
): Promise<{ wiring: string; result: ExperimentResult }> {
  const miswiring = experiment.mustFailWhen;
  if (!miswiring) throw new Error(`${lab.id} ${experiment.id} declares no miswiring`);
  const [changed, source] = miswiredPair(miswiring);
  const wiring = 'swapOutputs' in miswiring ? `${changed} <-> ${source}` : `${changed} <- ${source}`;
  const [result] = await runExperiments([experiment], {
    lab,
    target,
    outputs: miswiredOutputs(outputs, miswiring),
    clientConfig: sessionFor(target).clientConfig,
    progress: () => {},
  });
  return { wiring, result };
}

/**
 * What a miswired run must come to: a fail for the fact's reason (its `failsBecause`), compared as
 * `[name, status, because]` so a failure for another reason (a missing resource) shows in the diff.
 */
export function miswiredVerdict(experiment: LabExperiment, result: ExperimentResult) {
  const because = result.outcome.status === 'fail' ? result.outcome.because : undefined;
  return {
    actual: [experiment.name, result.outcome.status, because],
    expected: [experiment.name, 'fail', experiment.mustFailWhen?.failsBecause],
  };
}
