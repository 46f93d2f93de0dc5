/**
 * Splitting a long end-to-end suite between CI lanes that run side by side, each with its own
 * emulator (`.ci/run`). `LABKIT_E2E_SHARD=k/n` runs part k of n; `k,m/n` runs parts k and m.
 * Unset: everything. A suite splits by groups that must stay together (the challenges of one lab
 * share its deployed stack), balanced by weight (for the challenge proofs, the seconds they were
 * measured to take: challenge-weights.ts).
 */

export const SHARD_ENV = 'LABKIT_E2E_SHARD';

/** Which parts of how many. */
export interface Shard {
  readonly parts: readonly number[];
  readonly of: number;
}

/** The shard `LABKIT_E2E_SHARD` names, or undefined (run everything); bad input throws one line. */
export function shardFromEnv(env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  const raw = env[SHARD_ENV]?.trim();
  if (!raw) return undefined;
  const match = /^(\d+(?:,\d+)*)\/(\d+)$/.exec(raw);
  const of = match ? Number(match[2]) : 0;
  const parts = match ? match[1].split(',').map(Number) : [];
  if (!match || of < 1 || parts.some((part) => part < 1 || part > of)) {
    throw new Error(
      `${SHARD_ENV}=${raw} is not a shard: write part/count with parts from 1 to count (for example ${SHARD_ENV}=1/3 or ${SHARD_ENV}=2,3/3), or unset it to run everything`,
    );
  }
  return { parts: [...new Set(parts)].sort((a, b) => a - b), of };
}

/**
 * Splits groups into `count` parts of about equal total weight: heaviest first, each into the
 * lightest part so far (ties: the lower part). Deterministic, so lanes started apart agree.
 */
export function partition<T>(groups: readonly T[], weight: (group: T) => number, count: number): T[][] {
  const parts: T[][] = Array.from({ length: count }, () => []);
  const totals = new Array<number>(count).fill(0);
  const heaviestFirst = groups
    .map((group, index) => ({ group, index, weight: weight(group) }))
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { group, weight: w } of heaviestFirst) {
    const lightest = totals.indexOf(Math.min(...totals));
    parts[lightest].push(group);
    totals[lightest] += w;
  }
  // Each part in the groups' own order (labs in catalogue order read better in a log).
  return parts.map((part) => groups.filter((group) => part.includes(group)));
}

/** The groups of `shard` (all of them without one). */
export function groupsInShard<T>(
  groups: readonly T[],
  weight: (group: T) => number,
  shard: Shard | undefined,
): T[] {
  if (!shard) return [...groups];
  const parts = partition(groups, weight, shard.of);
  const chosen = new Set(shard.parts.flatMap((part) => parts[part - 1]));
  return groups.filter((group) => chosen.has(group));
}
