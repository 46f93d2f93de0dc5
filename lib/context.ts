import type { Node } from 'constructs';
import { LabInputError } from './errors';

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

/** A context option a user can pass with `-c name=value`. */
export interface ContextOption {
  readonly name: string;
  readonly labs: string[];
  readonly description: string;
  readonly default: string;
}

/** Every context option the kit reads; the README's option table is written from this list. */
export const CONTEXT_OPTIONS: ContextOption[] = [
  {
    name: 'emailDomain',
    labs: ['lab-01'],
    description:
      'A domain verified in SES for receiving; the receipt rule accepts mail for `inbox@<domain>`.',
    default: 'none: the receipt rule is left out and synth warns',
  },
  {
    name: 'instanceType',
    labs: ['lab-03'],
    description: `EC2 instance type of the web tier, one of ${ALLOWED_INSTANCE_TYPES.join(', ')}.`,
    default: 't3.micro',
  },
  {
    name: 'budgetEmail',
    labs: ['guardrails'],
    description:
      'Adds the `guardrails` stack: an AWS Budgets monthly cost budget that emails this address at 80 % actual and 100 % forecast spend.',
    default: 'none: no guardrails stack',
  },
  {
    name: 'budgetMonthlyUsd',
    labs: ['guardrails'],
    description: 'The monthly budget in US dollars (1-10000).',
    default: '10',
  },
];

// A DNS name of at least two labels, each 1-63 letters, digits or inner hyphens.
const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function readString(node: Node, name: string): string | undefined {
  const raw: unknown = node.tryGetContext(name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') {
    throw new LabInputError(
      `Context option ${name} must be a string, got ${JSON.stringify(raw)}. Pass it as -c ${name}=<value>.`,
    );
  }
  return raw.trim();
}

/**
 * The SES receiving domain for lab-01, or undefined when none was given.
 * @throws LabInputError when the value is not a DNS domain name
 */
export function readEmailDomain(node: Node): string | undefined {
  const value = readString(node, 'emailDomain');
  if (value === undefined) return undefined;
  if (!DOMAIN_PATTERN.test(value)) {
    throw new LabInputError(
      `Context option emailDomain="${value}" is not a domain name. Pass a domain you verified in SES, ` +
        'for example -c emailDomain=mail.example.com (no scheme, no @, no trailing dot).',
    );
  }
  return value.toLowerCase();
}

/**
 * The web tier's instance type for lab-03.
 * @throws LabInputError when the value is not in {@link ALLOWED_INSTANCE_TYPES}
 */
export function readInstanceType(node: Node): LabInstanceType {
  const value = readString(node, 'instanceType') ?? 't3.micro';
  const allowed = ALLOWED_INSTANCE_TYPES as readonly string[];
  if (!allowed.includes(value)) {
    throw new LabInputError(
      `Context option instanceType="${value}" is not allowed. Use one of: ${ALLOWED_INSTANCE_TYPES.join(', ')} ` +
        '(for example -c instanceType=t3.micro).',
    );
  }
  return value as LabInstanceType;
}

const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/**
 * The guardrails budget, when `budgetEmail` is given: the alert address and the monthly amount.
 * @throws LabInputError for an address that is not an email or an amount outside 1-10000
 */
export function readBudget(node: Node): { email: string; monthlyUsd: number } | undefined {
  const email = readString(node, 'budgetEmail');
  const rawAmount = node.tryGetContext('budgetMonthlyUsd');
  if (email === undefined) {
    if (rawAmount !== undefined) {
      throw new LabInputError(
        'Context option budgetMonthlyUsd needs budgetEmail too (-c budgetEmail=you@example.com).',
      );
    }
    return undefined;
  }
  if (!EMAIL_PATTERN.test(email)) {
    throw new LabInputError(
      `Context option budgetEmail="${email}" is not an email address (for example -c budgetEmail=you@example.com).`,
    );
  }
  const monthlyUsd = rawAmount === undefined ? 10 : Number(rawAmount);
  if (!(monthlyUsd >= 1 && monthlyUsd <= 10_000)) {
    throw new LabInputError(
      `Context option budgetMonthlyUsd="${String(rawAmount)}" is not an amount of 1-10000 US dollars (for example -c budgetMonthlyUsd=20).`,
    );
  }
  return { email, monthlyUsd };
}
