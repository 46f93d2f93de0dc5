import { resolve4 } from 'node:dns/promises';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeSecurityGroupRulesCommand, EC2Client, type SecurityGroupRule } from '@aws-sdk/client-ec2';
import {
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type LoadBalancer,
  RegisterTargetsCommand,
  type TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import axios from 'axios';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { sesReceivedNotification } from '../ses-notification';

/**
 * lab-01's experiments: a mail notification published to the topic travels through the VPC
 * forwarder and the internal ALB into the inbox table; the service admits only the forwarder's
 * security group and is not reachable from outside the VPC; and when the service is down, the
 * forwarder's invocation fails, is retried, and ends in the on-failure queue.
 */

const SERVICE_PORT = 80;
/** CDK's placeholder egress rule of a group that allows no outbound traffic. */
const NO_TRAFFIC_CIDR = '255.255.255.255/32';

const NO_NETWORKS_ON_MINISTACK =
  'MiniStack does not emulate networks: its load balancers answer any caller on 127.0.0.1, so isolation ' +
  'cannot be observed there.';
const NO_VPC_CONFIG_ON_MINISTACK =
  "MiniStack 1.5.33 drops a function's VpcConfig (GetFunctionConfiguration returns none), so the attachment " +
  'cannot be observed there.';

/** How long a published mail may take to reach the inbox table (SNS, Lambda, ALB, Lambda, DynamoDB). */
const deliveryDeadline = (context: ExperimentContext<Output>) => (context.target === 'aws' ? 60_000 : 20_000);

const lambdaOf = (context: ExperimentContext<Output>) => new LambdaClient({ ...context.clientConfig });
const elbOf = (context: ExperimentContext<Output>) =>
  new ElasticLoadBalancingV2Client({ ...context.clientConfig });

function simulatedMail(runId: string) {
  return {
    messageId: runId,
    from: 'sender@example.org',
    to: ['inbox@lab.example'],
    subject: `lab-01 experiment ${runId}`,
    timestamp: new Date().toISOString(),
  };
}

/** The SNS event Lambda hands the forwarder for one published message. */
function snsEvent(topicArn: string, message: string) {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:experiment`,
        Sns: {
          Type: 'Notification',
          MessageId: newRunId('sns'),
          TopicArn: topicArn,
          Subject: null,
          Message: message,
          Timestamp: new Date().toISOString(),
          MessageAttributes: {},
        },
      },
    ],
  };
}

async function serviceLoadBalancer(context: ExperimentContext<Output>): Promise<LoadBalancer> {
  const host = new URL(outputOf(context, 'ServiceUrl')).hostname.toLowerCase();
  const { LoadBalancers = [] } = await elbOf(context).send(new DescribeLoadBalancersCommand({}));
  const lb = LoadBalancers.find((b) => b.DNSName?.toLowerCase() === host);
  if (!lb) throw new Error(`no load balancer has the DNS name ${host}`);
  return lb;
}

/** The target group the /events rule forwards to (found through the listener, as a request goes). */
async function inboxTargetGroupArn(context: ExperimentContext<Output>): Promise<string> {
  const elb = elbOf(context);
  const lb = await serviceLoadBalancer(context);
  const { Listeners = [] } = await elb.send(
    new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }),
  );
  for (const listener of Listeners) {
    const { Rules = [] } = await elb.send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }));
    for (const rule of Rules) {
      const forward = rule.Actions?.find((a) => a.Type === 'forward');
      const arn = forward?.TargetGroupArn ?? forward?.ForwardConfig?.TargetGroups?.[0]?.TargetGroupArn;
      if (arn) return arn;
    }
  }
  throw new Error(`no listener rule of ${lb.LoadBalancerName} forwards to a target group`);
}

async function rulesOf(context: ExperimentContext<Output>, groupId: string): Promise<SecurityGroupRule[]> {
  const { SecurityGroupRules = [] } = await new EC2Client({ ...context.clientConfig }).send(
    new DescribeSecurityGroupRulesCommand({ Filters: [{ Name: 'group-id', Values: [groupId] }] }),
  );
  return SecurityGroupRules.filter((r) => r.CidrIpv4 !== NO_TRAFFIC_CIDR);
}

const describeRule = (r: SecurityGroupRule) =>
  `${r.IpProtocol}:${r.FromPort}-${r.ToPort} ${r.IsEgress ? 'to' : 'from'} ` +
  `${r.ReferencedGroupInfo?.GroupId ?? r.CidrIpv4 ?? r.CidrIpv6 ?? r.PrefixListId ?? '?'}`;

/**
 * Takes the inbox function out of the service's target group, runs `work`, and puts it back:
 * a real outage of the internal service, undone whatever happens.
 */
async function withServiceDown<T>(context: ExperimentContext<Output>, work: () => Promise<T>): Promise<T> {
  const elb = elbOf(context);
  const TargetGroupArn = await inboxTargetGroupArn(context);
  const { TargetHealthDescriptions = [] } = await elb.send(
    new DescribeTargetHealthCommand({ TargetGroupArn }),
  );
  const targets = TargetHealthDescriptions.map((d) => d.Target).filter(
    (t): t is TargetDescription => !!t?.Id,
  );
  if (targets.length === 0) throw new Error('the inbox target group has no registered target to take out');
  await elb.send(new DeregisterTargetsCommand({ TargetGroupArn, Targets: targets }));
  try {
    return await work();
  } finally {
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn, Targets: targets }));
  }
}

const delivery: Experiment<Output> = {
  name: 'Deliver a mail notification to the internal service',
  fact: 'SES -> SNS carries the mail to a VPC function, which POSTs its metadata to the internal service',
  proof: 'behaviour',
  measures: ['inboxRecords'],
  async run(context) {
    const runId = newRunId('mail');
    const mail = simulatedMail(runId);
    await new SNSClient({ ...context.clientConfig }).send(
      new PublishCommand({
        TopicArn: outputOf(context, 'MailTopicArn'),
        Message: sesReceivedNotification(mail),
      }),
    );
    const started = Date.now();
    const dynamodb = new DynamoDBClient({ ...context.clientConfig });
    const item = await pollUntil(deliveryDeadline(context), 500, async () => {
      const { Item } = await dynamodb.send(
        new GetItemCommand({
          TableName: outputOf(context, 'InboxTableName'),
          Key: { messageId: { S: runId } },
        }),
      );
      return Item;
    });
    if (!item) return fail(`no inbox record for ${runId} after ${deliveryDeadline(context) / 1000} s`);
    const stored = {
      from: item.from?.L?.map((v) => v.S).join(','),
      to: item.to?.L?.map((v) => v.S).join(','),
      subject: item.subject?.S,
      timestamp: item.timestamp?.S,
    };
    const expected = {
      from: mail.from,
      to: mail.to.join(','),
      subject: mail.subject,
      timestamp: mail.timestamp,
    };
    return withMeasurements(
      expectThat(
        JSON.stringify(stored) === JSON.stringify(expected),
        `inbox record after ${((Date.now() - started) / 1000).toFixed(1)} s: from ${stored.from}, to ${stored.to}, ` +
          `subject "${stored.subject}", timestamp ${stored.timestamp}`,
        `from ${expected.from}, to ${expected.to}, subject "${expected.subject}", timestamp ${expected.timestamp}`,
      ),
      { inboxRecords: 1 },
    );
  },
};

const vpcAttachment: Experiment<Output> = {
  name: 'Attach the forwarder to the VPC',
  fact: 'A Lambda function has no access to VPC resources unless it is attached to subnets with a security group',
  proof: 'configuration',
  skipOn: { ministack: NO_VPC_CONFIG_ON_MINISTACK },
  async run(context) {
    const config = await lambdaOf(context).send(
      new GetFunctionConfigurationCommand({ FunctionName: outputOf(context, 'ForwarderFunctionName') }),
    );
    const subnets = config.VpcConfig?.SubnetIds ?? [];
    const groups = config.VpcConfig?.SecurityGroupIds ?? [];
    return expectThat(
      subnets.length >= 2 && groups.length === 1 && Boolean(config.VpcConfig?.VpcId),
      `VPC ${config.VpcConfig?.VpcId ?? 'none'}, ${subnets.length} subnet(s), security groups ${groups.join(', ') || 'none'}`,
      'a VPC, subnets in two AZs, one security group',
    );
  },
};

const securityGroups: Experiment<Output> = {
  name: "Admit the service only from the forwarder's security group",
  fact: "The service admits only the function's security group; referencing a group, not a CIDR",
  proof: 'configuration',
  async run(context) {
    const lb = await serviceLoadBalancer(context);
    const serviceGroup = lb.SecurityGroups?.[0];
    if (!serviceGroup) return fail(`load balancer ${lb.LoadBalancerName} has no security group`);
    const ingress = (await rulesOf(context, serviceGroup)).filter((r) => !r.IsEgress);
    const forwarderGroup = ingress[0]?.ReferencedGroupInfo?.GroupId;
    const egress = forwarderGroup ? (await rulesOf(context, forwarderGroup)).filter((r) => r.IsEgress) : [];
    const onlyPort = (r: SecurityGroupRule) =>
      r.IpProtocol === 'tcp' && r.FromPort === SERVICE_PORT && r.ToPort === SERVICE_PORT;
    const ok =
      lb.Scheme === 'internal' &&
      ingress.length === 1 &&
      onlyPort(ingress[0]) &&
      Boolean(forwarderGroup) &&
      egress.length === 1 &&
      onlyPort(egress[0]) &&
      egress[0].ReferencedGroupInfo?.GroupId === serviceGroup;
    return expectThat(
      ok,
      `scheme ${lb.Scheme}; service group ${serviceGroup} ingress [${ingress.map(describeRule).join('; ')}]; ` +
        `forwarder group ${forwarderGroup ?? '?'} egress [${egress.map(describeRule).join('; ')}]`,
      `internal; one ingress tcp:${SERVICE_PORT} from the forwarder's group, no CIDR; its only egress tcp:${SERVICE_PORT} to the service group`,
    );
  },
};

const PRIVATE_ADDRESS = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

const isolation: Experiment<Output> = {
  name: 'Keep the service out of reach from outside the VPC',
  fact: 'An internal load balancer has private addresses only; the internet cannot reach the service',
  proof: 'behaviour',
  measures: ['reachableFromOutside'],
  skipOn: { ministack: NO_NETWORKS_ON_MINISTACK },
  async run(context) {
    const url = outputOf(context, 'ServiceUrl');
    const addresses = await resolve4(new URL(url).hostname);
    const attempt = await axios
      .post(url, {}, { timeout: 5000, validateStatus: () => true })
      .then((response) => `answered HTTP ${response.status}`)
      .catch((error: { code?: string; message: string }) => `no answer (${error.code ?? error.message})`);
    return withMeasurements(
      expectThat(
        addresses.length > 0 &&
          addresses.every((a) => PRIVATE_ADDRESS.test(a)) &&
          attempt.startsWith('no answer'),
        `${new URL(url).hostname} resolves to ${addresses.join(', ')}; a POST from this machine: ${attempt}`,
        'private addresses only, and no answer from outside the VPC',
      ),
      { reachableFromOutside: attempt.startsWith('no answer') ? 'no' : 'yes' },
    );
  },
};

const syncFailure: Experiment<Output> = {
  name: "Fail the forwarder's invocation when the service is down",
  fact: 'Non-2xx answers and timeouts fail the invocation; async retries, then the on-failure queue',
  proof: 'behaviour',
  measures: ['invokeResult'],
  async run(context) {
    const topicArn = outputOf(context, 'MailTopicArn');
    const event = snsEvent(topicArn, sesReceivedNotification(simulatedMail(newRunId('down'))));
    const lambda = lambdaOf(context);
    return withServiceDown(context, async () => {
      // A target leaves the group within seconds; keep invoking until the service is really gone.
      const outcome = await pollUntil(context.target === 'aws' ? 60_000 : 10_000, 2000, async () => {
        const result = await lambda.send(
          new InvokeCommand({
            FunctionName: outputOf(context, 'ForwarderFunctionName'),
            Payload: Buffer.from(JSON.stringify(event)),
          }),
        );
        const payload = JSON.parse(Buffer.from(result.Payload ?? []).toString() || '{}');
        return result.FunctionError
          ? { error: result.FunctionError, message: String(payload.errorMessage) }
          : undefined;
      });
      if (!outcome) return fail('every invocation succeeded although the service had no target');
      return withMeasurements(
        expectThat(
          /answered HTTP 5\d\d|did not answer/.test(outcome.message),
          `FunctionError ${outcome.error}: ${outcome.message}`,
          'a FunctionError saying the service answered 5xx or did not answer',
        ),
        { invokeResult: 'function error' },
      );
    });
  },
};

const asyncFailure: Experiment<Output> = {
  name: 'Land a failed asynchronous delivery in the on-failure queue',
  fact: 'Non-2xx answers and timeouts fail the invocation; async retries, then the on-failure queue',
  proof: 'behaviour',
  measures: ['attempts'],
  async run(context) {
    const runId = newRunId('lost');
    const queueUrl = outputOf(context, 'FailedDeliveriesQueueUrl');
    const sqs = new SQSClient({ ...context.clientConfig });
    const event = snsEvent(outputOf(context, 'MailTopicArn'), sesReceivedNotification(simulatedMail(runId)));
    // Lambda retries an async event twice (about 1 and 2 minutes apart on AWS) before giving up.
    const deadline = context.target === 'aws' ? 8 * 60_000 : 30_000;
    return withServiceDown(context, async () => {
      if (context.target === 'aws') await sleep(15_000); // let the deregistration take effect
      // SNS invokes its Lambda subscribers asynchronously; this is that same invocation, made directly
      // (MiniStack's SNS calls subscribers once, synchronously, so publishing would not show retries).
      await lambdaOf(context).send(
        new InvokeCommand({
          FunctionName: outputOf(context, 'ForwarderFunctionName'),
          InvocationType: 'Event',
          Payload: Buffer.from(JSON.stringify(event)),
        }),
      );
      const started = Date.now();
      const record = await pollUntil(deadline, 1000, async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        const mine = Messages.find((m) => m.Body?.includes(runId));
        if (mine)
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: mine.ReceiptHandle }));
        return mine ? JSON.parse(mine.Body ?? '{}') : undefined;
      });
      if (!record) return fail(`nothing about ${runId} in the on-failure queue after ${deadline / 1000} s`);
      const condition = record.requestContext?.condition;
      const attempts = record.requestContext?.approximateInvokeCount;
      return withMeasurements(
        expectThat(
          condition === 'RetriesExhausted' && attempts === 3,
          `on-failure record after ${((Date.now() - started) / 1000).toFixed(1)} s: condition ${condition}, ` +
            `${attempts} attempt(s), error "${String(record.responsePayload?.errorMessage ?? '?').slice(0, 120)}"`,
          'condition RetriesExhausted after 3 attempts (1 + 2 retries)',
        ),
        { attempts: attempts ?? 'none' },
      );
    });
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  delivery,
  vpcAttachment,
  securityGroups,
  isolation,
  syncFailure,
  asyncFailure,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
