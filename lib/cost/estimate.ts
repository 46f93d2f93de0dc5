import { knowledgeOf } from '../resources';
import type { CfnResource } from '../resources/types';
import { hourlyPrice, PRICE_DATE, PRICE_REGION, PRICES, type PriceKey } from './prices';

/** One fixed-price line of an estimate. */
export interface CostItem {
  /** What is billed, e.g. `t3.micro instance (Auto Scaling group WebServers)`. */
  readonly what: string;
  readonly quantity: number;
  /** The price table key. */
  readonly priceKey: PriceKey;
  /** USD per hour for one unit. */
  readonly unitPerHour: number;
  /** USD per hour for all of them. */
  readonly perHour: number;
}

/** What a lab costs on AWS while it runs, for its default configuration. */
export interface CostEstimate {
  readonly items: CostItem[];
  /** USD per hour of the fixed items. */
  readonly perHour: number;
  /** One line per usage-priced service the lab uses (requests, messages, storage). */
  readonly usagePriced: string[];
  /** Resource types that may be billed and are not in the price table. Never silently zero. */
  readonly notPriced: string[];
  readonly priceDate: string;
  readonly region: string;
}

/**
 * Estimates the hourly cost of a synthesized template on AWS, with the price rule of each type's
 * service module (lib/resources): fixed-price items (load balancers, their public IPv4 addresses,
 * instances and their volumes, NAT gateways, interface endpoints, KMS keys, alarms) from the price
 * table, usage-priced services as notes; a type that may be billed and that no rule prices is
 * listed in `notPriced`.
 */
export function estimateHourlyCost(
  template: { Resources?: Record<string, CfnResource> } | object,
): CostEstimate {
  const { Resources: resources = {} } = template as { Resources?: Record<string, CfnResource> };
  const items: CostItem[] = [];
  const usage = new Set<string>();
  const notPriced = new Set<string>();
  const add = (what: string, quantity: number, priceKey: PriceKey, gigabytes = 1) => {
    if (quantity <= 0) return;
    const unitPerHour = hourlyPrice(priceKey, gigabytes);
    items.push({ what, quantity, priceKey, unitPerHour, perHour: unitPerHour * quantity });
  };

  for (const [id, resource] of Object.entries(resources).sort(([a], [b]) => a.localeCompare(b))) {
    // The price rule of the type's service module (lib/resources); a type no rule covers is "not priced".
    const rule = knowledgeOf(resource.Type)?.price;
    if (rule?.usage)
      usage.add(typeof rule.usage === 'string' ? rule.usage : rule.usage(resource.Properties ?? {}));
    if (rule?.hourly) {
      const props = resource.Properties ?? {};
      rule.hourly({ id, props, resources, add, notPriced: (what) => notPriced.add(what) });
    } else if (!rule?.usage && !rule?.free) notPriced.add(resource.Type);
  }
  const perHour = items.reduce((sum, item) => sum + item.perHour, 0);
  return {
    items,
    perHour,
    usagePriced: [...usage].sort(),
    notPriced: [...notPriced].sort(),
    priceDate: PRICE_DATE,
    region: PRICE_REGION,
  };
}

/** Dollars with enough digits to show sub-cent hourly prices. */
export const usd = (value: number) => `$${value < 0.1 ? value.toFixed(4) : value.toFixed(3)}`;

/** The estimate as Markdown: the itemised table, the total, usage-priced notes, not-priced types, price date. */
export function formatCostEstimate(estimate: CostEstimate): string {
  const lines = ['| Item | Quantity | Unit price per hour | Per hour |', '| --- | --- | --- | --- |'];
  for (const item of estimate.items) {
    lines.push(`| ${item.what} | ${item.quantity} | ${usd(item.unitPerHour)} | ${usd(item.perHour)} |`);
  }
  lines.push(
    `| **Total while deployed** | | | **${usd(estimate.perHour)}** (${usd(estimate.perHour * 24)} per day) |`,
  );
  lines.push('', 'Billed by use on top (free tiers apply):', '');
  for (const note of estimate.usagePriced) lines.push(`- ${note}`);
  if (estimate.notPriced.length > 0) {
    lines.push('', `Not priced by the kit (check the AWS pricing pages): ${estimate.notPriced.join(', ')}.`);
  }
  lines.push(
    '',
    `On-demand list prices, ${estimate.region}, checked on ${estimate.priceDate} (lib/cost/prices.ts); other regions differ.`,
  );
  const unconfirmed = [...new Set(estimate.items.map((item) => item.priceKey))].filter(
    (key) => PRICES[key].checked === 'unconfirmed',
  );
  if (unconfirmed.length > 0) {
    lines.push(
      `Not confirmed by any source reachable on that date (the kit's last known list prices): ${unconfirmed.join(', ')}.`,
    );
  }
  return lines.join('\n');
}
