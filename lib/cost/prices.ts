/**
 * The kit's price table: AWS on-demand list prices in us-east-1 for what a lab can leave running.
 *
 * PRICE DATE: 2026-11-23, from the AWS public price list as known to the kit (this machine has no
 * access to the pricing pages); re-check against the source before relying on a number. Prices
 * change rarely, but they do change: update them here, in one place, with the new date.
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

/** What usage-priced services cost, as one line each (free tiers apply on top). */
export const USAGE_PRICED: Record<string, string> = {
  'AWS::SQS::Queue': 'SQS: $0.40 per million requests (first million a month free)',
  'AWS::SNS::Topic': 'SNS: $0.50 per million publishes; deliveries to SQS and Lambda free',
  'AWS::Lambda::Function': 'Lambda: $0.20 per million requests + $0.0000166667 per GB-second',
  'AWS::DynamoDB::GlobalTable': 'DynamoDB on demand: per read/write request unit, storage $0.25 per GB-month',
  'AWS::DynamoDB::Table': 'DynamoDB on demand: per read/write request unit, storage $0.25 per GB-month',
  'AWS::Logs::LogGroup': 'CloudWatch Logs: $0.50 per GB ingested, $0.03 per GB-month stored',
  'AWS::S3::Bucket': 'S3: $0.023 per GB-month + requests',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'Load balancer capacity units: $0.008 per LCU-hour of traffic',
  'AWS::EC2::NatGateway': 'NAT gateway data processing: $0.045 per GB',
  'AWS::Budgets::Budget':
    'AWS Budgets: the first two budgets of an account are free, then $0.02 per budget-day',
  'AWS::StepFunctions::StateMachine': 'Step Functions: $25 per million state transitions (Standard)',
  'AWS::Scheduler::Schedule':
    'EventBridge Scheduler: 14 million invocations a month free, then $1.00 per million',
};

/**
 * Resource types that cost nothing by themselves (they configure something else). Anything neither
 * here, in {@link USAGE_PRICED}, nor priced by the estimator is reported as "not priced".
 */
export const FREE_RESOURCE_TYPES: readonly string[] = [
  'AWS::CDK::Metadata',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::EC2::VPC',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::Route',
  'AWS::EC2::InternetGateway',
  'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::LaunchTemplate',
  'AWS::EC2::VPCEndpoint', // gateway endpoints are free; interface endpoints are priced by the estimator
  'AWS::AutoScaling::ScalingPolicy',
  'AWS::ElasticLoadBalancingV2::Listener',
  'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::ElasticLoadBalancingV2::TargetGroup',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::SNS::Subscription',
  'AWS::SNS::TopicPolicy',
  'AWS::SQS::QueuePolicy',
  'AWS::SES::ReceiptRule',
  'AWS::SES::ReceiptRuleSet',
  'AWS::CloudFormation::CustomResource',
  'Custom::SesRuleSetActivator',
];
