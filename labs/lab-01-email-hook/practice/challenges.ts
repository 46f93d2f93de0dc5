import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const SECURITY_GROUPS = 'securityGroups';

/** lab-01's break-fix exercises: the two security groups and the forwarder's on-failure destination. */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'service-open-to-the-vpc',
    scenario:
      "An internal service should admit its caller's security group, not the whole VPC's address range",
    symptom:
      'A security review found that any machine in the VPC can post events to the internal mail service on port 80, ' +
      'not only the forwarder. Mail still arrives as before.',
    break: [
      {
        find: 'serviceSecurityGroup.addIngressRule(\n      forwarderSecurityGroup,',
        replace: "serviceSecurityGroup.addIngressRule(\n      ec2.Peer.ipv4('10.0.0.0/16'),",
      },
    ],
    checks: [SECURITY_GROUPS],
    hints: [
      'Who may open a connection to the internal load balancer is decided in one place: which?',
      "Look at the ingress rules of the service's security group (aws ec2 describe-security-group-rules) or serviceSecurityGroup in stack.ts.",
      "A rule that references the forwarder's security group admits only network interfaces in that group; a CIDR rule admits every address in the range.",
    ],
    fix: {
      cli: [
        "cidr=$(aws ec2 describe-security-group-rules --filters Name=group-id,Values=$ServiceSecurityGroupId --query 'SecurityGroupRules[?!IsEgress].CidrIpv4' --output text)",
        'aws ec2 revoke-security-group-ingress --group-id $ServiceSecurityGroupId --protocol tcp --port 80 --cidr "$cidr"',
        'aws ec2 authorize-security-group-ingress --group-id $ServiceSecurityGroupId --protocol tcp --port 80 --source-group $ForwarderSecurityGroupId',
      ].join('\n'),
      stack:
        "Make the service's ingress rule reference forwarderSecurityGroup instead of the VPC's CIDR, then npx labs deploy lab-01.",
    },
  },
  {
    name: 'forwarder-times-out',
    scenario: 'With allowAllOutbound off, a security group needs an explicit egress rule to its destination',
    symptom:
      'Since the last release no mail event reaches the internal service: every forwarder invocation ends with the ' +
      'request timing out, although the service answers other callers.',
    break: [
      {
        find:
          '    forwarderSecurityGroup.addEgressRule(\n' +
          '      serviceSecurityGroup,\n' +
          '      ec2.Port.tcp(SERVICE_PORT),\n' +
          "      'HTTP to the internal service only',\n" +
          '    );\n',
        replace: '',
      },
    ],
    checks: [SECURITY_GROUPS, 'delivery'],
    notBrokenOn: { ministack: ['delivery'] },
    judgedBy: {
      ministack:
        'configuration (MiniStack does not filter traffic by security group, so the delivery still succeeds there)',
    },
    hints: [
      'The request leaves the function and never gets an answer: which rules apply on the way out?',
      "Look at the egress rules of the forwarder's security group (aws ec2 describe-security-group-rules) or forwarderSecurityGroup in stack.ts.",
      'Security groups are stateful for replies, but a new outbound connection needs an egress rule; a group created with allowAllOutbound false has none (CDK adds a rule that matches no traffic).',
    ],
    fix: {
      cli: [
        'aws ec2 authorize-security-group-egress --group-id $ForwarderSecurityGroupId --ip-permissions "IpProtocol=tcp,FromPort=80,ToPort=80,UserIdGroupPairs=[{GroupId=$ServiceSecurityGroupId}]"',
        'aws ec2 revoke-security-group-egress --group-id $ForwarderSecurityGroupId --ip-permissions "IpProtocol=icmp,FromPort=252,ToPort=86,IpRanges=[{CidrIp=255.255.255.255/32}]"',
      ].join('\n'),
      stack:
        'Give forwarderSecurityGroup its egress rule to serviceSecurityGroup on SERVICE_PORT again, then npx labs deploy lab-01.',
    },
  },
  {
    name: 'failed-mail-vanishes',
    scenario:
      'An asynchronous invocation that fails after its retries is lost unless the function has an on-failure destination',
    symptom:
      'While the internal service was down this morning, some mails never arrived and left no trace: the ' +
      'failed-deliveries queue that the runbook says to replay from is empty.',
    break: [
      { find: '      onFailure: new destinations.SqsDestination(failedDeliveries.queue),\n', replace: '' },
      {
        find: '    mail.topic.addSubscription(new subscriptions.LambdaSubscription(forwarder.function));',
        replace:
          '    failedDeliveries.queue.grantSendMessages(forwarder.function);\n' +
          '    mail.topic.addSubscription(new subscriptions.LambdaSubscription(forwarder.function));',
      },
    ],
    checks: ['asyncFailure'],
    hints: [
      'SNS invoked the forwarder asynchronously, and Lambda retried it: what happens to the event after the last retry?',
      "Look at the forwarder's asynchronous invocation settings (aws lambda get-function-event-invoke-config) or the forwarder's props in stack.ts.",
      'After the retries of an asynchronous invocation (two by default) Lambda discards the event unless an on-failure destination (or a dead-letter queue) is configured.',
    ],
    fix: {
      cli: [
        'queue_arn=$(aws sqs get-queue-attributes --queue-url $FailedDeliveriesQueueUrl --attribute-names QueueArn --query Attributes.QueueArn --output text)',
        'aws lambda put-function-event-invoke-config --function-name $ForwarderFunctionName --maximum-retry-attempts 2 --destination-config "{\\"OnFailure\\":{\\"Destination\\":\\"$queue_arn\\"}}"',
      ].join('\n'),
      stack:
        'Give the forwarder its onFailure destination again (onFailure: new destinations.SqsDestination(failedDeliveries.queue)), then npx labs deploy lab-01.',
    },
  },
];
