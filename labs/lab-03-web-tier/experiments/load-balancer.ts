/** The ALB: two AZs (a single AZ is refused), an HTTP listener on port 80, a DNS name rather than fixed IPs. */

import {
  CreateLoadBalancerCommand,
  type CreateLoadBalancerCommandOutput,
  DeleteLoadBalancerCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, refusalOf } from '../../../lib/experiments/helpers';
import { TAG_KEYS } from '../../../lib/safety/tags';
import type { Output } from '../outputs';
import {
  describeZones,
  distinct,
  forwardTargets,
  listenersOf,
  loadBalancerOf,
  zonesOfSubnets,
} from './aws-lookups';
import { NO_ELB_ON_LOCALSTACK, WEB_PORT } from './guide-facts';

export const albSpansTwoAzs: Experiment<Output> = {
  name: 'Spread the internet-facing ALB over two AZs',
  fact: 'An ALB needs subnets in at least two AZs.',
  proof: 'configuration',
  measures: ['albAzs'],
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  relaxedOn: {
    ministack:
      "MiniStack reports every ALB zone as us-east-1a, so the zones of the ALB's subnets count, not the zones it reports",
  },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const placements = lb.AvailabilityZones ?? [];
    const zones = await zonesOfSubnets(
      context,
      placements.map((p) => p.SubnetId ?? ''),
    );
    const azs = distinct(zones.values());
    // MiniStack names every ALB zone "<region>a" (services/alb.py): see relaxedOn.
    const reportedAgree =
      context.target === 'ministack' || placements.every((p) => zones.get(p.SubnetId ?? '') === p.ZoneName);
    const observed =
      `${lb.Type} ALB, scheme ${lb.Scheme}, ${placements.length} subnet(s): ${describeZones(zones)}; ` +
      `${azs.length} distinct AZ(s); zones reported by the ALB: ${placements.map((p) => p.ZoneName).join(', ')}`;
    return withMeasurements(
      expectThat(
        lb.Type === 'application' && lb.Scheme === 'internet-facing' && azs.length >= 2 && reportedAgree,
        observed,
        'an internet-facing application load balancer in subnets of at least 2 distinct AZs',
        azs.length < 2 ? 'one-az' : !reportedAgree ? 'zones-disagree' : 'not-internet-facing-alb',
      ),
      { albAzs: azs.length },
    );
  },
};

/** How ELBv2 refuses an ALB whose subnets cover fewer than two AZs. */
const SINGLE_AZ_REFUSALS = [
  'ValidationError',
  'InvalidConfigurationRequestException',
  'InvalidConfigurationRequest',
];

export const singleAzAlbRefused: Experiment<Output> = {
  name: 'Refuse an ALB in a single AZ',
  fact: 'An ALB needs subnets in at least two AZs.',
  proof: 'behaviour',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const [subnet] = (lb.AvailabilityZones ?? []).map((z) => z.SubnetId ?? '');
    const elb = clientOf(ElasticLoadBalancingV2Client, context);
    const name = `lab-03-one-az-${Date.now().toString(36)}`;
    let created: CreateLoadBalancerCommandOutput | undefined;
    const refusal = await refusalOf(async () => {
      created = await elb.send(
        new CreateLoadBalancerCommand({
          Name: name,
          Type: 'application',
          Scheme: 'internal',
          Subnets: [subnet],
          Tags: [{ Key: TAG_KEYS.lab, Value: context.lab.id }],
        }),
      );
    });
    // Accepted: take it down at once (it would bill by the hour) and report what happened.
    for (const made of created?.LoadBalancers ?? []) {
      await elb.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: made.LoadBalancerArn }));
    }
    return expectThat(
      isRefusal(refusal, SINGLE_AZ_REFUSALS),
      `CreateLoadBalancer with one subnet (${subnet}): ${describeRefusal(refusal)}` +
        `${refusal ? `: ${refusal.message}` : ' (and deleted again)'}`,
      'refused with ValidationError: at least two subnets in two different Availability Zones',
      refusal ? `other-refusal:${refusal.name}` : 'not-refused',
    );
  },
};

export const port80ForwardsToTargets: Experiment<Output> = {
  name: 'Forward HTTP on port 80 to the target group',
  fact: 'An internet-facing Application Load Balancer in two public subnets sends HTTP to an Auto Scaling group.',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  async run(context) {
    const lb = await loadBalancerOf(context);
    const listeners = await listenersOf(context, lb);
    const http = listeners.find((l) => l.Port === WEB_PORT && l.Protocol === 'HTTP');
    const forwards = http ? forwardTargets(http) : [];
    const groups = forwards.length
      ? ((
          await clientOf(ElasticLoadBalancingV2Client, context).send(
            new DescribeTargetGroupsCommand({ TargetGroupArns: forwards }),
          )
        ).TargetGroups ?? [])
      : [];
    const tg = groups[0];
    const observed =
      `${listeners.length} listener(s): ${listeners.map((l) => `${l.Protocol}:${l.Port}`).join(', ') || 'none'}; ` +
      `port ${WEB_PORT} forwards to ${tg?.TargetGroupName ?? 'nothing'} ` +
      `(${tg?.Protocol}:${tg?.Port}, target type ${tg?.TargetType}, ` +
      `attached to this ALB: ${tg?.LoadBalancerArns?.includes(lb.LoadBalancerArn ?? '') ?? false})`;
    return expectThat(
      forwards.length === 1 &&
        tg?.Protocol === 'HTTP' &&
        tg.Port === WEB_PORT &&
        tg.TargetType === 'instance' &&
        (tg.LoadBalancerArns ?? []).includes(lb.LoadBalancerArn ?? ''),
      observed,
      `an HTTP:${WEB_PORT} listener forwarding to one HTTP:${WEB_PORT} instance target group of this ALB`,
      !http ? 'no-http-listener' : forwards.length !== 1 ? 'not-forwarding' : 'target-group',
    );
  },
};

export const albHasDnsName: Experiment<Output> = {
  name: 'Answer at a DNS name, not a fixed IP',
  fact: 'The ALB has a DNS name, not fixed IPs: use a Route 53 alias record (static IPs in front of an ALB come from Global Accelerator).',
  proof: 'configuration',
  skipOn: { localstack: NO_ELB_ON_LOCALSTACK },
  mustFailWhen: {
    replaceOutput: ['Url', 'LoadBalancerDnsName'],
    why: 'a bare host name is not the http:// address a browser or an alias record user is given: the Url output must be built on the DNS name',
    failsBecause: 'url-not-dns-name',
  },
  async run(context) {
    const lb = await loadBalancerOf(context);
    // An alias record needs the DNS name and the ALB's canonical hosted zone. (An ALB has no
    // addresses of its own to read back: the API lists Elastic IPs for NLBs only.)
    const url = outputOf(context, 'Url');
    return expectThat(
      Boolean(lb.DNSName) && Boolean(lb.CanonicalHostedZoneId) && url === `http://${lb.DNSName}/`,
      `DNS name ${lb.DNSName}, alias hosted zone ${lb.CanonicalHostedZoneId || 'none'}, Url output ${url}`,
      'a DNS name and canonical hosted zone id, and the Url output built on the DNS name',
      !lb.DNSName || !lb.CanonicalHostedZoneId ? 'no-dns-name' : 'url-not-dns-name',
    );
  },
};
