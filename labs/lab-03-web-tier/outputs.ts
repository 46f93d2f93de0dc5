/** lab-03's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'LoadBalancerDnsName',
  'Url',
  'AutoScalingGroupName',
  'WebTargetGroupArn',
  'InstanceSecurityGroupId',
  'LoadBalancerSecurityGroupId',
] as const;

/** The name of one of lab-03's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
