/** lab-05's stack outputs: the stack declares each, and experiments read them by these names (checked by the compiler). */
export const OUTPUTS = [
  'VpcId',
  'VpcCidr',
  'PublicSubnetIds',
  'PrivateSubnetIds',
  'IsolatedSubnetIds',
  'S3EndpointId',
  'DynamoDbEndpointId',
  'WebSecurityGroupId',
  'AppSecurityGroupId',
  'DbSecurityGroupId',
  'ProbeSecurityGroupId',
  'FlowLogGroupName',
  'PublicProbeName',
  'PrivateProbeName',
  'IsolatedProbeName',
  'NatGateway',
  'InterfaceEndpointId',
] as const;

/** The name of one of lab-05's stack outputs. */
export type Output = (typeof OUTPUTS)[number];
