import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

/**
 * lab-03's break-fix exercises: a security group, the group's health check type and the target
 * group's health check. Their checks read the deployed settings (configuration): the instances'
 * behaviour (replacement, health) takes real EC2 instances, which only AWS runs.
 */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'servers-reachable-around-the-alb',
    scenario:
      "Instances behind an ALB should admit traffic from the ALB's security group, not from an address range",
    symptom:
      "The security team's scan from a build server inside the VPC reached the web servers on port 80 directly, " +
      'without going through the load balancer. The site itself works as before.',
    break: [
      {
        find: "    instanceSecurityGroup.addIngressRule(albSecurityGroup, ec2.Port.tcp(WEB_PORT), 'HTTP from the ALB only');\n",
        replace:
          "    instanceSecurityGroup.addIngressRule(albSecurityGroup, ec2.Port.tcp(WEB_PORT), 'HTTP from the ALB only');\n" +
          "    instanceSecurityGroup.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(WEB_PORT), 'HTTP from the monitoring hosts');\n",
      },
    ],
    checks: ['httpOnlyFromAlb'],
    hints: [
      'Something inside the VPC that is not the load balancer may open connections to the instances: what decides who may?',
      "Look at the ingress rules of the instances' security group (aws ec2 describe-security-group-rules) or instanceSecurityGroup in stack.ts.",
      "A rule that references the ALB's security group admits only the ALB's nodes, wherever their addresses are; a CIDR rule admits every address in the range.",
    ],
    fix: {
      cli: [
        "cidr=$(aws ec2 describe-security-group-rules --filters Name=group-id,Values=$InstanceSecurityGroupId --query 'SecurityGroupRules[?!IsEgress].CidrIpv4' --output text)",
        'aws ec2 revoke-security-group-ingress --group-id $InstanceSecurityGroupId --protocol tcp --port 80 --cidr "$cidr"',
      ].join('\n'),
      stack:
        "Remove the instances' ingress rule for an address range, keeping the one that references albSecurityGroup, then npx labs deploy lab-03.",
    },
  },
  {
    name: 'broken-server-never-replaced',
    scenario:
      'An Auto Scaling group with EC2 health checks only replaces instances whose EC2 status fails, not those the load balancer finds unhealthy',
    symptom:
      'One web server has answered HTTP 500 to every request for hours. The load balancer stopped sending it traffic, ' +
      'yet the Auto Scaling group still counts it as healthy and has not replaced it.',
    break: [
      {
        find:
          '      healthChecks: autoscaling.HealthChecks.withAdditionalChecks({\n' +
          '        additionalTypes: [autoscaling.AdditionalHealthCheckType.ELB],\n' +
          '        gracePeriod: Duration.seconds(120),\n' +
          '      }),\n',
        replace:
          '      healthChecks: autoscaling.HealthChecks.ec2({ gracePeriod: Duration.seconds(120) }),\n',
      },
    ],
    checks: ['groupUsesElbHealth'],
    hints: [
      'Two parts of the system judge instance health here, and they disagree: which one decides about replacement?',
      "Look at the group's HealthCheckType (aws autoscaling describe-auto-scaling-groups) or the healthChecks of the AutoScalingGroup in stack.ts.",
      "With the EC2 health check type the group replaces an instance only when its EC2 status checks fail; the ELB type adds the target group's health checks.",
    ],
    fix: {
      cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name $AutoScalingGroupName --health-check-type ELB --health-check-grace-period 120',
      stack:
        'Give the AutoScalingGroup the ELB health check again (HealthChecks.withAdditionalChecks with AdditionalHealthCheckType.ELB), then npx labs deploy lab-03.',
    },
  },
  {
    name: 'instances-keep-cycling',
    scenario:
      'A target group health check on a path the servers do not serve marks every target unhealthy (the ALB then fails open)',
    symptom:
      "The Auto Scaling group's activity history shows instances terminated and launched every few minutes, and the " +
      'target group lists every instance as unhealthy, although the site answers when we open it.',
    break: [{ find: "        path: '/',\n", replace: "        path: '/health',\n" }],
    checks: ['httpHealthCheck'],
    hints: [
      'The servers work; what the load balancer asks them to prove does not: what exactly does it request?',
      "Look at the target group's health check settings (aws elbv2 describe-target-groups) or listener.addTargets in stack.ts, and at what the user data serves.",
      'A target is healthy only when the health check path answers with a matching code (200 here); when every target is unhealthy the ALB still routes to all of them (fail open), while ELB health checks make the group replace them.',
    ],
    fix: {
      cli: 'aws elbv2 modify-target-group --target-group-arn $WebTargetGroupArn --health-check-path /',
      stack: "Set the target group's health check path back to '/', then npx labs deploy lab-03.",
    },
  },
];
