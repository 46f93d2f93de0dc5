import { type LabExperiment, swappedOutputs } from '../../lib/experiments/experiment';
import { experimentsOf } from '../../lib/experiments/registry';
import { type ExperimentResult, runExperiments } from '../../lib/experiments/runner';
import type { LabDefinition, Target } from '../../lib/lab/catalogue';
import { sessionFor } from '../../lib/targets/session';

/** The experiments of a lab whose declared miswiring runs on `target` (the e2e tests of the tests). */
export function miswiredChecks(lab: LabDefinition, target: Target): LabExperiment[] {
  return experimentsOf(lab).filter((e) => e.mustFailWhen && !e.skipOn?.[target]);
}

/** Runs one experiment with its declared pair of stack outputs swapped; the lab must be deployed. */
export async function runMiswired(
  lab: LabDefinition,
  target: Target,
  outputs: Record<string, string>,
  experiment: LabExperiment,
): Promise<{ swap: readonly [string, string]; result: ExperimentResult }> {
  const swap = experiment.mustFailWhen?.swapOutputs ?? ['', ''];
  const [result] = await runExperiments([experiment], {
    lab,
    target,
    outputs: swappedOutputs(outputs, swap),
    clientConfig: sessionFor(target).clientConfig,
    progress: () => {},
  });
  return { swap, result };
}
