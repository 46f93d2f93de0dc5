/**
 * How each experiment is proven able to fail (issue 31): a miswiring the end-to-end layer runs
 * (`mustFailWhen`), or a challenge whose check it is (the challenge proofs break the lab and require
 * that check to fail). An experiment with neither proves nothing until it gets one.
 */
import type { LabDefinition, Target } from '../lab/catalogue';
import { whyNotOn } from '../practice/challenges';
import type { LabExperiment } from './experiment';

export type FailingProof =
  | { readonly kind: 'miswiring'; readonly targets: readonly Target[] }
  | { readonly kind: 'challenge'; readonly challenge: string; readonly targets: readonly Target[] };

/** The failing proofs of one experiment of the lab, each with the targets it runs on. */
export function failingProofsOf(
  lab: LabDefinition,
  experiment: LabExperiment,
  targets: readonly Target[],
): FailingProof[] {
  const runsOn = (target: Target) => lab.support[target].level !== 'none' && !experiment.skipOn?.[target];
  const proofs: FailingProof[] = [];
  const miswiring = experiment.mustFailWhen;
  if (miswiring)
    proofs.push({ kind: 'miswiring', targets: targets.filter((t) => runsOn(t) && !miswiring.skipOn?.[t]) });
  for (const challenge of lab.challenges ?? []) {
    if (!challenge.checks.includes(experiment.id)) continue;
    const where = targets.filter((t) => runsOn(t) && whyNotOn(lab, challenge, t) === undefined);
    proofs.push({ kind: 'challenge', challenge: challenge.name, targets: where });
  }
  return proofs;
}
