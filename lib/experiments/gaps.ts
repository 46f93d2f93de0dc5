/**
 * Where a lab's experiments cannot run: an experiment's `skipOn` reason is the only place a gap is
 * written. The guide's support matrix and facts table, and the fidelity table, derive their text
 * from it here; `restatedGap` finds hand-written text that says it again.
 */

import type { Target } from '../lab/catalogue';
import type { LabExperiment, LabExperiments } from './experiment';

/** The experiments skipped on a target, in run order. */
export function skippedOn(experiments: LabExperiments, target: Target): LabExperiment[] {
  return experiments.filter((e) => e.skipOn?.[target] !== undefined);
}

/**
 * The support matrix's sentence for a target: which experiments are skipped there, and where the
 * reader finds why (empty when none is).
 */
export function skipSentence(
  experiments: LabExperiments,
  target: Target,
  why = 'the experiments table says why',
): string {
  const skipped = skippedOn(experiments, target);
  if (skipped.length === 0) return '';
  const names = skipped.map((e) => `"${e.name}"`).join(', ');
  return `Skipped here: ${skipped.length} of ${experiments.length} experiments (${names}); ${why}.`;
}

/**
 * The facts table's words on where a fact's experiments are skipped, among the targets the lab
 * deploys on: "skipped on `ministack`" when all of them are, else which ones. Empty when none is.
 */
export function factSkipNote(
  experimentIds: readonly string[],
  experiments: LabExperiments,
  targets: readonly Target[],
): string {
  const own = experimentIds.flatMap((id) => experiments.filter((e) => e.id === id));
  // Experiments skipped on the same targets are named together.
  const groups = new Map<string, LabExperiment[]>();
  for (const experiment of own) {
    const where = targets.filter((t) => experiment.skipOn?.[t] !== undefined);
    if (where.length === 0) continue;
    const key = where.map((t) => `\`${t}\``).join(' and ');
    groups.set(key, [...(groups.get(key) ?? []), experiment]);
  }
  const note = [...groups]
    .map(([where, group]) =>
      group.length === own.length
        ? `skipped on ${where}`
        : `${group.map((e) => `"${e.name}"`).join(', ')} skipped on ${where}`,
    )
    .join('; ');
  return note.charAt(0).toUpperCase() + note.slice(1);
}

/** The first sentence of a skip reason: what the fidelity table shows of it. */
export function firstSentence(reason: string): string {
  const match = /^.*?[.!?](?=\s+[A-Z(]|$)/s.exec(reason.trim());
  return (match?.[0] ?? reason).trim();
}

// A hyphenated name (a compatibility step) is one word.
const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+(?:[-.'’][a-z0-9]+)*/g) ?? [];

/** How many consecutive words hand-written text may share with a skip reason before it restates it. */
export const RESTATED_WORDS = 6;

/**
 * Why `text` (a support note, a fact remark, a fidelity cell) restates a gap that a skip reason
 * already gives, or `undefined`: it speaks of skipping (the generated text does that), or it shares
 * {@link RESTATED_WORDS} consecutive words with one of `reasons`.
 */
export function restatedGap(text: string, reasons: readonly string[]): string | undefined {
  const skip = /\bskip\w*/i.exec(text);
  if (skip) return `says "${skip[0]}" (the skipped experiments are listed from their skipOn)`;
  const own = words(text);
  const phrases = new Set<string>();
  for (let i = 0; i + RESTATED_WORDS <= own.length; i++)
    phrases.add(own.slice(i, i + RESTATED_WORDS).join(' '));
  for (const reason of reasons) {
    const theirs = words(reason);
    for (let i = 0; i + RESTATED_WORDS <= theirs.length; i++) {
      const phrase = theirs.slice(i, i + RESTATED_WORDS).join(' ');
      if (phrases.has(phrase)) return `repeats a skip reason ("${phrase} ...")`;
    }
  }
  return undefined;
}

/** Every skip reason of a lab's experiments, on any target. */
export function skipReasons(experiments: LabExperiments): string[] {
  return experiments.flatMap((e) => Object.values(e.skipOn ?? {}).filter((r): r is string => !!r));
}

/**
 * Why a fact's remark restates where its experiments are skipped, or `undefined`: besides
 * {@link restatedGap}, a remark on a fact with a skipped experiment that names a target ("AWS
 * only", "MiniStack ...") says what the facts table already derives.
 */
export function remarkRestatesGap(remark: string, factExperiments: LabExperiments): string | undefined {
  const restated = restatedGap(remark, skipReasons(factExperiments));
  if (restated) return restated;
  const skips = factExperiments.some((e) => Object.values(e.skipOn ?? {}).some(Boolean));
  const target = /\b(AWS only|on AWS|MiniStack|LocalStack|emulators?)\b/i.exec(remark);
  if (skips && target) return `names "${target[0]}" on a fact whose experiments are skipped somewhere`;
  return undefined;
}

/** A lab as the local-fidelity count sees it: whether it deploys on the target, and its experiments. */
export interface LabOnTarget {
  readonly deploys: boolean;
  readonly experiments: LabExperiments;
}

/**
 * How many experiments run on a target, counted over every lab given: an experiment runs where its
 * lab deploys and it declares no skip; a lab that does not deploy there runs none of its own.
 */
export function runningOn(labs: readonly LabOnTarget[], target: Target): { running: number; total: number } {
  let running = 0;
  let total = 0;
  for (const lab of labs) {
    total += lab.experiments.length;
    if (lab.deploys) running += lab.experiments.filter((e) => e.skipOn?.[target] === undefined).length;
  }
  return { running, total };
}
