import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const ALB_SUBNETS =
  'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html';
const GLOBAL_ACCELERATOR =
  'https://docs.aws.amazon.com/global-accelerator/latest/dg/introduction-components.html';
const COOLDOWN =
  'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scaling-cooldowns.html';
const WARMUP =
  'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-default-instance-warmup.html';
const CDK_COOLDOWN_ISSUE = 'https://github.com/aws/aws-cdk/issues/32667';
const TERMINATION =
  'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-termination-policies.html';
const DEREGISTRATION_DELAY =
  'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-target-group-attributes.html#deregistration-delay';
const IMDS_REQUIRED =
  'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html';

/** The exam facts lab-03 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'An ALB needs subnets in at least two AZs (public ones for an internet-facing ALB); CreateLoadBalancer with one refuses',
    notes: '`000_eb71e302648b0e53.txt` - ALB needs 2 public subnets',
    sources: [ALB_SUBNETS],
    experiments: ['albSpansTwoAzs', 'singleAzAlbRefused'],
  },
  {
    fact: 'A load balancer sends traffic to a target group; the listener (HTTP 80 here) decides which',
    notes: '`002_b4197942c38b97e3.txt` - ELB target groups',
    experiments: ['port80ForwardsToTargets', 'http200ThroughAlb'],
  },
  {
    fact: 'An ALB has a DNS name, not fixed IPs: point Route 53 at it with an alias record (a CNAME cannot sit at the zone apex). An NLB can hold an Elastic IP per AZ; for static IPs in front of an ALB, put Global Accelerator (two static anycast IPs) in front of it',
    notes:
      '`000_eb71e302648b0e53.txt` - ELB and alias records; `001_06aa89305e27a1ca.txt` - NLB fixed IP vs ALB DNS (the notes say only an NLB offers a fixed IP)',
    sources: [GLOBAL_ACCELERATOR],
    experiments: ['albHasDnsName'],
  },
  {
    fact: 'High availability needs at least two instances, in two AZs',
    notes: '`001_06aa89305e27a1ca.txt` - HA minimum capacity 2',
    experiments: ['groupKeepsTwoToFour', 'instancesInTwoAzs', 'answersFromTwoAzs'],
  },
  {
    fact: "An Auto Scaling group registers the instances it launches with the load balancer's target group",
    notes: '`002_b4197942c38b97e3.txt` - Auto Scaling groups',
    experiments: ['instancesRegistered'],
  },
  {
    fact: 'The target group health-checks each target; with the ELB health check type the group replaces the instances the load balancer finds unhealthy',
    notes:
      '`002_b4197942c38b97e3.txt` - ELB target groups; `004_290acbaf18f7d933.txt` - EC2 Auto Scaling health checks',
    experiments: ['groupUsesElbHealth', 'httpHealthCheck', 'unhealthyInstanceReplaced'],
    remark:
      'the unhealthy verdict is given through SetInstanceHealth (the instances take no SSH or SSM to break them from inside)',
  },
  {
    fact: "Target tracking keeps a metric near a value (average CPU 50 % here) and waits for new instances' warmup (120 s here) before counting them. Target tracking scales out without waiting for the group's default cooldown (300 s); AWS exempts scale-out only, so its scale-in can still wait for the cooldown, while simple scaling waits for it both ways. Without a default instance warmup, target tracking uses the cooldown's value as its warmup. A `cooldown` on a target tracking policy does nothing (the stack sets none)",
    notes:
      '`004_290acbaf18f7d933.txt` - auto scaling policy types and cooldown (the notes say the 300 s cooldown applies to all dynamic scaling: outdated)',
    sources: [COOLDOWN, WARMUP, CDK_COOLDOWN_ISSUE],
    experiments: ['cpuTargetTracking'],
    templateTests: [
      'CPU target tracking at 50% with a 120 s instance warmup and no cooldown (it has none), and an HTTP health check on /',
    ],
  },
  {
    fact: "Reference the ALB's security group, not its CIDR: only the ALB can then reach the instances",
    notes: '`001_06aa89305e27a1ca.txt` - ALB -> ASG security group referencing',
    experiments: ['httpOnlyFromAlb'],
  },
  {
    fact: 'User data runs once, as root, at first boot; instance metadata answers at 169.254.169.254, here only with an IMDSv2 token: a request without one gets HTTP 401',
    notes: '`002_b4197942c38b97e3.txt` - EC2 user data and instance metadata',
    sources: [IMDS_REQUIRED],
    experiments: ['al2023WithImdsv2', 'http200ThroughAlb', 'imdsv1Refused'],
  },
  {
    fact: 'Launch configurations cannot be changed; a launch template has versions',
    notes: '`001_06aa89305e27a1ca.txt` - ASG launch configuration',
    templateTests: ['the launch template requires IMDSv2, encrypts the root volume and uses AL2023 from SSM'],
  },
  {
    fact: 'On scale-in the default termination policy first balances the AZs; in the AZ with the most instances it then picks instances with the oldest launch template or configuration, then the one closest to the next billing hour',
    notes:
      '`001_06aa89305e27a1ca.txt` - ASG termination (the notes name launch configurations only; launch templates came later)',
    sources: [TERMINATION],
    remark: 'not by an experiment: Break it 2 shows it on AWS',
  },
  {
    fact: 'Instances in isolated subnets have no public address and no route out; no NAT gateway is needed',
    notes: '`000_eb71e302648b0e53.txt` - NAT gateways',
    templateTests: [
      'the ALB is internet-facing in two public subnets of two AZs, and there is no NAT gateway',
    ],
  },
  {
    fact: 'A target leaving its target group (scale-in, replacement) gets no new requests, and the ones in flight may finish during the deregistration delay (connection draining): 300 s by default, 0 to 3600; 30 s here, so scale-in is quick',
    notes: 'not in the notes',
    sources: [DEREGISTRATION_DELAY],
    templateTests: ['the target group drains a leaving target for 30 s, not the default 300 s'],
  },
];
