import type { Node } from 'constructs';
import { LabInputError } from '../../lib/core/errors';
import { type LabOption, readString } from '../../lib/lab/context-options';

/** Burstable instance types the web tier accepts: small enough to be cheap, big enough to boot AL2023. */
export const ALLOWED_INSTANCE_TYPES = [
  't3.nano',
  't3.micro',
  't3.small',
  't4g.nano',
  't4g.micro',
  't4g.small',
] as const;
export type LabInstanceType = (typeof ALLOWED_INSTANCE_TYPES)[number];

/** `-c instanceType=<type>`: the web tier's instance type. */
export const INSTANCE_TYPE_OPTION: LabOption = {
  name: 'instanceType',
  description: `EC2 instance type of the web tier, one of ${ALLOWED_INSTANCE_TYPES.join(', ')}.`,
  default: 't3.micro',
  sample: 't4g.nano',
};

/**
 * The web tier's instance type.
 * @throws LabInputError when the value is not in {@link ALLOWED_INSTANCE_TYPES}
 */
export function readInstanceType(node: Node): LabInstanceType {
  const value = readString(node, INSTANCE_TYPE_OPTION.name) ?? INSTANCE_TYPE_OPTION.default;
  const allowed = ALLOWED_INSTANCE_TYPES as readonly string[];
  if (!allowed.includes(value)) {
    throw new LabInputError(
      `Context option instanceType="${value}" is not allowed. Use one of: ${ALLOWED_INSTANCE_TYPES.join(', ')} ` +
        '(for example -c instanceType=t3.micro).',
    );
  }
  return value as LabInstanceType;
}
