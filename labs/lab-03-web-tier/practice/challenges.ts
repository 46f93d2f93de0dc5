import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

/**
 * lab-03's break-fix exercises: a security group, the group's health check type, the target group's
 * health check, a group cut to one instance and a scaling policy that never scales in. Their checks
 * read the deployed settings (configuration) on MiniStack; the instances' behaviour (replacement,
 * answers from two AZs) takes real EC2 instances, which only AWS runs.
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
  {
    name: 'one-server-to-save-money',
    scenario:
      'High availability needs at least two instances in two AZs: a group whose minimum is one leaves a single instance, in a single AZ, between the site and an outage',
    symptom:
      'To save money the web tier was cut to one server. Last night its Availability Zone had trouble and the site ' +
      'was down for twenty minutes, until the group had launched a replacement in the other zone.',
    break: [
      {
        find: '      minCapacity: 2,\n      desiredCapacity: 2,\n',
        replace: '      minCapacity: 1,\n      desiredCapacity: 1,\n',
      },
    ],
    checks: ['groupKeepsTwoToFour', 'instancesInTwoAzs', 'answersFromTwoAzs'],
    hints: [
      'The group may launch in two AZs, so why was there no server left to answer while it replaced the lost one?',
      "Look at the group's MinSize and DesiredCapacity (aws autoscaling describe-auto-scaling-groups) or minCapacity and desiredCapacity of the AutoScalingGroup in stack.ts.",
      'With one instance, losing it or its AZ takes the whole site down until a replacement has booted; two instances spread over two AZs keep one answering.',
    ],
    fix: {
      cli: 'aws autoscaling update-auto-scaling-group --auto-scaling-group-name $AutoScalingGroupName --min-size 2 --desired-capacity 2',
      stack:
        'Set minCapacity and desiredCapacity of the AutoScalingGroup back to 2, then npx labs deploy lab-03.',
    },
  },
  {
    name: 'group-never-shrinks',
    scenario:
      'A target tracking policy with scale-in disabled only ever adds instances: the group stays at its peak size',
    symptom:
      'A week after the weekend sale the web tier still runs four servers, although the CPU of each has stayed ' +
      'under 10 % since Monday. Nobody changed the group by hand.',
    break: [
      {
        find: '      estimatedInstanceWarmup: Duration.seconds(INSTANCE_WARMUP_SECONDS),\n',
        replace:
          '      estimatedInstanceWarmup: Duration.seconds(INSTANCE_WARMUP_SECONDS),\n      disableScaleIn: true,\n',
      },
    ],
    checks: ['cpuTargetTracking'],
    hints: [
      'The policy added servers when the CPU rose: what should have removed them when it fell?',
      "Look at the CPU policy's target tracking configuration (aws autoscaling describe-policies) or group.scaleOnCpuUtilization in stack.ts.",
      'A target tracking policy scales both ways unless DisableScaleIn is true; then it only scales out, and something else must remove the capacity.',
    ],
    fix: {
      cli: [
        "policy=$(aws autoscaling describe-policies --auto-scaling-group-name $AutoScalingGroupName --query 'ScalingPolicies[0].PolicyName' --output text)",
        'aws autoscaling put-scaling-policy --auto-scaling-group-name $AutoScalingGroupName --policy-name "$policy" ' +
          '--policy-type TargetTrackingScaling --estimated-instance-warmup 120 --target-tracking-configuration ' +
          '\'{"PredefinedMetricSpecification":{"PredefinedMetricType":"ASGAverageCPUUtilization"},"TargetValue":50,"DisableScaleIn":false}\'',
      ].join('\n'),
      stack:
        'Remove disableScaleIn from group.scaleOnCpuUtilization in stack.ts, then npx labs deploy lab-03.',
    },
  },
  {
    name: 'site-times-out-after-port-change',
    scenario:
      "A load balancer accepts connections only on its listeners' ports, and its security group must admit the same port",
    symptom:
      "Since this morning's change, browsers time out on http://<the ALB's DNS name>/. The load balancer is active, " +
      'the servers are running, and the firewall rules were not touched.',
    break: [
      {
        find: "    const listener = alb.addListener('Http', {\n      port: WEB_PORT,\n",
        replace: "    const listener = alb.addListener('Http', {\n      port: 8080,\n",
      },
    ],
    checks: ['port80ForwardsToTargets'],
    hints: [
      'A timeout, not an error page: the connection never reaches anything that answers. On which port does the load balancer listen?',
      "Look at the ALB's listeners (aws elbv2 describe-listeners) or alb.addListener in stack.ts, and compare with the port its security group admits.",
      'The ALB security group admits TCP 80 only, so a listener on another port is never reached from the internet; browsers use port 80 for http://.',
    ],
    fix: {
      cli: [
        'lb=$(aws elbv2 describe-load-balancers --query "LoadBalancers[?DNSName==\'$LoadBalancerDnsName\'].LoadBalancerArn" --output text)',
        "listener=$(aws elbv2 describe-listeners --load-balancer-arn $lb --query 'Listeners[0].ListenerArn' --output text)",
        'aws elbv2 modify-listener --listener-arn $listener --port 80',
      ].join('\n'),
      stack: "Set the port of alb.addListener('Http', ...) back to WEB_PORT, then npx labs deploy lab-03.",
    },
  },
  {
    name: 'imdsv1-still-answers',
    scenario:
      'Instance metadata is safe from SSRF only when IMDSv2 is required (HttpTokens required): with it optional, a request without a token is answered',
    symptom:
      'A security audit found that the web servers answer instance metadata requests that carry no session token, and asks ' +
      'for IMDSv1 to be turned off. The site itself works.',
    // Explicitly optional: left unset, an AL2023 image (ImdsSupport v2.0) would still require tokens.
    break: [
      {
        find: '      requireImdsv2: true,\n',
        replace: '      httpTokens: ec2.LaunchTemplateHttpTokens.OPTIONAL,\n',
      },
    ],
    checks: ['al2023WithImdsv2', 'imdsv1Refused'],
    skipOn: {
      ministack:
        "Undoing the fault means pointing the group at a new launch template version, and MiniStack's " +
        'UpdateAutoScalingGroup ignores a launch template (it updates sizes, health check and subnets only).',
    },
    hints: [
      'Which setting decides whether instance metadata answers a request that carries no token?',
      "Look at the launch template's metadata options (aws ec2 describe-launch-template-versions) or the LaunchTemplate in stack.ts.",
      'HttpTokens required makes IMDS refuse tokenless requests with HTTP 401; new settings in a launch template reach only instances launched after it, so replace the running ones.',
    ],
    fix: {
      cli: [
        'read -r lt src <<< "$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names $AutoScalingGroupName --query \'AutoScalingGroups[0].LaunchTemplate.[LaunchTemplateId,Version]\' --output text)"',
        'v=$(aws ec2 create-launch-template-version --launch-template-id $lt --source-version $src ' +
          '--launch-template-data \'{"MetadataOptions":{"HttpTokens":"required"}}\' --query LaunchTemplateVersion.VersionNumber --output text)',
        'aws autoscaling update-auto-scaling-group --auto-scaling-group-name $AutoScalingGroupName --launch-template LaunchTemplateId=$lt,Version=$v',
        'aws autoscaling start-instance-refresh --auto-scaling-group-name $AutoScalingGroupName',
      ].join('\n'),
      stack:
        'Set requireImdsv2: true on the LaunchTemplate again, then npx labs deploy lab-03 (and let the group replace its instances).',
    },
  },
  {
    name: 'targets-never-registered',
    scenario:
      'An Auto Scaling group registers its instances with a target group only when it is attached to it; the ALB answers 503 without targets',
    symptom:
      'The new web tier answers every request with HTTP 503. Both servers are running and their user data finished, ' +
      'yet the target group lists no targets at all.',
    break: [{ find: '      targets: [group],\n', replace: '      targetType: elbv2.TargetType.INSTANCE,\n' }],
    checks: ['instancesRegistered', 'http200ThroughAlb'],
    hints: [
      'The ALB has nowhere to send requests: who is supposed to put the instances into the target group?',
      "Look at the group's target groups (aws autoscaling describe-auto-scaling-groups, TargetGroupARNs) or listener.addTargets in stack.ts.",
      'A group attached to a target group registers every instance it launches and deregisters those it terminates; without the attachment nothing is registered.',
    ],
    fix: {
      cli: 'aws autoscaling attach-load-balancer-target-groups --auto-scaling-group-name $AutoScalingGroupName --target-group-arns $WebTargetGroupArn',
      stack:
        'Give listener.addTargets its targets: [group] again (instead of a bare targetType), then npx labs deploy lab-03.',
    },
  },
];
