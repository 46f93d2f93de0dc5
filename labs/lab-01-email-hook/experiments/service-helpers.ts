/**
 * What several of lab-01's experiments share: SDK clients, the simulated mail and its SNS event, the
 * service's load balancer and target group, and taking the service down for a while.
 */

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
import { clientOf } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';

export function simulatedMail(runId: string) {
  return {
    messageId: runId,
    from: 'sender@example.org',
    to: ['inbox@lab.example'],
    subject: `lab-01 experiment ${runId}`,
    timestamp: new Date().toISOString(),
  };
}

/** The SNS event Lambda hands the forwarder for one published message. */
export function snsEvent(topicArn: string, message: string) {
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

export async function serviceLoadBalancer(context: ExperimentContext<Output>): Promise<LoadBalancer> {
  const host = new URL(outputOf(context, 'ServiceUrl')).hostname.toLowerCase();
  const { LoadBalancers = [] } = await clientOf(ElasticLoadBalancingV2Client, context).send(
    new DescribeLoadBalancersCommand({}),
  );
  const lb = LoadBalancers.find((b) => b.DNSName?.toLowerCase() === host);
  if (!lb) throw new Error(`no load balancer has the DNS name ${host}`);
  return lb;
}

/** The target group the /events rule forwards to (found through the listener, as a request goes). */
async function inboxTargetGroupArn(context: ExperimentContext<Output>): Promise<string> {
  const elb = clientOf(ElasticLoadBalancingV2Client, context);
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

/**
 * Takes the inbox function out of the service's target group, runs `work`, and puts it back:
 * a real outage of the internal service, undone whatever happens.
 */
export async function withServiceDown<T>(
  context: ExperimentContext<Output>,
  work: () => Promise<T>,
): Promise<T> {
  const elb = clientOf(ElasticLoadBalancingV2Client, context);
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
