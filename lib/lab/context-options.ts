import type { Node } from 'constructs';
import { LabInputError } from '../core/errors';

/**
 * A context option a user can pass with `-c name=value`. A lab declares its own in its definition
 * (`options`); the kit's own are {@link KIT_CONTEXT_OPTIONS}. The README's option table lists both.
 */
export interface LabOption {
  readonly name: string;
  readonly description: string;
  /** What applies when the option is not given. */
  readonly default: string;
  /**
   * A valid value other than the default: the kit-wide tests synthesize every lab with each of its
   * options set to this, so a type or finding that only an option brings is checked too.
   */
  readonly sample: string;
}

/** A context option and what it applies to: lab ids, or `guardrails`. */
export interface ContextOption extends LabOption {
  readonly labs: string[];
}

/** The options the kit reads for itself (not for one lab). */
export const KIT_CONTEXT_OPTIONS: ContextOption[] = [
  {
    name: 'budgetEmail',
    labs: ['guardrails'],
    description:
      'Adds the `guardrails` stack: an AWS Budgets monthly cost budget that emails this address at 80 % actual and 100 % forecast spend.',
    default: 'none: no guardrails stack',
    sample: 'me@example.com',
  },
  {
    name: 'budgetMonthlyUsd',
    labs: ['guardrails'],
    description: 'The monthly budget in US dollars (1-10000).',
    default: '10',
    sample: '20',
  },
];

/**
 * A string context option, trimmed; undefined when not given.
 * @throws LabInputError when the value is not a string
 */
export function readString(node: Node, name: string): string | undefined {
  const raw: unknown = node.tryGetContext(name);
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') {
    throw new LabInputError(
      `Context option ${name} must be a string, got ${JSON.stringify(raw)}. Pass it as -c ${name}=<value>.`,
    );
  }
  return raw.trim();
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
