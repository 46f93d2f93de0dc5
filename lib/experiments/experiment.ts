import { LabInputError } from '../core/errors';
import type { LabDefinition, Target } from '../lab/catalogue';

/** Values an experiment measured, by name: what `labs predict` questions are scored against. */
export type Measurements = Readonly<Record<string, number | string>>;

/** What one experiment observed. */
export type Outcome =
  | { readonly status: 'pass'; readonly observed: string; readonly measured?: Measurements }
  | {
      readonly status: 'fail';
      readonly observed: string;
      /** What the fact says should have been seen: every failure line states both (issue 24). */
      readonly expected: string;
      /**
       * Which part of the fact failed, as a short code the experiment names (`not-delivered`,
       * `not-refused`, `count:0`...), or `error:<name>` when a call threw. A miswired run must fail
       * with its {@link Miswiring.failsBecause}, so a missing resource never counts as a proof.
       */
      readonly because?: string;
      readonly measured?: Measurements;
    }
  | { readonly status: 'skipped'; readonly reason: string };

export const pass = (observed: string): Outcome => ({ status: 'pass', observed });
export const fail = (observed: string, expected: string, because?: string): Outcome => ({
  status: 'fail',
  observed,
  expected,
  ...(because ? { because } : {}),
});
export const skipped = (reason: string): Outcome => ({ status: 'skipped', reason });

/** The outcome with the values the experiment measured attached (a skip measures nothing). */
export const withMeasurements = (outcome: Outcome, measured: Measurements): Outcome =>
  outcome.status === 'skipped' ? outcome : { ...outcome, measured };

/** Pass when `ok`, otherwise fail (`because`: see {@link Outcome}); both report what was observed. */
export const expectThat = (ok: boolean, observed: string, expected: string, because?: string): Outcome =>
  ok ? pass(observed) : fail(observed, expected, because);

/**
 * What an experiment gets to work with: the deployed lab's outputs and SDK settings for the target.
 * `Output` is the lab's output names (its outputs.ts), so reading one the stack does not declare is
 * a compile error.
 */
export interface ExperimentContext<Output extends string = string> {
  readonly lab: LabDefinition;
  readonly target: Target;
  /** The lab stack's CloudFormation outputs. */
  readonly outputs: Readonly<Record<Output, string>>;
  /** Pass to every SDK client constructor: endpoint, region and credentials of the target. */
  readonly clientConfig: Readonly<Record<string, unknown>>;
  /** Reports progress of a long experiment (one transient status line). */
  readonly progress: (text: string) => void;
}

/** Reads a stack output, or explains which one is missing (a lab/experiment mismatch). */
export function outputOf<Output extends string>(context: ExperimentContext<Output>, key: Output): string {
  const value = context.outputs[key] as string | undefined;
  if (!value) {
    throw new LabInputError(
      `${context.lab.id} has no stack output ${key} (outputs: ${Object.keys(context.outputs).join(', ') || 'none'})`,
    );
  }
  return value;
}

/**
 * What kind of proof an experiment is; the guide shows it per fact and per target.
 * - `behaviour`: drives the lab and observes the result (a message arrives, a request is refused,
 *   a record appears). It fails when the service does not behave as the fact says.
 * - `simulation`: asks a policy engine what would happen (the IAM policy simulator) instead of
 *   making the call: it shows how the policies evaluate, not that the service enforces them.
 * - `configuration`: reads a deployed setting back. It fails only if the stack or the service
 *   changed the setting, so it proves less; use it where no target can show the behaviour.
 * - `template`: checked on the synthesized template (test/labs), not on a deployed lab.
 */
export type ProofKind = 'behaviour' | 'simulation' | 'configuration' | 'template';
/** Strongest first. */
export const PROOF_KINDS: readonly ProofKind[] = ['behaviour', 'simulation', 'configuration', 'template'];

/**
 * One experiment: drives the deployed lab through the AWS SDK and reports what it observed.
 * Each proves one fact in the lab's guide.
 */
export interface Experiment<Output extends string = string> {
  /**
   * Short imperative name, shown in the checklist and the guide: a label only. Facts, predictions,
   * quiz items and challenges refer to the experiment by its id (its key in the lab's
   * {@link ExperimentSet}), which the compiler checks.
   */
  readonly name: string;
  /** The fact from the lab guide that the experiment proves, in one sentence. */
  readonly fact: string;
  /** What kind of proof it is (see {@link ProofKind}); be honest, the guide prints it. */
  readonly proof: ProofKind;
  /**
   * Targets where it proves less than `proof` says (it simulates there what it does for real on
   * AWS, or reads a setting back), with the kind it is there.
   *
   * @default `proof` on every target
   */
  readonly proofOn?: Partial<Record<Target, ProofKind>>;
  /**
   * Targets where the experiment cannot observe what it needs, with the reason. The runner reports
   * "skipped: <reason>" there without running it. The one place a gap is written: the guide's
   * support matrix and facts table and docs/fidelity.md derive theirs from it (lib/experiments/gaps.ts).
   */
  readonly skipOn?: Partial<Record<Target, string>>;
  /**
   * Targets where the experiment runs but checks less than on AWS, because the emulator reports
   * something differently: what it does not check there and why. Printed with the result on that
   * target, so a pass line never contradicts itself (e.g. an ALB "in two AZs" whose reported zones
   * are the same).
   */
  readonly relaxedOn?: Partial<Record<Target, string>>;
  /**
   * A test of the test: stack outputs rewired so the experiment meets resources that do not behave
   * as the fact says. The end-to-end layer runs it that way too and requires a fail for the fact's
   * reason, so an experiment that cannot fail is caught. An experiment without one is a check of a
   * challenge, or is listed with its reason in test/support/failing-proof-exceptions.ts.
   *
   * @default none (the experiment is not run miswired)
   */
  readonly mustFailWhen?: Miswiring<Output>;
  /**
   * The names of the values the experiment reports in `measured` (see {@link withMeasurements}):
   * the predictions a learner makes with `npx labs predict` are scored against them.
   *
   * @default none
   */
  readonly measures?: readonly string[];
  run(context: ExperimentContext<Output>): Promise<Outcome>;
}

/**
 * A lab's experiments by id, in run order: `labs/<slug>/experiments/index.ts` exports it as
 * `experiments`, and its keys as the lab's `ExperimentId` type.
 */
export type ExperimentSet<Id extends string = string> = Readonly<Record<Id, Experiment>>;

/** One experiment with the id its lab gives it. */
export interface LabExperiment extends Experiment {
  readonly id: string;
}

/** The experiments of one lab, in run order, each with its id. */
export type LabExperiments = readonly LabExperiment[];

/** The set as a list, each experiment with its id (its key in the set). */
export function listExperiments(set: ExperimentSet): LabExperiments {
  return Object.entries(set).map(([id, experiment]) => ({ ...experiment, id }));
}

/**
 * How an experiment is wired wrong for its test of the test ({@link Experiment.mustFailWhen}).
 * - `swapOutputs`: two stack outputs trade values (two queues with different filters).
 * - `replaceOutput`: the first output reads the second's value (the private subnet's id is given
 *   the public one's), for experiments where a swap would not break the fact.
 */
export type Miswiring<Output extends string = string> = (
  | { readonly swapOutputs: readonly [Output, Output] }
  | { readonly replaceOutput: readonly [Output, Output] }
) & {
  /** Why the miswired run cannot pass, in a sentence. */
  readonly why: string;
  /** The `because` the miswired run must fail with: the part of the fact it breaks. */
  readonly failsBecause: string;
  /**
   * Targets where the miswired run fails for another reason than the fact's (an emulator refuses the
   * rewired call first), with what was observed there: the e2e does not run it there.
   *
   * @default none: it runs wherever the experiment runs
   */
  readonly skipOn?: Partial<Record<Target, string>>;
};

/** The two outputs a miswiring touches, first the one it changes. */
export const miswiredPair = (miswiring: Miswiring): readonly [string, string] =>
  'swapOutputs' in miswiring ? miswiring.swapOutputs : miswiring.replaceOutput;

/** The outputs as the miswiring rewires them (see {@link Experiment.mustFailWhen}). */
export function miswiredOutputs(
  outputs: Readonly<Record<string, string>>,
  miswiring: Miswiring,
): Record<string, string> {
  if ('swapOutputs' in miswiring) {
    const [first, second] = miswiring.swapOutputs;
    return { ...outputs, [first]: outputs[second], [second]: outputs[first] };
  }
  const [changed, source] = miswiring.replaceOutput;
  return { ...outputs, [changed]: outputs[source] };
}

/** The kind of proof an experiment is on a target (its `proofOn` there, else its `proof`). */
export const proofKindOn = (experiment: Experiment, target: Target): ProofKind =>
  experiment.proofOn?.[target] ?? experiment.proof;
