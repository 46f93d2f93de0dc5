import { CfnParameter } from 'aws-cdk-lib';
import type { CompatibilityStep } from './step';

/** The public SSM parameter lab-03's launch template reads its AMI from. */
export const AL2023_AMI_PARAMETER = '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64';
/** The Amazon Linux 2023 parameter MiniStack does serve (reserved names cannot be created there). */
export const MINISTACK_AL2023_AMI_PARAMETER =
  '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64';

/**
 * Points template parameters that read {@link AL2023_AMI_PARAMETER} at
 * {@link MINISTACK_AL2023_AMI_PARAMETER}: same image family, a name MiniStack serves.
 */
export const servedAl2023AmiParameter: CompatibilityStep = {
  name: 'served-al2023-ami-parameter',
  target: 'ministack',
  why:
    `MiniStack does not serve the public SSM parameter ${AL2023_AMI_PARAMETER} and refuses to create ` +
    `names under /aws/; on MiniStack the launch template reads ${MINISTACK_AL2023_AMI_PARAMETER} instead.`,
  covers: {
    resourceTypes: ['AWS::EC2::LaunchTemplate'],
    behaviour: `an AMI read from the SSM parameter ${AL2023_AMI_PARAMETER}`,
    appliesTo: (template) =>
      Object.values(template.Parameters ?? {}).some((p) => p.Default === AL2023_AMI_PARAMETER),
  },
  phase: 'synth',
  transform(node) {
    if (node instanceof CfnParameter && node.default === AL2023_AMI_PARAMETER) {
      node.default = MINISTACK_AL2023_AMI_PARAMETER;
    }
  },
};
