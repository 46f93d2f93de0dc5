/**
 * The kit's price table: AWS on-demand list prices in us-east-1 for what a lab can leave running.
 *
 * PRICE_DATE is the day the numbers were last checked against a source, and each price says which
 * source (`checked`): the AWS Price List offer files, a copy of the AWS pricing page published
 * that year by a third party (the pricing pages themselves are not reachable from the machines the
 * kit is built on), or nothing reachable (`unconfirmed`). The estimate prints which prices are
 * unconfirmed. Update prices here, in one place, with the new date and source.
 *
 * Which CloudFormation type bills which of these keys, and the one-line notes of usage-priced
 * services, are in each service's module under lib/resources (the price rules of its types).
 */
export const PRICE_DATE = '2026-11-30';
export const PRICE_REGION = 'us-east-1';

/**
 * How a price was checked on PRICE_DATE:
 * - `price-list`: against the AWS Price List offer file for the service
 * - `secondary`: against a 2026 copy of the AWS pricing page published by a third party
 * - `unconfirmed`: no source was reachable; the number is the kit's last known list price
 */
export type PriceCheck = 'price-list' | 'secondary' | 'unconfirmed';

/** Hours in a month, as AWS bills monthly items per hour (730 = 8,760 / 12). */
export const HOURS_PER_MONTH = 730;

/** One billable unit and its price. */
export interface Price {
  /** Price in USD per `unit`. */
  readonly usd: number;
  readonly unit: 'hour' | 'month' | 'GB-month';
  /** The AWS pricing page the number is published on. */
  readonly source: string;
  /** What it was checked against on {@link PRICE_DATE}. */
  readonly checked: PriceCheck;
}

const EC2 = 'https://aws.amazon.com/ec2/pricing/on-demand/';
const VPC = 'https://aws.amazon.com/vpc/pricing/';

/** Fixed-price items, by key. Keys name the thing billed, not the CloudFormation type. */
export const PRICES = {
  'alb:hour': {
    usd: 0.0225,
    unit: 'hour',
    source: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
    checked: 'secondary',
  },
  'nlb:hour': {
    usd: 0.0225,
    unit: 'hour',
    source: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
    checked: 'secondary',
  },
  'public-ipv4:hour': { usd: 0.005, unit: 'hour', source: VPC, checked: 'secondary' },
  'nat:hour': { usd: 0.045, unit: 'hour', source: VPC, checked: 'secondary' },
  'interface-endpoint:az-hour': {
    usd: 0.01,
    unit: 'hour',
    source: 'https://aws.amazon.com/privatelink/pricing/',
    checked: 'unconfirmed',
  },
  'ec2:t3.nano': { usd: 0.0052, unit: 'hour', source: EC2, checked: 'unconfirmed' },
  'ec2:t3.micro': { usd: 0.0104, unit: 'hour', source: EC2, checked: 'unconfirmed' },
  'ec2:t3.small': { usd: 0.0208, unit: 'hour', source: EC2, checked: 'unconfirmed' },
  'ec2:t4g.nano': { usd: 0.0042, unit: 'hour', source: EC2, checked: 'unconfirmed' },
  'ec2:t4g.micro': { usd: 0.0084, unit: 'hour', source: EC2, checked: 'unconfirmed' },
  'ec2:t4g.small': { usd: 0.0168, unit: 'hour', source: EC2, checked: 'unconfirmed' },
  'ebs:gp3:gb-month': {
    usd: 0.08,
    unit: 'GB-month',
    source: 'https://aws.amazon.com/ebs/pricing/',
    checked: 'unconfirmed',
  },
  'kms:key-month': {
    usd: 1.0,
    unit: 'month',
    source: 'https://aws.amazon.com/kms/pricing/',
    checked: 'unconfirmed',
  },
  'secretsmanager:secret-month': {
    usd: 0.4,
    unit: 'month',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    checked: 'unconfirmed',
  },
  // Provisioned streams bill each shard-hour; on-demand streams a stream-hour plus data (us-east-1).
  'kinesis:shard-hour': {
    usd: 0.015,
    unit: 'hour',
    source: 'https://aws.amazon.com/kinesis/data-streams/pricing/',
    checked: 'unconfirmed',
  },
  'kinesis:on-demand-stream-hour': {
    usd: 0.04,
    unit: 'hour',
    source: 'https://aws.amazon.com/kinesis/data-streams/pricing/',
    checked: 'unconfirmed',
  },
  'cloudwatch:alarm-month': {
    usd: 0.1,
    unit: 'month',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    checked: 'unconfirmed',
  },
  'apigateway-cache:0.5': {
    usd: 0.02,
    unit: 'hour',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    checked: 'unconfirmed',
  },
  'apigateway-cache:1.6': {
    usd: 0.038,
    unit: 'hour',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    checked: 'unconfirmed',
  },
  'apigateway-cache:6.1': {
    usd: 0.2,
    unit: 'hour',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    checked: 'unconfirmed',
  },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof PRICES;

/** Price per hour of a fixed item (monthly prices spread over 730 hours). */
export function hourlyPrice(key: PriceKey, gigabytes = 1): number {
  const price: Price = PRICES[key];
  if (price.unit === 'hour') return price.usd;
  return (price.usd * (price.unit === 'GB-month' ? gigabytes : 1)) / HOURS_PER_MONTH;
}
