import { type LabExperiments, PROOF_KINDS, type ProofKind, proofKindOn } from '../experiments/experiment';
import { factSkipNote } from '../experiments/gaps';
import { TARGETS, type Target } from './catalogue';

/**
 * One exam fact a lab teaches (labs/<slug>/facts.ts): the statement, where the study notes make it,
 * the AWS documentation it was checked against, and what in the kit proves it. The guide's facts
 * table is generated from these, with the kind of proof per fact.
 */
export interface LabFact<ExperimentId extends string = string> {
  /** The fact, in one or two sentences, as the guide states it (Markdown). */
  readonly fact: string;
  /** The study notes it comes from: `` `file` - topic ``, or "not in the notes" (Markdown). */
  readonly notes: string;
  /**
   * AWS documentation pages the fact was checked against (required where the notes are outdated
   * or the fact corrects a common belief).
   *
   * @default none
   */
  readonly sources?: readonly string[];
  /**
   * Ids of the lab's experiments that prove the fact on a deployed lab.
   *
   * @default none
   */
  readonly experiments?: readonly ExperimentId[];
  /**
   * Titles of synth-level tests in test/labs/<slug>.test.ts that check the fact on the template.
   *
   * @default none
   */
  readonly templateTests?: readonly string[];
  /**
   * One sentence that qualifies the proof (what is not tested, how it is shown), or says why
   * nothing proves the fact here. Not where its experiments are skipped: the table adds that from
   * their skipOn (a test fails on a remark that says it again).
   *
   * @default none
   */
  readonly remark?: string;
}

/** What the guide prints as a fact's proof: the strongest kind that proves it. */
export type FactProof = ProofKind | 'not proven here';

/**
 * The strongest proof of a fact: behaviour over simulation over configuration over template. A fact
 * that only a "Break it" step or prose shows is "not proven here". With a target: what proves it
 * there (its experiments that run there, each of the kind it is there).
 */
export function proofOf(fact: LabFact, experiments: LabExperiments, target?: Target): FactProof {
  const kinds = new Set(
    (fact.experiments ?? [])
      .map((id) => experiments.find((e) => e.id === id))
      .filter((e) => e !== undefined && (!target || !e.skipOn?.[target]))
      .map((e) => (e && target ? proofKindOn(e, target) : e?.proof)),
  );
  const strongest = PROOF_KINDS.find((kind) => kind !== 'template' && kinds.has(kind));
  if (strongest) return strongest;
  if ((fact.templateTests ?? []).length > 0 || kinds.has('template')) return 'template';
  return 'not proven here';
}

/**
 * The proof column of the facts table: one kind when it is the same on every target the lab
 * deploys on, else the kind per target (`aws: behaviour; ministack: simulation`).
 */
export function proofColumn(fact: LabFact, experiments: LabExperiments, targets: readonly Target[]): string {
  const perTarget = targets.map((target) => [target, proofOf(fact, experiments, target)] as const);
  const kinds = new Set(perTarget.map(([, kind]) => kind));
  if (kinds.size <= 1) return proofOf(fact, experiments);
  return perTarget.map(([target, kind]) => `${target}: ${kind}`).join('; ');
}

/**
 * What is wrong with a lab's facts: experiments or template tests they name that do not exist,
 * experiments no fact names, facts with no proof and no remark. Empty when all is well.
 */
export function factProblems(
  facts: readonly LabFact[],
  experiments: LabExperiments,
  templateTestTitles: readonly string[],
): string[] {
  const problems: string[] = [];
  const named = new Set(facts.flatMap((f) => f.experiments ?? []));
  for (const fact of facts) {
    const head = fact.fact.slice(0, 60);
    for (const id of fact.experiments ?? []) {
      if (!experiments.some((e) => e.id === id)) problems.push(`"${head}...": no experiment "${id}"`);
    }
    for (const title of fact.templateTests ?? []) {
      if (!templateTestTitles.includes(title)) problems.push(`"${head}...": no synth test "${title}"`);
    }
    if (proofOf(fact, experiments) === 'not proven here' && !fact.remark) {
      problems.push(`"${head}...": nothing proves it, and no remark says why`);
    }
    for (const source of fact.sources ?? []) {
      if (!/^https:\/\/(docs\.aws\.amazon\.com|aws\.amazon\.com|github\.com\/aws)\//.test(source)) {
        problems.push(`"${head}...": source ${source} is not an AWS documentation page`);
      }
    }
  }
  for (const experiment of experiments) {
    if (!named.has(experiment.id)) problems.push(`experiment ${experiment.id} proves no listed fact`);
  }
  return problems;
}

/**
 * The guide's exam-facts table (generated block `facts`); `targets` are those the lab deploys on,
 * where the table says which of a fact's experiments are skipped.
 */
export function renderFactsTable(
  facts: readonly LabFact[],
  experiments: LabExperiments,
  targets: readonly Target[] = TARGETS,
): string {
  const rows = facts.map((fact) => {
    const urls = fact.sources ?? [];
    const sources = urls.map((url, i) => `[AWS docs${urls.length > 1 ? ` ${i + 1}` : ''}](${url})`);
    const provedBy = [
      ...(fact.experiments ?? []).map((id) => experiments.find((e) => e.id === id)?.name ?? id),
      ...(fact.templateTests ?? []).map((title) => `synth test (\`${title}\`)`),
    ].join('; ');
    const skips = factSkipNote(fact.experiments ?? [], experiments, targets);
    const by = [provedBy, fact.remark, skips].filter(Boolean).join('. ');
    const text = [fact.fact, sources.join(', ')].filter(Boolean).join(' ');
    return `| ${text} | ${fact.notes} | ${by} | ${proofColumn(fact, experiments, targets)} |`;
  });
  return ['| Fact | Note | Proved by | Proof |', '| --- | --- | --- | --- |', ...rows].join('\n');
}
