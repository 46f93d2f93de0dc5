import { allLabs, type LabDefinition, type Target } from '../lab/catalogue';
import { challengeTargets } from './challenges';
import type { LabProgress } from './progress';

/** What the learner just finished, after which the CLI suggests what to do next. */
export type Milestone = 'verified' | 'solved' | 'quiz';

/**
 * The `next:` line after a step of the practice loop (verify, then the lab's challenges one by
 * one, then its quiz, then the next lab), from what the learner's progress record says is left.
 * `progress` is the record as it is after the step.
 */
export function nextStep(
  after: Milestone,
  lab: LabDefinition,
  target: Target,
  progress: LabProgress | undefined,
  labs: readonly LabDefinition[] = allLabs(),
): string {
  // MiniStack is the default target: its commands need no flag.
  const flag = target === 'ministack' ? '' : ` --target ${target}`;
  const challenge = (lab.challenges ?? []).find(
    (c) => !progress?.challenges?.[c.name]?.solvedAt && challengeTargets(lab, c).includes(target),
  );
  const quiz = (lab.quiz?.length ?? 0) > 0 && !progress?.quiz;
  const later = labs.find((other) => other.id > lab.id && other.support[target].level !== 'none');
  const nextLab = later
    ? `npx labs deploy ${later.id}${flag}   (destroy ${lab.id} first if you are done with it: npx labs destroy ${lab.id}${flag})`
    : `npx labs progress shows what is left   (done with ${lab.id}: npx labs destroy ${lab.id}${flag})`;
  if (after === 'quiz') return `next: ${nextLab}`;
  if (challenge) {
    const also = quiz ? `; or npx labs quiz ${lab.id}` : '';
    return `next: npx labs challenge ${lab.id} ${challenge.name}${flag}   (break-fix practice${also}; done: npx labs destroy ${lab.id}${flag})`;
  }
  if (quiz) return `next: npx labs quiz ${lab.id}   (done: npx labs destroy ${lab.id}${flag})`;
  return `next: ${nextLab}`;
}
