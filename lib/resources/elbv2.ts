import { asList, count, DELETED_WITH_STACK, gone, partOf, referencedId, shortName } from './support';
import { defineService } from './types';

/** Elastic Load Balancing v2: load balancers, listeners (edges to their targets), rules, target groups. */
export const elbv2 = defineService({
  prefix: 'AWS::ElasticLoadBalancingV2',
  types: {
    'AWS::ElasticLoadBalancingV2::LoadBalancer': {
      price: {
        usage: (props) =>
          props.Type === 'network'
            ? 'Network load balancer capacity units: $0.006 per NLCU-hour of traffic'
            : 'Application load balancer capacity units: $0.008 per LCU-hour of traffic',
        hourly: ({ id, props, add }) => {
          const network = props.Type === 'network';
          add(
            `${network ? 'Network' : 'Application'} Load Balancer ${shortName(id)}`,
            1,
            network ? 'nlb:hour' : 'alb:hour',
          );
          // An internet-facing load balancer holds one public IPv4 address per subnet (AZ).
          if (props.Scheme !== 'internal') {
            add(
              `public IPv4 addresses of ${shortName(id)} (one per AZ)`,
              count(props.Subnets),
              'public-ipv4:hour',
            );
          }
        },
      },
      diagram: {
        node: {
          label: 'load balancer',
          subnets: (props) => props.Subnets,
          securityGroups: (props) => asList(props.SecurityGroups),
          // The internet reaches an internet-facing load balancer through its open listener rules.
          internet: (id, props, { resources, securityGroupOwners }) => {
            if (props.Scheme !== 'internet-facing') return undefined;
            const openRules = [...securityGroupOwners.entries()]
              .filter(([, owners]) => owners.includes(id))
              .flatMap(([group]) => asList(resources[group]?.Properties?.SecurityGroupIngress))
              .filter((rule) => (rule as { CidrIp?: string }).CidrIp === '0.0.0.0/0') as {
              IpProtocol?: string;
              FromPort?: number;
            }[];
            return (
              openRules.map((r) => `SG: ${r.IpProtocol} ${r.FromPort} from 0.0.0.0/0`).join(', ') || 'public'
            );
          },
        },
      },
      leftovers: {
        exists: async (arn, config) => {
          const { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } = await import(
            '@aws-sdk/client-elastic-load-balancing-v2'
          );
          return !(await gone(async () => {
            const found = await new ElasticLoadBalancingV2Client(config).send(
              new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }),
            );
            if ((found.LoadBalancers ?? []).length === 0)
              throw Object.assign(new Error('gone'), { name: 'NotFound' });
          }));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { DescribeLoadBalancersCommand, ElasticLoadBalancingV2Client } = await import(
            '@aws-sdk/client-elastic-load-balancing-v2'
          );
          const balancers = await new ElasticLoadBalancingV2Client(config).send(
            new DescribeLoadBalancersCommand({}),
          );
          return (balancers.LoadBalancers ?? [])
            .filter((lb) => namedForLab(lb.LoadBalancerName))
            .map((lb) => lb.LoadBalancerArn ?? '');
        },
      },
    },
    'AWS::ElasticLoadBalancingV2::Listener': {
      price: { free: 'priced with its load balancer' },
      diagram: {
        hidden: 'drawn as the edge from its load balancer to its targets, labelled with its port',
        edges: (id, props, { resources, ids, drawn }) => {
          const lb = referencedId(props.LoadBalancerArn);
          const port = `${props.Protocol ?? ''} ${props.Port ?? ''}`.trim();
          const groups = new Set<string>();
          for (const action of asList(props.DefaultActions)) {
            const tg = referencedId((action as { TargetGroupArn?: unknown }).TargetGroupArn);
            if (tg) groups.add(tg);
          }
          for (const ruleId of ids) {
            const rule = resources[ruleId];
            if (rule.Type !== 'AWS::ElasticLoadBalancingV2::ListenerRule') continue;
            if (referencedId(rule.Properties?.ListenerArn) !== id) continue;
            for (const action of asList(rule.Properties?.Actions)) {
              const tg = referencedId((action as { TargetGroupArn?: unknown }).TargetGroupArn);
              if (tg) groups.add(tg);
            }
          }
          const edges = [];
          for (const tg of groups) {
            const targets = asList(resources[tg]?.Properties?.Targets).map((t) =>
              referencedId((t as { Id?: unknown }).Id),
            );
            // Auto Scaling groups register themselves with the target group.
            const asgs = ids.filter(
              (a) =>
                resources[a].Type === 'AWS::AutoScaling::AutoScalingGroup' &&
                asList(resources[a].Properties?.TargetGroupARNs).some((arn) => referencedId(arn) === tg),
            );
            for (const target of [...targets, ...asgs]) {
              if (lb && target && drawn.has(target)) edges.push({ from: lb, to: target, label: port });
            }
          }
          return edges;
        },
      },
      leftovers: { cannotOutlive: partOf('load balancer') },
    },
    'AWS::ElasticLoadBalancingV2::ListenerRule': {
      price: { free: 'priced with its load balancer' },
      diagram: { hidden: "its targets are drawn on its listener's edge" },
      leftovers: { cannotOutlive: partOf('load balancer') },
    },
    'AWS::ElasticLoadBalancingV2::TargetGroup': {
      price: { free: 'priced with its load balancer' },
      diagram: { hidden: "drawn as its listener's edge to its targets" },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
