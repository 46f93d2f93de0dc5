import { PRICES, type PriceKey } from '../cost/prices';
import { asList, partOf, referencedId, shortName } from './support';
import { type CfnResources, defineService } from './types';

/** Default root volume of Amazon Linux 2023 when the launch template does not set one. */
const DEFAULT_ROOT_GIB = 8;

/** The launch template data an Auto Scaling group launches its instances with. */
function launchTemplateData(props: Record<string, unknown>, resources: CfnResources) {
  const ltId = referencedId(
    (props.LaunchTemplate as { LaunchTemplateId?: unknown } | undefined)?.LaunchTemplateId,
  );
  return (resources[ltId ?? '']?.Properties?.LaunchTemplateData ?? {}) as {
    InstanceType?: string;
    BlockDeviceMappings?: { Ebs?: { VolumeSize?: number; VolumeType?: string } }[];
    SecurityGroupIds?: unknown;
  };
}

/** Amazon EC2 Auto Scaling: groups (their instances and volumes are what bills) and scaling policies. */
export const autoscaling = defineService({
  prefix: 'AWS::AutoScaling',
  types: {
    'AWS::AutoScaling::AutoScalingGroup': {
      price: {
        hourly: ({ id, props, resources, add, notPriced }) => {
          const instances = Number(props.DesiredCapacity ?? props.MinSize ?? 0);
          const data = launchTemplateData(props, resources);
          const key = `ec2:${data.InstanceType}` as PriceKey;
          if (!(key in PRICES)) {
            notPriced(`EC2 instance type ${data.InstanceType ?? '(unknown)'}`);
            return;
          }
          add(`${data.InstanceType} instances (${shortName(id)})`, instances, key);
          const gib =
            data.BlockDeviceMappings?.reduce((sum, m) => sum + (m.Ebs?.VolumeSize ?? 0), 0) ||
            DEFAULT_ROOT_GIB;
          add(
            `${gib} GiB gp3 root volume per instance (${shortName(id)})`,
            instances,
            'ebs:gp3:gb-month',
            gib,
          );
        },
      },
      diagram: {
        node: {
          label: 'Auto Scaling group',
          subnets: (props) => props.VPCZoneIdentifier,
          securityGroups: (props, resources) => {
            const ltId = referencedId(
              (props.LaunchTemplate as { LaunchTemplateId?: unknown } | undefined)?.LaunchTemplateId,
            );
            return ltId ? asList(launchTemplateData(props, resources).SecurityGroupIds) : [];
          },
        },
      },
      leftovers: {
        exists: async (name, config) => {
          const { AutoScalingClient, DescribeAutoScalingGroupsCommand } = await import(
            '@aws-sdk/client-auto-scaling'
          );
          const found = await new AutoScalingClient(config).send(
            new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [name] }),
          );
          return (found.AutoScalingGroups ?? []).length > 0;
        },
      },
    },
    'AWS::AutoScaling::ScalingPolicy': {
      price: { free: 'a setting of its group' },
      diagram: { hidden: 'a setting of its Auto Scaling group' },
      leftovers: { cannotOutlive: partOf('Auto Scaling group') },
    },
  },
});
