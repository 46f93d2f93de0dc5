import {
  DeregisterTargetsCommand,
  type ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
  type TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { ignoring } from './ignoring';

/** The properties of a Custom::LabkitTargetGroupTargets (strings, as CloudFormation passes them). */
export interface TargetGroupTargetsProperties {
  readonly TargetGroupArn: string;
  readonly Targets: { Id: string; Port?: string | number; AvailabilityZone?: string }[];
}

export function targetDescriptions(props: TargetGroupTargetsProperties): TargetDescription[] {
  return (props.Targets ?? []).map((t) => ({
    Id: t.Id,
    ...(t.Port !== undefined ? { Port: Number(t.Port) } : {}),
    ...(t.AvailabilityZone ? { AvailabilityZone: t.AvailabilityZone } : {}),
  }));
}

export async function registerTargets(
  elb: Pick<ElasticLoadBalancingV2Client, 'send'>,
  props: TargetGroupTargetsProperties,
): Promise<void> {
  const Targets = targetDescriptions(props);
  if (Targets.length > 0)
    await elb.send(new RegisterTargetsCommand({ TargetGroupArn: props.TargetGroupArn, Targets }));
}

export async function deregisterTargets(
  elb: Pick<ElasticLoadBalancingV2Client, 'send'>,
  props: TargetGroupTargetsProperties,
): Promise<void> {
  const Targets = targetDescriptions(props);
  if (Targets.length === 0) return;
  await ignoring(/NotFound|does not exist/i, () =>
    elb.send(new DeregisterTargetsCommand({ TargetGroupArn: props.TargetGroupArn, Targets })),
  );
}
