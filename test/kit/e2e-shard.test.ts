import { allLabs } from '../../lib/lab/catalogue';
import { challengeProofWeight, SECONDS_PER_CASE } from '../support/challenge-weights';
import { groupsInShard, partition, shardFromEnv } from '../support/e2e-shard';

describe('LABKIT_E2E_SHARD (CI lanes split the challenge proofs)', () => {
  test('unset or empty: everything', () => {
    expect(shardFromEnv({})).toBeUndefined();
    expect(shardFromEnv({ LABKIT_E2E_SHARD: ' ' })).toBeUndefined();
    expect(groupsInShard(['a', 'b'], () => 1, undefined)).toEqual(['a', 'b']);
  });

  test('k/n and k,m/n', () => {
    expect(shardFromEnv({ LABKIT_E2E_SHARD: '1/3' })).toEqual({ parts: [1], of: 3 });
    expect(shardFromEnv({ LABKIT_E2E_SHARD: '3,2/3' })).toEqual({ parts: [2, 3], of: 3 });
  });

  test.each(['0/3', '4/3', '1/0', 'a/b', '1', '1/3/3', '1,/3'])('%s is refused in one line', (raw) => {
    expect(() => shardFromEnv({ LABKIT_E2E_SHARD: raw })).toThrow(
      new Error(
        `LABKIT_E2E_SHARD=${raw} is not a shard: write part/count with parts from 1 to count (for example LABKIT_E2E_SHARD=1/3 or LABKIT_E2E_SHARD=2,3/3), or unset it to run everything`,
      ),
    );
  });

  test('parts balance the weights, heaviest first into the lightest part, in the groups own order', () => {
    const weights: Record<string, number> = { a: 1, b: 5, c: 3, d: 3, e: 2 };
    const groups = Object.keys(weights);
    // b (5) -> 1; c (3) -> 2; d (3) -> 2 (3 < 5); e (2) -> 1 (5 < 6); a (1) -> 2 (6 < 7).
    expect(partition(groups, (g) => weights[g], 2)).toEqual([
      ['b', 'e'],
      ['a', 'c', 'd'],
    ]);
  });

  test('every group lands in exactly one part, for any count', () => {
    const groups = ['lab-01', 'lab-02', 'lab-03', 'lab-04', 'lab-05'];
    for (let count = 1; count <= 7; count++) {
      const parts = partition(groups, (g) => g.length + Number(g.slice(-1)), count);
      expect(parts).toHaveLength(count);
      expect(parts.flat().sort()).toEqual(groups);
    }
  });

  test('several parts of one shard: their groups together, in the groups own order', () => {
    const groups = ['a', 'b', 'c'];
    expect(groupsInShard(groups, () => 1, { parts: [2, 3], of: 3 })).toEqual(['b', 'c']);
    expect(groupsInShard(groups, () => 1, { parts: [1], of: 3 })).toEqual(['a']);
  });
});

describe('challenge proofs weigh what they were measured to take', () => {
  const measured = { 'lab-01': 10, 'lab-02': 40, 'lab-03': 20 };

  test('a measured lab: its cases times its seconds per case', () => {
    expect(challengeProofWeight('lab-02', 3, measured)).toBe(120);
  });

  test('a lab not measured yet: its cases times the median of the measured labs', () => {
    expect(challengeProofWeight('lab-99', 2, measured)).toBe(40);
    expect(challengeProofWeight('lab-99', 2, {})).toBe(2);
  });

  test('the measured labs are labs of the catalogue with challenges (a renamed lab is not silently unweighted)', () => {
    const withChallenges = allLabs()
      .filter((lab) => (lab.challenges ?? []).length > 0)
      .map((lab) => lab.id);
    expect(Object.keys(SECONDS_PER_CASE).filter((id) => !withChallenges.includes(id))).toEqual([]);
  });

  test('one heavy lab gets a part of its own', () => {
    const weights = { a: 180, b: 30, c: 30, d: 30, e: 30, f: 30 };
    expect(partition(Object.keys(weights), (g) => weights[g as keyof typeof weights], 2)).toEqual([
      ['a'],
      ['b', 'c', 'd', 'e', 'f'],
    ]);
  });
});
