import { experimentsOf } from '../experiments/registry';
import { type LabDefinition, TARGETS, type Target } from '../lab/catalogue';
import type { LabProgress } from './progress';

/**
 * Why an experiment of the lab does not run on a target (its declared skip there, or the lab not
 * running there at all), or undefined when it runs. Predictions and quiz answers tied to it say so
 * before the learner answers, not after `verify`.
 */
export function whyNotMeasuredOn(
  lab: LabDefinition,
  experimentId: string,
  target: Target,
): string | undefined {
  if (lab.support[target].level === 'none') return `${lab.id} does not run on ${target}`;
  return experimentsOf(lab).find((experiment) => experiment.id === experimentId)?.skipOn?.[target];
}

/** The targets where an experiment of the lab runs. */
export function targetsMeasuring(lab: LabDefinition, experimentId: string): Target[] {
  return TARGETS.filter((target) => whyNotMeasuredOn(lab, experimentId, target) === undefined);
}

/**
 * The target `predict` and `quiz` speak of, with where it came from: `--target`; otherwise where the
 * lab was last deployed, which its next `verify` most likely measures; otherwise MiniStack, the
 * emulator the kit starts.
 */
export function practiceTarget(
  requested: Target | undefined,
  progress: LabProgress | undefined,
): { readonly target: Target; readonly from: string } {
  if (requested) return { target: requested, from: '--target' };
  const deployed = progress?.deployed?.target;
  if (deployed) return { target: deployed, from: 'where you last deployed it; --target names another' };
  return { target: 'ministack', from: 'the kit’s emulator; --target names another' };
}

/** `(not measured on ministack: <why>; it is on aws)`, or '' when the experiment runs there. */
export function notMeasuredNote(lab: LabDefinition, experimentId: string, target: Target): string {
  const why = whyNotMeasuredOn(lab, experimentId, target);
  if (why === undefined) return '';
  const elsewhere = targetsMeasuring(lab, experimentId);
  return `(not measured on ${target}: ${why.replace(/\.$/, '')}; ${
    elsewhere.length ? `measured on ${elsewhere.join(', ')}` : 'measured on no target yet'
  })`;
}

/**
 * What `predict` prints before it asks: the predictions whose experiment does not run on the target,
 * each with why. The learner still answers them; `verify` there shows them as not measured.
 */
export function unmeasuredPredictionLines(
  lab: LabDefinition,
  predictions: readonly { readonly id: string; readonly experiment: string }[],
  target: { readonly target: Target; readonly from: string },
): string[] {
  const notes = predictions
    .map((p) => ({ id: p.id, note: notMeasuredNote(lab, p.experiment, target.target) }))
    .filter((p) => p.note);
  if (notes.length === 0) return [];
  return [
    `on ${target.target} (${target.from}) verify cannot measure ${notes.length} of these ${predictions.length} predictions; answer them all the same:`,
    ...notes.map((p) => `  ${p.id} ${p.note}`),
  ];
}
