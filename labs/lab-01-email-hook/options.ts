import type { Node } from 'constructs';
import { LabInputError } from '../../lib/core/errors';
import { type LabOption, readString } from '../../lib/lab/context-options';

/** `-c emailDomain=<domain>`: the SES receiving domain. Without it, lab-01 has no receipt rule. */
export const EMAIL_DOMAIN_OPTION: LabOption = {
  name: 'emailDomain',
  description: 'A domain verified in SES for receiving; the receipt rule accepts mail for `inbox@<domain>`.',
  default: 'none: the receipt rule is left out and synth warns',
  sample: 'mail.example.com',
};

// A DNS name of at least two labels, each 1-63 letters, digits or inner hyphens.
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * The SES receiving domain, or undefined when none was given.
 * @throws LabInputError when the value is not a DNS domain name
 */
export function readEmailDomain(node: Node): string | undefined {
  const value = readString(node, EMAIL_DOMAIN_OPTION.name);
  if (value === undefined) return undefined;
  if (!DOMAIN_PATTERN.test(value)) {
    throw new LabInputError(
      `Context option emailDomain="${value}" is not a domain name. Pass a domain you verified in SES, ` +
        'for example -c emailDomain=mail.example.com (no scheme, no @, no trailing dot).',
    );
  }
  return value.toLowerCase();
}
