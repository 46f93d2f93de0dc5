import type { Node } from 'constructs';
import { LabInputError } from '../../lib/core/errors';
import { type LabOption, readString } from '../../lib/lab/context-options';

/** `-c natGateway=true`: one NAT gateway, so that the private tier gets a default route out. */
export const NAT_GATEWAY_OPTION: LabOption = {
  name: 'natGateway',
  description:
    'true adds one NAT gateway (and its Elastic IP) in the first public subnet and turns the private tier into PRIVATE_WITH_EGRESS; billed per hour (printed before an AWS deploy). AWS only: MiniStack 1.5.33 has no NatGateway/EIP in its CloudFormation.',
  default: 'false: no NAT gateway, the private tier has no route to the internet',
  sample: 'true',
};

/** `-c interfaceEndpoint=true`: an STS interface endpoint in both private subnets. */
export const INTERFACE_ENDPOINT_OPTION: LabOption = {
  name: 'interfaceEndpoint',
  description:
    'true adds an interface endpoint (PrivateLink) for STS in both private subnets, billed per AZ and hour (printed before an AWS deploy).',
  default: 'false: gateway endpoints only (free)',
  sample: 'true',
};

/**
 * A true/false context option.
 * @throws LabInputError when the value is neither
 */
export function readFlag(node: Node, option: LabOption): boolean {
  const raw: unknown = node.tryGetContext(option.name);
  if (raw === true || raw === false) return raw;
  const value = readString(node, option.name);
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new LabInputError(
    `Context option ${option.name}="${value}" must be true or false (for example -c ${option.name}=true).`,
  );
}
