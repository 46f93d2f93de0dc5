/**
 * Content routing: each rule's target gets exactly the events its pattern admits.
 *
 * Which target should receive which event is computed here by plain predicates, written from the
 * guide's description of each rule, not from the event patterns in stack.ts.
 */

import { isLocal } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import {
  drain,
  EVENT_COUNT,
  type OrderEvent,
  ofRun,
  orderIdOf,
  PLACED,
  PUT_BATCH,
  putEvents,
  quiet,
  SOURCE,
} from './bus-helpers';
import { orderEvents } from './order-events';

/** Which events each target should get, by the guide's words (not the patterns' code). */
const shop = (e: OrderEvent) => e.source === SOURCE;
const placed = (e: OrderEvent) => shop(e) && e.detailType === PLACED;
const numberAmount = (e: OrderEvent) => (typeof e.detail.amount === 'number' ? e.detail.amount : undefined);
/** A rule's target queue (read from its stack output) and which events it should get. */
interface Route {
  readonly name: string;
  readonly queueUrl: (context: ExperimentContext<Output>) => string;
  readonly admits: (e: OrderEvent) => boolean;
}
export const EXPECTED_ROUTES: readonly Route[] = [
  {
    // "orders from regions whose name starts with eu-" (case matters: EU-west-3 is not one)
    name: 'EuOrders',
    queueUrl: (c) => outputOf(c, 'EuOrdersQueueUrl'),
    admits: (e) => shop(e) && typeof e.detail.region === 'string' && e.detail.region.startsWith('eu-'),
  },
  {
    // "placed orders of 100 up to, not including, 1000" (a number: the string "250" is not one)
    name: 'MidSizeOrders',
    queueUrl: (c) => outputOf(c, 'MidSizeOrdersQueueUrl'),
    admits: (e) => {
      const amount = numberAmount(e);
      return placed(e) && amount !== undefined && amount >= 100 && amount < 1000;
    },
  },
  {
    // "orders that have a coupon field", whatever its value (an empty string counts)
    name: 'CouponOrders',
    queueUrl: (c) => outputOf(c, 'CouponOrdersQueueUrl'),
    admits: (e) => shop(e) && e.detail.coupon !== undefined,
  },
  {
    // "placed orders whose status is there and is not test or cancelled" (Test is another value)
    name: 'LiveOrders',
    queueUrl: (c) => outputOf(c, 'LiveOrdersQueueUrl'),
    admits: (e) =>
      placed(e) && e.detail.status !== undefined && !['test', 'cancelled'].includes(e.detail.status),
  },
  {
    // "placed orders of 1000 or more", as an alert
    name: 'BigOrderAlerts',
    queueUrl: (c) => outputOf(c, 'BigOrderAlertsQueueUrl'),
    admits: (e) => {
      const amount = numberAmount(e);
      return placed(e) && amount !== undefined && amount >= 1000;
    },
  },
  // "replayed events only": live traffic never
  { name: 'ReplayedOrders', queueUrl: (c) => outputOf(c, 'ReplayedOrdersQueueUrl'), admits: () => false },
];

/** Differences between what a target got and what it should have got, in words. */
function difference(got: ReadonlySet<string>, expected: ReadonlySet<string>): string {
  const missing = [...expected].filter((id) => !got.has(id));
  const extra = [...got].filter((id) => !expected.has(id));
  const sample = (ids: string[]) =>
    ids
      .slice(0, 3)
      .map((id) => id.split('-').pop())
      .join(', ');
  return [
    missing.length ? `${missing.length} missing (#${sample(missing)})` : '',
    extra.length ? `${extra.length} unexpected (#${sample(extra)})` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

export const rulesRouteByContent: Experiment<Output> = {
  name: 'Route 500+ events by content',
  fact: 'Each rule sends its target exactly the events its pattern admits: prefix (case-sensitive), numeric range (numbers only), exists (any value), anything-but (the field must be there).',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['EuOrdersQueueUrl', 'CouponOrdersQueueUrl'],
    why: 'reading the coupon queue as the EU queue finds other events than the EU prefix admits',
    failsBecause: 'misrouted',
  },
  measures: ['upperCaseEuReached', 'stringAmountInRange', 'emptyCouponMatched'],
  async run(context) {
    const run = newRunId('route');
    const events = orderEvents(run, EVENT_COUNT);
    context.progress(`putting ${events.length} events, ${PUT_BATCH} a call`);
    const refused = await putEvents(context, events);
    const byId = new Map(events.map((e) => [e.detail.orderId, e]));
    context.progress('reading what every target received');
    const results = await Promise.all(
      EXPECTED_ROUTES.map(async ({ name, queueUrl, admits }) => {
        const expected = new Set(events.filter(admits).map((e) => e.detail.orderId));
        const messages = await drain(context, queueUrl(context), ofRun(run), {
          quietMs: quiet(context),
          deadlineMs: isLocal(context) ? 60_000 : 180_000,
          enough: (got) => expected.size > 0 && new Set(got.map(orderIdOf)).size >= expected.size,
        });
        const ids = messages.map((m) => orderIdOf(m) ?? '');
        const got = new Set(ids);
        return { name, expected, got, duplicates: ids.length - got.size };
      }),
    );
    const wrong = results.filter((r) => difference(r.got, r.expected) !== '');
    const reached = (name: string, test: (e: OrderEvent) => boolean) =>
      [...(results.find((r) => r.name === name)?.got ?? [])].some((id) => test(byId.get(id) as OrderEvent))
        ? 'yes'
        : 'no';
    const summary = results
      .map(
        (r) =>
          `${r.name} ${r.got.size}/${r.expected.size}${difference(r.got, r.expected) ? ` (${difference(r.got, r.expected)})` : ''}${r.duplicates ? ` +${r.duplicates} duplicate(s)` : ''}`,
      )
      .join('; ');
    return withMeasurements(
      expectThat(
        refused === 0 && wrong.length === 0,
        `${events.length} events put (${refused} refused); received/expected per target: ${summary}`,
        'every target receives exactly the events its rule admits (duplicates aside: delivery is at least once)',
        refused > 0 ? `put-refused:${refused}` : 'misrouted',
      ),
      {
        upperCaseEuReached: reached('EuOrders', (e) => e.detail.region === 'EU-west-3'),
        stringAmountInRange: reached('MidSizeOrders', (e) => typeof e.detail.amount === 'string'),
        emptyCouponMatched: reached('CouponOrders', (e) => e.detail.coupon === ''),
      },
    );
  },
};
