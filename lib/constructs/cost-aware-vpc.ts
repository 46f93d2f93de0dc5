import { Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

/** Properties for a {@link CostAwareVpc}. */
export interface CostAwareVpcProps {
  /**
   * The subnet tiers to create in every AZ.
   *
   * @default one PRIVATE_ISOLATED tier named `isolated` (no route to the internet at all)
   */
  readonly subnetConfiguration?: ec2.SubnetConfiguration[];
  /**
   * How many AZs to spread over. Two is the minimum an ALB accepts and enough to show HA.
   *
   * @default 2
   */
  readonly maxAzs?: number;
  /**
   * Number of NAT gateways. A NAT gateway bills per hour whether used or not, so a lab must opt in
   * here and declare it in its catalogue entry (`allowsNatGateway`); a guardrail test checks both.
   *
   * @default 0
   */
  readonly natGateways?: number;
  /**
   * The IPv4 range.
   *
   * @default 10.0.0.0/16
   */
  readonly cidr?: string;
  /**
   * Where VPC flow logs go: every accepted and rejected flow of the VPC, aggregated per minute, to
   * this log group (the lab creates it, with its retention and removal policy). Flow logs bill per GB
   * ingested, so only a lab about traffic turns them on.
   *
   * @default no flow logs
   */
  readonly flowLogGroup?: logs.ILogGroup;
}

/**
 * A VPC that costs nothing while idle.
 *
 * Default settings:
 * - two AZs, isolated subnets only, no NAT gateway, no internet gateway unless a public tier is asked for
 * - the default security group is left as EC2 creates it: locking it down needs a custom resource
 *   (a Lambda function) in every lab, which emulators handle badly; no lab resource uses that group
 * - no flow logs unless `flowLogGroup` is given: they bill per GB ingested, and only a lab about
 *   traffic reads them (without them, acknowledged for cdk-nag here)
 */
export class CostAwareVpc extends Construct {
  /** The underlying VPC. */
  public readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: CostAwareVpcProps = {}) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.cidr ?? '10.0.0.0/16'),
      maxAzs: props.maxAzs ?? 2,
      natGateways: props.natGateways ?? 0,
      subnetConfiguration: props.subnetConfiguration ?? [
        { name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
      restrictDefaultSecurityGroup: false,
    });
    if (props.flowLogGroup) {
      // The service may act for this account's flow logs only (confused deputy).
      const stack = Stack.of(this);
      const deliveryRole = new iam.Role(this, 'FlowLogDelivery', {
        assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
          conditions: {
            StringEquals: { 'aws:SourceAccount': stack.account },
            ArnLike: {
              'aws:SourceArn': `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:vpc-flow-log/*`,
            },
          },
        }),
        description: 'VPC flow logs deliver to the log group with this role',
      });
      this.vpc.addFlowLog('FlowLog', {
        destination: ec2.FlowLogDestination.toCloudWatchLogs(props.flowLogGroup, deliveryRole),
        trafficType: ec2.FlowLogTrafficType.ALL,
        maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.ONE_MINUTE,
      });
    } else {
      Validations.of(this.vpc).acknowledge({
        id: 'AwsSolutions-VPC7',
        reason:
          'Flow logs would add a log group billed per GB ingested, and no experiment of the labs using this VPC reads network traffic.',
      });
    }
  }
}
