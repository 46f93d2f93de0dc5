import { Annotations, ArnFormat, CfnOutput, CustomResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { CostAwareVpc } from '../../lib/constructs/cost-aware-vpc';
import { EncryptedTopic } from '../../lib/constructs/encrypted-topic';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { DeadLetterQueue } from '../../lib/constructs/queue-with-dead-letter';
import { readEmailDomain } from './options';

/** The port the internal service listens on; the only port the forwarder may reach. */
export const SERVICE_PORT = 80;
/** The path on the internal service that accepts mail events. */
export const SERVICE_EVENTS_PATH = '/events';
/** Local part of the address the receipt rule accepts, on the `emailDomain` context option. */
export const RECIPIENT_LOCAL_PART = 'inbox';

/**
 * A Lambda function as an ALB target, invokable by Elastic Load Balancing only for one target group.
 *
 * CDK's LambdaTarget grants `elasticloadbalancing.amazonaws.com` without a source. ELB documents
 * `--source-arn <target group ARN>` for this permission; the target group registers the function
 * only once the permission exists, so the ARN cannot be a reference to it (a cycle): the target
 * group has a fixed name and the SourceArn is its ARN with a wildcard for the id suffix.
 */
class TargetGroupLambda implements elbv2.IApplicationLoadBalancerTarget {
  constructor(
    private readonly fn: lambda.IFunction,
    private readonly targetGroupName: string,
  ) {}

  attachToApplicationTargetGroup(targetGroup: elbv2.IApplicationTargetGroup): elbv2.LoadBalancerTargetProps {
    const stack = Stack.of(targetGroup);
    const grant = new lambda.CfnPermission(this.fn, 'InvokeFromTargetGroup', {
      action: 'lambda:InvokeFunction',
      functionName: this.fn.functionArn,
      principal: 'elasticloadbalancing.amazonaws.com',
      sourceArn: stack.formatArn({
        service: 'elasticloadbalancing',
        resource: 'targetgroup',
        resourceName: `${this.targetGroupName}/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    });
    targetGroup.node.addDependency(grant);
    return { targetType: elbv2.TargetType.LAMBDA, targetJson: { id: this.fn.functionArn } };
  }
}

/**
 * lab-01 Email hook: SES -> SNS -> Lambda in a VPC -> an internal HTTP service.
 *
 * SES publishes each received mail to an encrypted topic. The forwarder function, attached to
 * isolated subnets with its own security group, POSTs the mail's metadata with axios to an internal
 * ALB that only that group can reach. The ALB's target, the inbox function, records each event in
 * a DynamoDB table, so what arrived can be read back.
 */
export class EmailHookStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);
    const emailDomain = readEmailDomain(this.node);

    const { vpc } = new CostAwareVpc(this, 'Network');

    // The receiving side of the story: mail arrives on this topic (from SES, or from the experiments).
    // SES may publish only with a receipt rule (see addReceiptRule).
    const mail = new EncryptedTopic(this, 'MailTopic');

    // The internal service: an ALB nobody outside the VPC can resolve to a reachable address.
    const forwarderSecurityGroup = new ec2.SecurityGroup(this, 'ForwarderSecurityGroup', {
      vpc,
      description: 'lab-01 forwarder: may only call the internal service',
      allowAllOutbound: false,
    });
    const serviceSecurityGroup = new ec2.SecurityGroup(this, 'ServiceSecurityGroup', {
      vpc,
      description: 'lab-01 internal service: admits only the forwarder',
      allowAllOutbound: false,
    });
    serviceSecurityGroup.addIngressRule(
      forwarderSecurityGroup,
      ec2.Port.tcp(SERVICE_PORT),
      'HTTP from the forwarder only',
    );
    forwarderSecurityGroup.addEgressRule(
      serviceSecurityGroup,
      ec2.Port.tcp(SERVICE_PORT),
      'HTTP to the internal service only',
    );

    const inboxTable = new dynamodb.TableV2(this, 'InboxTable', {
      partitionKey: { name: 'messageId', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    const inbox = new LabFunction(this, 'Inbox', {
      handlerFolder: 'lab-01/inbox',
      description: 'lab-01 internal service: records each mail event it is sent',
      environment: { TABLE_NAME: inboxTable.tableName },
    });
    inboxTable.grant(inbox.function, 'dynamodb:PutItem');

    const service = new elbv2.ApplicationLoadBalancer(this, 'InternalService', {
      vpc,
      internetFacing: false,
      securityGroup: serviceSecurityGroup,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    });
    Validations.of(service).acknowledge({
      id: 'AwsSolutions-ELB2',
      reason:
        'Access logs need an S3 bucket that must be emptied on destroy; the inbox table already records every request.',
    });
    const listener = service.addListener('Http', {
      port: SERVICE_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
      defaultAction: elbv2.ListenerAction.fixedResponse(404, {
        contentType: 'application/json',
        messageBody: '{"error":"not found"}',
      }),
    });
    listener.addTargets('Inbox', {
      priority: 10,
      conditions: [elbv2.ListenerCondition.pathPatterns([SERVICE_EVENTS_PATH])],
      // A fixed name (the stack's name is the lab id, one per region), so the Lambda permission can
      // name the target group in its SourceArn before the target group exists.
      targetGroupName: `${this.stackName}-inbox`,
      targets: [new TargetGroupLambda(inbox.function, `${this.stackName}-inbox`)],
    });
    const serviceUrl = `http://${service.loadBalancerDnsName}${SERVICE_EVENTS_PATH}`;

    // The forwarder: subscribed to the topic, inside the VPC, bundled with axios.
    const failedDeliveries = new DeadLetterQueue(this, 'FailedDeliveries');
    const forwarder = new LabFunction(this, 'Forwarder', {
      handlerFolder: 'lab-01/email-forwarder',
      description: 'lab-01 forwarder: POSTs mail metadata from SNS to the internal service',
      environment: { SERVICE_URL: serviceUrl, REQUEST_TIMEOUT_MS: '3000' },
      vpc,
      securityGroups: [forwarderSecurityGroup],
      // After two retries of an async invocation, the event lands here instead of vanishing.
      onFailure: new destinations.SqsDestination(failedDeliveries.queue),
      retryAttempts: 2,
    });
    mail.topic.addSubscription(new subscriptions.LambdaSubscription(forwarder.function));

    if (emailDomain) {
      this.addReceiptRule(emailDomain, mail);
    } else {
      Annotations.of(this).addWarningV2(
        'labkit:lab-01:no-email-domain',
        'lab-01: no SES receipt rule, because no receiving domain was given. The rest of the lab deploys and the ' +
          'experiments publish SES-format notifications to the topic themselves. To receive real mail, verify a ' +
          'domain in SES and deploy with -c emailDomain=<domain>.',
      );
    }

    new CfnOutput(this, 'MailTopicArn', { value: mail.topic.topicArn });
    new CfnOutput(this, 'ServiceUrl', {
      value: serviceUrl,
      description: 'Reachable only from inside the VPC',
    });
    new CfnOutput(this, 'InboxTableName', { value: inboxTable.tableName });
    new CfnOutput(this, 'ForwarderFunctionName', { value: forwarder.function.functionName });
    // The ALB invokes the inbox through the Lambda service: it needs no VPC attachment (a contrast).
    new CfnOutput(this, 'InboxFunctionName', { value: inbox.function.functionName });
    new CfnOutput(this, 'FailedDeliveriesQueueUrl', { value: failedDeliveries.queue.queueUrl });
    // What a learner fixing a challenge with the AWS CLI needs to name.
    new CfnOutput(this, 'ServiceSecurityGroupId', { value: serviceSecurityGroup.securityGroupId });
    new CfnOutput(this, 'ForwarderSecurityGroupId', { value: forwarderSecurityGroup.securityGroupId });
  }

  /**
   * SES receipt rule for inbox@<domain>, and its activation.
   *
   * CloudFormation can create a receipt rule set but cannot make it the active one (one set per
   * region is active at a time). A small custom resource activates it on create and, on delete,
   * gives the region back the set that was active before, so a user's own mail setup survives.
   */
  private addReceiptRule(emailDomain: string, mail: EncryptedTopic): void {
    const ruleSet = new ses.ReceiptRuleSet(this, 'ReceiptRuleSet', {
      rules: [
        {
          recipients: [`${RECIPIENT_LOCAL_PART}@${emailDomain}`],
          actions: [new sesActions.Sns({ topic: mail.topic, encoding: sesActions.EmailEncoding.UTF8 })],
          scanEnabled: true,
          tlsPolicy: ses.TlsPolicy.REQUIRE,
        },
      ],
    });
    // SES publishes (and uses the topic's key) only for the rules of this rule set, in this account:
    // the aws:SourceArn SES sends is the receipt rule's ARN. A wildcard for the rule's name: the rule
    // refers to the topic and the topic to its key, so the key policy cannot refer to the rule.
    mail.allowPublishing({
      service: 'ses.amazonaws.com',
      sourceArn: this.formatArn({
        service: 'ses',
        resource: 'receipt-rule-set',
        resourceName: `${ruleSet.receiptRuleSetName}:receipt-rule/*`,
        arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
      }),
    });
    const activator = new LabFunction(this, 'RuleSetActivator', {
      handlerFolder: 'lab-01/ses-rule-set-activator',
      description: 'lab-01: activates the receipt rule set, restores the previous one on delete',
      timeout: Duration.seconds(30),
    });
    activator.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['ses:DescribeActiveReceiptRuleSet', 'ses:SetActiveReceiptRuleSet'],
        resources: ['*'],
      }),
    );
    Validations.of(activator.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'SES receipt rule set activation has no resource-level permissions; the role holds only these two actions.',
    });
    new CustomResource(this, 'ActiveRuleSet', {
      serviceToken: activator.function.functionArn,
      properties: { RuleSetName: ruleSet.receiptRuleSetName },
    });
    new CfnOutput(this, 'Recipient', { value: `${RECIPIENT_LOCAL_PART}@${emailDomain}` });
  }
}
