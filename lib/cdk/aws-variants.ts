import { allLabs, contextOptions } from '../lab/catalogue';
import { TTL_CONTEXT_KEY } from '../safety/expiry';
import { TARGET_CONTEXT_KEY } from '../targets/target';
import { GUARDRAILS_STACK_NAME, LABS_CONTEXT_KEY } from './app';

/** One app the kit can deploy to AWS: the context it is synthesized with, and the stacks it makes. */
export interface AwsTemplateVariant {
  /** File-name friendly: `lab-03`, `lab-03.no-expiry`, `lab-05.natGateway`, `guardrails`. */
  readonly name: string;
  readonly context: Record<string, unknown>;
  /** The stack whose template this variant is for. */
  readonly stack: string;
}

/**
 * Every template the kit can deploy to AWS, for checks that need no account (cfn-lint): each lab as
 * deployed by default (with its expiry) and without an expiry (`-c labkit:ttl=none`), each with one
 * of its context options set to its sample value, and the guardrails stack with the kit's options.
 */
export function awsTemplateVariants(): AwsTemplateVariant[] {
  const aws = { [TARGET_CONTEXT_KEY]: 'aws' };
  const labVariants = allLabs().flatMap((lab) => {
    const only = { ...aws, [LABS_CONTEXT_KEY]: [lab.id] };
    return [
      { name: lab.id, stack: lab.id, context: only },
      { name: `${lab.id}.no-expiry`, stack: lab.id, context: { ...only, [TTL_CONTEXT_KEY]: 'none' } },
      ...(lab.options ?? []).map((option) => ({
        name: `${lab.id}.${option.name}`,
        stack: lab.id,
        context: { ...only, [option.name]: option.sample },
      })),
    ];
  });
  const guardrailOptions = contextOptions().filter((option) => option.labs.includes(GUARDRAILS_STACK_NAME));
  // The guardrails stack is built next to whatever labs are selected: one lab keeps that synth short.
  const firstLab = allLabs()[0]?.id;
  return [
    ...labVariants,
    {
      name: GUARDRAILS_STACK_NAME,
      stack: GUARDRAILS_STACK_NAME,
      context: {
        ...aws,
        ...(firstLab ? { [LABS_CONTEXT_KEY]: [firstLab] } : {}),
        ...Object.fromEntries(guardrailOptions.map((option) => [option.name, option.sample])),
      },
    },
  ];
}
