import type { ExperimentContext, LabExperiment, Outcome } from './experiment';

/** One line of the checklist. */
export interface ExperimentResult {
  /** The experiment's id in its lab (what predictions and challenges refer to). */
  readonly id: string;
  /** Its label, as the checklist shows it. */
  readonly name: string;
  readonly fact: string;
  readonly outcome: Outcome;
  readonly seconds: number;
  /** What the experiment did not check on this target (its `relaxedOn`), printed with the result. */
  readonly relaxed?: string;
}

/**
 * Runs a lab's experiments in order. An experiment that throws fails with the error's message; a
 * skip declared for the target is reported without running. The rest keep running after a failure.
 *
 * @param checkTarget called after each failure, before it is reported: it throws when the target
 *   itself is gone (the emulator stopped), which ends the run with that error instead of one
 *   failure per remaining experiment
 */
export async function runExperiments(
  experiments: readonly LabExperiment[],
  context: ExperimentContext,
  onResult: (result: ExperimentResult) => void = () => {},
  checkTarget: () => Promise<void> = async () => {},
): Promise<ExperimentResult[]> {
  const results: ExperimentResult[] = [];
  for (const experiment of experiments) {
    const started = Date.now();
    const skipReason = experiment.skipOn?.[context.target];
    let outcome: Outcome;
    if (skipReason) {
      outcome = { status: 'skipped', reason: skipReason };
    } else {
      try {
        outcome = await experiment.run(context);
      } catch (error) {
        const { name, message } = error as Error;
        outcome = {
          status: 'fail',
          observed: `error: ${message}`,
          expected: 'the calls to the deployed lab to succeed',
          because: `error:${name}`,
        };
      }
    }
    if (outcome.status === 'fail') await checkTarget();
    const relaxed = outcome.status === 'skipped' ? undefined : experiment.relaxedOn?.[context.target];
    const result = {
      id: experiment.id,
      name: experiment.name,
      fact: experiment.fact,
      outcome,
      seconds: (Date.now() - started) / 1000,
      ...(relaxed ? { relaxed } : {}),
    };
    results.push(result);
    onResult(result);
  }
  return results;
}

/** `[pass] name (1.2 s): observed` / `[FAIL] ...: observed; expected ...` / `[skip] name: reason`. */
export function formatResult(result: ExperimentResult): string {
  const { outcome } = result;
  const time = `${result.seconds.toFixed(1)} s`;
  const relaxed = result.relaxed ? `\n    not checked here: ${result.relaxed}` : '';
  switch (outcome.status) {
    case 'pass':
      return `[pass] ${result.name} (${time}): ${outcome.observed}${relaxed}`;
    case 'fail':
      return `[FAIL] ${result.name} (${time}): observed ${outcome.observed}; expected ${outcome.expected}${relaxed}`;
    case 'skipped':
      return `[skip] ${result.name}: skipped: ${outcome.reason}`;
  }
}

export function summarize(results: readonly ExperimentResult[]): {
  passed: number;
  failed: number;
  skipped: number;
} {
  const count = (status: Outcome['status']) => results.filter((r) => r.outcome.status === status).length;
  return { passed: count('pass'), failed: count('fail'), skipped: count('skipped') };
}
