/**
 * How long a lab's challenge proofs take, so that CI lanes splitting them (LABKIT_E2E_SHARD, see
 * e2e-shard.ts) get about equal time rather than equal case counts: a failing `labs check` waits
 * out its experiments' deadlines, so labs differ several-fold (lab-11's Kinesis checks wait about
 * 60 s each, lab-04's about 1 s).
 *
 * Mean seconds per case, measured by test/e2e/challenges.e2e.test.ts (its verbose case times; the
 * `<lab> <challenge> (s): ...` lines it prints give the steps) with one lane alone on a loaded
 * 2-core machine; only their ratios matter. Update when a lab's challenges change or a lab is added.
 */
export const SECONDS_PER_CASE: Readonly<Record<string, number>> = {
  // 2026-12-07, LABKIT_E2E_SHARD=1/2 then 2/2 on one MiniStack, load average 7-17 (other work).
  'lab-01': 63,
  'lab-02': 78,
  'lab-03': 35,
  'lab-04': 21,
  'lab-05': 40,
  'lab-06': 45,
  'lab-07': 37,
  'lab-08': 25,
  'lab-09': 51,
  'lab-10': 36,
  'lab-11': 176,
  'lab-13': 31,
};

/** Weight of a lab's challenge proofs: its cases times its measured seconds per case, or the median of the measured labs'. */
export function challengeProofWeight(
  labId: string,
  cases: number,
  measured: Readonly<Record<string, number>> = SECONDS_PER_CASE,
): number {
  const perCase = Object.values(measured).sort((a, b) => a - b);
  const median = perCase.length > 0 ? perCase[Math.floor(perCase.length / 2)] : 1;
  return cases * (measured[labId] ?? median);
}
