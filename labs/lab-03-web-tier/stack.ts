import { CfnOutput, Duration, Validations } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Construct } from 'constructs';
import { CostAwareVpc } from '../../lib/constructs/cost-aware-vpc';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { readInstanceType } from './options';

/** The web tier's HTTP port, on the ALB and on the instances. */
export const WEB_PORT = 80;
/** Seconds the ASG waits after a scaling activity before the next one (the EC2 Auto Scaling default). */
export const SCALING_COOLDOWN_SECONDS = 300;
/** How long target tracking treats a new instance as warming up (its metrics not yet counted). */
export const INSTANCE_WARMUP_SECONDS = 120;
/** Average CPU the target-tracking policy aims for. */
export const TARGET_CPU_PERCENT = 50;

/**
 * User data: serve a page naming the instance and its AZ with what Amazon Linux 2023 ships
 * (curl and python3), read from the instance metadata service with an IMDSv2 session token.
 * The instances have no route to the internet, so nothing may be downloaded.
 */
export function webServerUserData(): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(
    'set -euo pipefail',
    'IMDS=http://169.254.169.254/latest',
    'TOKEN=$(curl -sf -X PUT "$IMDS/api/token" -H "X-aws-ec2-metadata-token-ttl-seconds: 300")',
    'meta() { curl -sf -H "X-aws-ec2-metadata-token: $TOKEN" "$IMDS/meta-data/$1"; }',
    'INSTANCE_ID=$(meta instance-id)',
    'AZ=$(meta placement/availability-zone)',
    // The same request without a token (IMDSv1): with IMDSv2 required, IMDS refuses it.
    'IMDSV1=$(curl -s -o /dev/null -w "%{http_code}" "$IMDS/meta-data/instance-id" || true)',
    'mkdir -p /var/www',
    'printf \'<h1>lab-03 web tier</h1>\\n<p>instance %s in %s</p>\\n<p>IMDSv1 request without a token: HTTP %s</p>\\n\' "$INSTANCE_ID" "$AZ" "$IMDSV1" > /var/www/index.html',
    "cat > /etc/systemd/system/lab-web.service <<'UNIT'",
    '[Unit]',
    'Description=lab-03 web page',
    'After=network-online.target',
    '[Service]',
    `ExecStart=/usr/bin/python3 -m http.server ${WEB_PORT} --directory /var/www`,
    'Restart=always',
    '[Install]',
    'WantedBy=multi-user.target',
    'UNIT',
    'systemctl daemon-reload',
    'systemctl enable --now lab-web.service',
  );
  return userData;
}

/**
 * lab-03 Web tier: an internet-facing ALB in front of an Auto Scaling group across two AZs.
 *
 * The ALB sits in two public subnets; the instances sit in isolated subnets (no public address,
 * no route out) and admit HTTP only from the ALB's security group. The group keeps at least two
 * instances, one per AZ, replaces the ones the target group's health check fails, and scales on
 * average CPU with target tracking.
 */
export class WebTierStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const instanceType = new ec2.InstanceType(readInstanceType(this.node));

    const { vpc } = new CostAwareVpc(this, 'Network', {
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });

    const albSecurityGroup = new ec2.SecurityGroup(this, 'AlbSecurityGroup', {
      vpc,
      description: 'lab-03 ALB: HTTP from anywhere, out only to the instances',
      allowAllOutbound: false,
    });
    albSecurityGroup.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(WEB_PORT), 'HTTP from the internet');
    Validations.of(albSecurityGroup).acknowledge({
      id: 'AwsSolutions-EC23',
      reason:
        'A public web tier is the point of the lab; only port 80 is open and only on the load balancer.',
    });
    const instanceSecurityGroup = new ec2.SecurityGroup(this, 'InstanceSecurityGroup', {
      vpc,
      description: 'lab-03 instances: HTTP only from the ALB security group',
      allowAllOutbound: false,
    });
    // Referencing the ALB's group (not a CIDR) admits exactly the ALB's nodes, wherever they run.
    instanceSecurityGroup.addIngressRule(albSecurityGroup, ec2.Port.tcp(WEB_PORT), 'HTTP from the ALB only');
    albSecurityGroup.addEgressRule(instanceSecurityGroup, ec2.Port.tcp(WEB_PORT), 'HTTP to the instances');

    const machineImage = ec2.MachineImage.latestAmazonLinux2023({
      cpuType:
        instanceType.architecture === ec2.InstanceArchitecture.ARM_64
          ? ec2.AmazonLinuxCpuType.ARM_64
          : ec2.AmazonLinuxCpuType.X86_64,
    });
    const launchTemplate = new ec2.LaunchTemplate(this, 'LaunchTemplate', {
      instanceType,
      machineImage,
      userData: webServerUserData(),
      securityGroup: instanceSecurityGroup,
      requireImdsv2: true,
      blockDevices: [
        {
          deviceName: '/dev/xvda',
          volume: ec2.BlockDeviceVolume.ebs(8, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }),
        },
      ],
    });

    const group = new autoscaling.AutoScalingGroup(this, 'WebServers', {
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      launchTemplate,
      minCapacity: 2,
      desiredCapacity: 2,
      maxCapacity: 4,
      // The group's default cooldown (300 s, stated) holds back simple scaling; target tracking scales out without it.
      cooldown: Duration.seconds(SCALING_COOLDOWN_SECONDS),
      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({
        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],
        gracePeriod: Duration.seconds(120),
      }),
    });
    Validations.of(group).acknowledge(
      {
        id: 'Annotation::@aws-cdk/aws-autoscaling:desiredCapacitySet',
        reason:
          'Each deploy resets the group to two instances on purpose: the experiments start from that known size.',
      },
      {
        id: 'AwsSolutions-AS3',
        reason:
          'Scaling events are read from the activity history in the experiments; a notification topic would add nothing to learn.',
      },
    );
    // Target tracking waits for new instances to warm up, not for a cooldown: a `cooldown` on this
    // policy would have no effect (aws-cdk issue 32667), so none is set.
    group.scaleOnCpuUtilization('CpuTarget', {
      targetUtilizationPercent: TARGET_CPU_PERCENT,
      estimatedInstanceWarmup: Duration.seconds(INSTANCE_WARMUP_SECONDS),
    });

    const alb = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      internetFacing: true,
      securityGroup: albSecurityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    });
    Validations.of(alb).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        'Access logs need an S3 bucket that must be emptied on destroy; the lab shows traffic through the target group metrics.',
    });
    const listener = alb.addListener('Http', {
      port: WEB_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
    });
    const webTargets = listener.addTargets('WebServers', {
      port: WEB_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [group],
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: '/',
        interval: Duration.seconds(15),
        timeout: Duration.seconds(5),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 2,
        healthyHttpCodes: '200',
      },
    });

    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: alb.loadBalancerDnsName,
      description: 'A DNS name, not a fixed IP: point Route 53 at it with an alias record',
    });
    new CfnOutput(this, 'Url', { value: `http://${alb.loadBalancerDnsName}/` });
    new CfnOutput(this, 'AutoScalingGroupName', { value: group.autoScalingGroupName });
    // What a learner fixing a challenge with the AWS CLI needs to name.
    new CfnOutput(this, 'WebTargetGroupArn', { value: webTargets.targetGroupArn });
    new CfnOutput(this, 'InstanceSecurityGroupId', { value: instanceSecurityGroup.securityGroupId });
    new CfnOutput(this, 'LoadBalancerSecurityGroupId', { value: albSecurityGroup.securityGroupId });
  }
}
