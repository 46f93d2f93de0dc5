/** The Map state reserves the order lines at most MaxConcurrency at a time, results in input order. */

import { type Experiment, expectThat, fail, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { finished, order, RESERVE_CONCURRENCY, startOrder } from './workflow-helpers';

/** The most intervals in `spans` that overlap at one moment. */
function mostAtOnce(spans: { startedAt: string; endedAt: string }[]): number {
  const edges = spans.flatMap((s) => [
    { at: Date.parse(s.startedAt), step: 1 },
    { at: Date.parse(s.endedAt), step: -1 },
  ]);
  // An end before a start at the same millisecond: touching spans do not overlap.
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let now = 0;
  let most = 0;
  for (const { step } of edges) {
    now += step;
    most = Math.max(most, now);
  }
  return most;
}

export const mapConcurrency: Experiment<Output> = {
  name: 'Reserve the order lines at most two at a time',
  fact:
    'A Map state runs its iterations in parallel, at most MaxConcurrency at once (0 sets no cap of its own, ' +
    'though an Inline Map still runs at most 40 at once); ' +
    'its output is the array of the iterations’ results, in input order',
  proof: 'behaviour',
  measures: ['mostAtOnce'],
  async run(context) {
    const skus = ['book', 'lamp', 'desk', 'chair'];
    const input = order('lines', { items: skus.map((sku) => ({ sku, quantity: 1 })) });
    const executionArn = await startOrder(context, input);
    const result = await finished(context, executionArn);
    if (result.status !== 'SUCCEEDED')
      return fail(`execution ${result.status} (${result.error ?? ''})`, 'the execution SUCCEEDED');
    const output = JSON.parse(result.output ?? '{}') as { fulfilment?: unknown[] };
    const reservations = (output.fulfilment?.[1] ?? []) as {
      sku: string;
      startedAt: string;
      endedAt: string;
    }[];
    const most = mostAtOnce(reservations);
    const sequence = reservations.map((r) => r.sku);
    return withMeasurements(
      expectThat(
        most === RESERVE_CONCURRENCY && sequence.join() === skus.join(),
        `${reservations.length} reservations (${sequence.join(', ')}); at most ${most} ran at the same time`,
        `${skus.length} reservations in input order; at most ${RESERVE_CONCURRENCY} at the same time`,
      ),
      { mostAtOnce: most },
    );
  },
};
