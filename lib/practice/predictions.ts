import { LabInputError } from '../core/errors';
import { experimentsOf } from '../experiments/registry';
import type { ExperimentResult } from '../experiments/runner';
import { type LabDefinition, runsSomewhere } from '../lab/catalogue';

/**
 * A question asked before the experiments run (labs/<slug>/practice/predictions.ts), answered by
 * a value one of the lab's experiments measures. `npx labs predict` records the learner's answers;
 * the next `npx labs verify` prints predicted against observed and a score.
 */
export interface Prediction<ExperimentId extends string = string> {
  /** Short id used on the command line (`--answers dlq-receives=3`). */
  readonly id: string;
  readonly question: string;
  /** The experiment whose measurement answers it, and the measurement's name. */
  readonly experiment: ExperimentId;
  readonly measure: string;
  /** A number (right within 10 %, at least `tolerance`), or one of the choices. */
  readonly answer:
    | { readonly kind: 'number'; readonly tolerance?: number }
    | { readonly kind: 'choice'; readonly choices: readonly string[] };
  /** The fact a wrong prediction points to, in one sentence (where the guide and notes explain it). */
  readonly fact: string;
}

/** Parses `id=value,...` against a lab's predictions; every prediction needs a valid value. */
export function parsePredictions(text: string, predictions: readonly Prediction[]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, value] = part.split('=').map((p) => p?.trim());
    const prediction = predictions.find((p) => p.id === id);
    if (!prediction || !value) {
      throw new LabInputError(
        `--answers: "${part}" is not <id>=<value>; ids: ${predictions.map((p) => p.id).join(', ')}`,
      );
    }
    if (prediction.answer.kind === 'number' && !Number.isFinite(Number(value)))
      throw new LabInputError(`--answers: ${id} takes a number, not "${value}"`);
    if (prediction.answer.kind === 'choice' && !prediction.answer.choices.includes(value))
      throw new LabInputError(`--answers: ${id} is one of ${prediction.answer.choices.join(', ')}`);
    answers[id] = value;
  }
  const missing = predictions.filter((p) => !(p.id in answers)).map((p) => p.id);
  if (missing.length) throw new LabInputError(`--answers: no prediction for ${missing.join(', ')}`);
  return answers;
}

/** One prediction against what the run measured. */
export interface PredictionResult {
  readonly prediction: Prediction;
  readonly predicted: string;
  /** What the experiment measured, or undefined when it did not run (skipped on this target). */
  readonly observed?: string;
  readonly right?: boolean;
}

/** Whether a predicted value matches the observed one. */
export function predictionRight(prediction: Prediction, predicted: string, observed: string): boolean {
  if (prediction.answer.kind === 'choice') return predicted === observed;
  const [p, o] = [Number(predicted), Number(observed)];
  return Math.abs(p - o) <= Math.max(prediction.answer.tolerance ?? 0, Math.abs(o) * 0.1);
}

/** Scores saved predictions against the results of a verify run. */
export function scorePredictions(
  predictions: readonly Prediction[],
  answers: Readonly<Record<string, string>>,
  results: readonly ExperimentResult[],
): PredictionResult[] {
  return predictions
    .filter((prediction) => prediction.id in answers)
    .map((prediction) => {
      const outcome = results.find((r) => r.id === prediction.experiment)?.outcome;
      const value =
        outcome && outcome.status !== 'skipped' ? outcome.measured?.[prediction.measure] : undefined;
      const predicted = answers[prediction.id];
      if (value === undefined) return { prediction, predicted };
      const observed = String(value);
      return { prediction, predicted, observed, right: predictionRight(prediction, predicted, observed) };
    });
}

/** The lines `labs verify` prints after the checklist. */
export function formatPredictionResults(results: readonly PredictionResult[]): string[] {
  if (results.length === 0) return [];
  const scored = results.filter((r) => r.right !== undefined);
  const lines = ['predictions (predicted -> observed):'];
  for (const r of results) {
    const mark = r.right === undefined ? 'not measured here' : r.right ? 'right' : 'wrong';
    lines.push(`  [${mark}] ${r.prediction.question} ${r.predicted} -> ${r.observed ?? '-'}`);
    if (r.right === false) lines.push(`          ${r.prediction.fact}`);
  }
  lines.push(`prediction score: ${scored.filter((r) => r.right).length}/${scored.length}`);
  return lines;
}

/** What is wrong with a lab's predictions (too few, unknown experiments, undeclared measurements). */
export function predictionProblems(lab: LabDefinition): string[] {
  const predictions = lab.predictions ?? [];
  const problems: string[] = [];
  if (runsSomewhere(lab) && predictions.length < 4)
    problems.push(`${lab.id} has ${predictions.length} predictions; at least 4 are expected`);
  const experiments = experimentsOf(lab);
  for (const p of predictions) {
    const experiment = experiments.find((e) => e.id === p.experiment);
    if (!experiment) problems.push(`${lab.id} ${p.id}: no experiment ${p.experiment}`);
    else if (!(experiment.measures ?? []).includes(p.measure))
      problems.push(`${lab.id} ${p.id}: experiment ${p.experiment} does not measure ${p.measure}`);
  }
  if (new Set(predictions.map((p) => p.id)).size !== predictions.length)
    problems.push(`${lab.id}: duplicate ids`);
  return problems;
}
