/**
 * The kit's price table: AWS on-demand list prices in us-east-1 for what a lab can leave running.
 *
 * PRICE DATE: 2026-11-23, from the AWS public price list as known to the kit (this machine has no
 * access to the pricing pages); re-check against the source before relying on a number. Prices
 * change rarely, but they do change: update them here, in one place, with the new date.
 *
 * Which CloudFormation type bills which of these keys, and the one-line notes of usage-priced
 * services, are in each service's module under lib/resources (the price rules of its types).
 */
export const PRICE_DATE = '2026-11-23';
export const PRICE_REGION = 'us-east-1';

/** Hours in a month, as AWS bills monthly items per hour (730 = 8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** One billable unit and its price. */
export interface Price {
  /** Price in USD per `unit`. */
  readonly usd: number;
  readonly unit: 'hour' | 'month' | 'GB-month';
  /** The pricing page the number comes from. */
  readonly source: string;
}

const EC2 = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const VPC = 'https://aws.amazon.com/vpc/pricing/';

/** Fixed-price items, by key. Keys name the thing billed, not the CloudFormation type. */
export const PRICES = {
  'alb:hour': { usd: 0.0225, unit: 'hour', source: 'https://aws.amazon.com/elasticloadbalancing/pricing/' },
  'nlb:hour': { usd: 0.0225, unit: 'hour', source: 'https://aws.amazon.com/elasticloadbalancing/pricing/' },
  'public-ipv4:hour': { usd: 0.005, unit: 'hour', source: VPC },
  'nat:hour': { usd: 0.045, unit: 'hour', source: VPC },
  'interface-endpoint:az-hour': {
    usd: 0.01,
    unit: 'hour',
    source: 'https://aws.amazon.com/privatelink/pricing/',
  },
  'ec2:t3.nano': { usd: 0.0052, unit: 'hour', source: EC2 },
  'ec2:t3.micro': { usd: 0.0104, unit: 'hour', source: EC2 },
  'ec2:t3.small': { usd: 0.0208, unit: 'hour', source: EC2 },
  'ec2:t4g.nano': { usd: 0.0042, unit: 'hour', source: EC2 },
  'ec2:t4g.micro': { usd: 0.0084, unit: 'hour', source: EC2 },
  'ec2:t4g.small': { usd: 0.0168, unit: 'hour', source: EC2 },
  'ebs:gp3:gb-month': { usd: 0.08, unit: 'GB-month', source: 'https://aws.amazon.com/ebs/pricing/' },
  'kms:key-month': { usd: 1.0, unit: 'month', source: 'https://aws.amazon.com/kms/pricing/' },
  'cloudwatch:alarm-month': { usd: 0.1, unit: 'month', source: 'https://aws.amazon.com/cloudwatch/pricing/' },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

/** Price per hour of a fixed item (monthly prices spread over 730 hours). */
export function hourlyPrice(key: PriceKey, gigabytes = 1): number {
  const price: Price = PRICES[key];
  if (price.unit === 'hour') return price.usd;
  return (price.usd * (price.unit === 'GB-month' ? gigabytes : 1)) / HOURS_PER_MONTH;
}
