import {
  FREE_RESOURCE_TYPES,
  hourlyPrice,
  PRICE_DATE,
  PRICE_REGION,
  PRICES,
  type PriceKey,
  USAGE_PRICED,
} from './prices';

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

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

/** Default root volume of Amazon Linux 2023 when the launch template does not set one. */
const DEFAULT_ROOT_GIB = 8;

const refId = (value: unknown): string | undefined => {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as { Ref?: unknown; 'Fn::GetAtt'?: unknown };
  if (typeof v.Ref === 'string') return v.Ref;
  return Array.isArray(v['Fn::GetAtt']) ? String(v['Fn::GetAtt'][0]) : undefined;
};
const count = (value: unknown) => (Array.isArray(value) ? value.length : 0);
const shortName = (logicalId: string) => logicalId.replace(/[0-9A-F]{8}$/, '');

/**
 * Estimates the hourly cost of a synthesized template on AWS: load balancers, their public IPv4
 * addresses, instances and their volumes (an Auto Scaling group's desired capacity), NAT gateways,
 * interface endpoints, KMS keys and alarms. Usage-priced services become notes; a type that may be
 * billed and is unknown to the price table is listed in `notPriced`.
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
    const props = resource.Properties ?? {};
    if (USAGE_PRICED[resource.Type]) usage.add(USAGE_PRICED[resource.Type]);
    switch (resource.Type) {
      case 'AWS::ElasticLoadBalancingV2::LoadBalancer': {
        const network = props.Type === 'network';
        add(
          `${network ? 'Network' : 'Application'} Load Balancer ${shortName(id)}`,
          1,
          network ? 'nlb:hour' : 'alb:hour',
        );
        // An internet-facing load balancer holds one public IPv4 address per subnet (AZ).
        if (props.Scheme !== 'internal') {
          add(
            `public IPv4 addresses of ${shortName(id)} (one per AZ)`,
            count(props.Subnets),
            'public-ipv4:hour',
          );
        }
        break;
      }
      case 'AWS::AutoScaling::AutoScalingGroup': {
        const instances = Number(props.DesiredCapacity ?? props.MinSize ?? 0);
        const ltId = refId(
          (props.LaunchTemplate as { LaunchTemplateId?: unknown } | undefined)?.LaunchTemplateId,
        );
        const data = (resources[ltId ?? '']?.Properties?.LaunchTemplateData ?? {}) as {
          InstanceType?: string;
          BlockDeviceMappings?: { Ebs?: { VolumeSize?: number; VolumeType?: string } }[];
        };
        const key = `ec2:${data.InstanceType}` as PriceKey;
        if (!(key in PRICES)) {
          notPriced.add(`EC2 instance type ${data.InstanceType ?? '(unknown)'}`);
          break;
        }
        add(`${data.InstanceType} instances (${shortName(id)})`, instances, key);
        const gib =
          data.BlockDeviceMappings?.reduce((sum, m) => sum + (m.Ebs?.VolumeSize ?? 0), 0) || DEFAULT_ROOT_GIB;
        add(`${gib} GiB gp3 root volume per instance (${shortName(id)})`, instances, 'ebs:gp3:gb-month', gib);
        break;
      }
      case 'AWS::EC2::Instance': {
        const key = `ec2:${props.InstanceType}` as PriceKey;
        if (key in PRICES) add(`${props.InstanceType} instance ${shortName(id)}`, 1, key);
        else notPriced.add(`EC2 instance type ${String(props.InstanceType)}`);
        break;
      }
      case 'AWS::EC2::NatGateway':
        add(`NAT gateway ${shortName(id)}`, 1, 'nat:hour');
        break;
      case 'AWS::EC2::EIP':
        // Attached to a NAT gateway or not, an Elastic IP is a public IPv4 address billed per hour.
        add(`Elastic IP ${shortName(id)} (public IPv4)`, 1, 'public-ipv4:hour');
        break;
      case 'AWS::EC2::VPCEndpoint':
        if (props.VpcEndpointType === 'Interface') {
          add(
            `interface endpoint ${shortName(id)} (per AZ)`,
            count(props.SubnetIds),
            'interface-endpoint:az-hour',
          );
        }
        break;
      case 'AWS::KMS::Key':
        add(`KMS customer managed key ${shortName(id)}`, 1, 'kms:key-month');
        break;
      case 'AWS::CloudWatch::Alarm':
        add(`CloudWatch alarm ${shortName(id)}`, 1, 'cloudwatch:alarm-month');
        break;
      default:
        if (!USAGE_PRICED[resource.Type] && !FREE_RESOURCE_TYPES.includes(resource.Type))
          notPriced.add(resource.Type);
    }
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
    `On-demand list prices, ${estimate.region}, as of ${estimate.priceDate} (lib/cost/prices.ts); other regions differ.`,
  );
  return lines.join('\n');
}
