/** The varied order events the routing experiment sends, the same mix every run. */

import { seededRandom as seeded } from '../../../lib/core/seeded-random';
import { type OrderEvent, PLACED, SHIPPED, SOURCE } from './bus-helpers';

const REGIONS = [
  'eu-west-1',
  'eu-central-1',
  'us-east-1',
  'ap-southeast-2',
  'EU-west-3',
  'europe-north',
  'sa-east-1',
];
const AMOUNTS = [0, 99.99, 100, 250, 999.99, 1000, 1000.5, 2500, '250', '1500'];
const STATUSES = ['paid', 'pending', 'test', 'cancelled', 'Test'];

/** `count` varied events for run `run`: regions, amounts (some strings), coupons, statuses, types. */
export function orderEvents(run: string, count: number, seed = 10): OrderEvent[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  return Array.from({ length: count }, (_, seq) => {
    const roll = random();
    const amount = roll < 0.5 ? pick(AMOUNTS) : Math.round(random() * 300_000) / 100;
    const detail = {
      run,
      orderId: `${run}-${seq}`,
      ...(random() < 0.9 ? { region: pick(REGIONS) } : {}),
      ...(random() < 0.95 ? { amount } : {}),
      ...(random() < 0.3 ? { coupon: random() < 0.2 ? '' : `SAVE${seq % 7}` } : {}),
      ...(random() < 0.9 ? { status: pick(STATUSES) } : {}),
    };
    return {
      source: random() < 0.05 ? 'lab10.other' : SOURCE,
      detailType: random() < 0.8 ? PLACED : SHIPPED,
      detail,
    };
  });
}
