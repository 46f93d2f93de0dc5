import { Annotations, App, type AppProps } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { LabStack } from '../constructs/lab-stack';
import { estimateHourlyCost, usd } from '../cost/estimate';
import { allLabs, findLab, type LabDefinition, type Target } from '../lab/catalogue';
import { readBudget } from '../lab/context-options';
import { EXPIRES_AT_CONTEXT_KEY, resolveExpiry, TTL_CONTEXT_KEY } from '../safety/expiry';
import { GuardrailsStack } from '../safety/guardrails-stack';
import { assertAccountAllowed } from '../targets/aws-account';
import { isLoopbackEndpoint, LOCAL_ACCOUNT_ID } from '../targets/local-endpoint';
import { stackAccount } from '../targets/stack-account';
import { TARGET_CONTEXT_KEY, targetFromContext } from '../targets/target';
import { stacksRequestedByCdkCli } from './cli-selection';

/**
 * Adds one lab's stack to an app, named by the lab id, for the account {@link stackAccount} gives
 * (`allowedAccount`: the allowed AWS account the app is built for, if any). For an emulator target, the target's
 * compatibility steps are applied too (see lib/targets/compatibility/).
 */
export function addLabStack(
  app: App,
  lab: LabDefinition,
  target: Target = 'aws',
  expiresAt?: Date,
  allowedAccount?: string,
): LabStack {
  const LabStackOfLab = lab.stack();
  const stack = new LabStackOfLab(app, lab.id, {
    labId: lab.id,
    labTitle: lab.title,
    expiresAt,
    // The assembly carries the allow-list: see lib/targets/stack-account.ts.
    deployAccount: stackAccount(target, allowedAccount),
  });
  // AWS has no compatibility steps, so a synth for AWS does not load their modules.
  if (target !== 'aws') {
    const { applyCompatibilitySteps } =
      require('../targets/compatibility') as typeof import('../targets/compatibility');
    applyCompatibilitySteps(stack, target);
  }
  return stack;
}

/** What the kit's app reads besides its props (tests point these elsewhere). */
export interface LabAppOptions {
  /**
   * Where `CDK_DEFAULT_ACCOUNT` / `CDK_DEFAULT_REGION` (set by the CDK CLI from the credentials),
   * `AWS_ENDPOINT_URL` and `LABKIT_ALLOWED_ACCOUNTS` are read.
   *
   * @default process.env
   */
  readonly env?: NodeJS.ProcessEnv;
  /** The cdk.json with `labkit:allowedAccounts`. @default the project's cdk.json */
  readonly cdkJsonPath?: string;
}

/** The real AWS account an app is built for, when the CDK CLI found one for the credentials. */
interface AccountBinding {
  readonly account: string;
  readonly region?: string;
  readonly target: Target;
  readonly expiresAt?: Date;
}

const BINDINGS = new WeakMap<App, AccountBinding>();

/**
 * The real AWS account this synth is for: `CDK_DEFAULT_ACCOUNT`, which the CDK CLI sets from the
 * credentials (offline synth without credentials has none; the `labs` CLI's in-process synth sets
 * none). The emulators' account behind an endpoint on this machine is not a real account; behind
 * any other endpoint it is.
 */
export function realAwsAccount(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const account = env.CDK_DEFAULT_ACCOUNT?.trim();
  if (!account || account === 'unknown-account') return undefined;
  if (isLoopbackEndpoint(env.AWS_ENDPOINT_URL) && account === LOCAL_ACCOUNT_ID) return undefined;
  return account;
}

/**
 * Whether `cdk synth|deploy` runs aws-cdk-lib's built-in CloudFormation validation (2-3 s and
 * about 250 MiB per run): when the stacks go to a real AWS account (the CLI found one for the
 * credentials and no `AWS_ENDPOINT_URL` sends them to an emulator), where a template CloudFormation
 * rejects costs a failed deploy and its rollback; or when asked (`CDK_VALIDATION=true`). Not for
 * offline synth or an emulator: `npm test` validates every lab's template once per run
 * (test/kit/cloudformation-validation.test.ts). `--no-validation` (`CDK_VALIDATION=false`) always
 * turns it off.
 */
export function validatesByDefault(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.CDK_VALIDATION === 'true') return true;
  return realAwsAccount(env) !== undefined && !env.AWS_ENDPOINT_URL;
}

/**
 * The kit's CDK app: one stack per catalogue entry, built for the target named by the
 * `labkit:target` context value (default: see {@link targetFromContext}). On AWS every stack
 * expires (default in 4 hours; `-c labkit:ttl=90m|none`, see lib/safety/expiry.ts).
 *
 * The AWS account guard: when the CDK CLI found a real account for the credentials
 * (`CDK_DEFAULT_ACCOUNT`) and the stacks go there (target `aws`, or no `AWS_ENDPOINT_URL` to send
 * them to an emulator), that account must be on the kit's allow-list, or no stack is built.
 *
 * @throws LabInputError naming the account and how to allow it, before any stack is built
 */
export function createLabApp(props: AppProps = {}, options: LabAppOptions = {}): App {
  const env = options.env ?? process.env;
  const app = new App(props);
  const target = targetFromContext(app.node.tryGetContext(TARGET_CONTEXT_KEY), env);
  const account = realAwsAccount(env);
  if (account && (target === 'aws' || !isLoopbackEndpoint(env.AWS_ENDPOINT_URL))) {
    assertAccountAllowed(account, env, options.cdkJsonPath);
  }
  const ttl = app.node.tryGetContext(TTL_CONTEXT_KEY);
  const expiresAt = resolveExpiry(
    { ttl, expiresAt: app.node.tryGetContext(EXPIRES_AT_CONTEXT_KEY) },
    target === 'aws',
  );
  if (account && target === 'aws') {
    BINDINGS.set(app, { account, region: env.CDK_DEFAULT_REGION, target, expiresAt });
  }
  for (const lab of selectedLabs(
    app.node.tryGetContext(LABS_CONTEXT_KEY) ?? labsRequestedByCdkCli(app, env),
  )) {
    const stack = addLabStack(app, lab, target, expiresAt, target === 'aws' ? account : undefined);
    if (target === 'aws' && !expiresAt) {
      Annotations.of(stack).addWarningV2(
        'labkit:no-expiry',
        `${lab.id} has no expiry (-c ${TTL_CONTEXT_KEY}=none): it bills until you destroy it (npx cdk destroy ${lab.id}).`,
      );
    }
  }
  const budget = readBudget(app.node);
  if (budget) new GuardrailsStack(app, GUARDRAILS_STACK_NAME, budget);
  return app;
}

/**
 * One line per lab of a synthesized app bound for a real account: its hourly cost (from its
 * template) and when it deletes itself. Empty for local targets and offline synth.
 */
export function costLines(app: App, assembly: CloudAssembly): string[] {
  const binding = BINDINGS.get(app);
  if (!binding) return [];
  const where = `AWS account ${binding.account}${binding.region ? ` (${binding.region})` : ''}`;
  return allLabs()
    .filter((lab) => assembly.stacks.some((s) => s.stackName === lab.id))
    .map((lab) => {
      const estimate = estimateHourlyCost(assembly.getStackByName(lab.id).template);
      const unpriced = estimate.notPriced.length ? ` + unpriced ${estimate.notPriced.join(', ')}` : '';
      const expiry = binding.expiresAt
        ? `deletes itself at ${binding.expiresAt.toISOString().replace(/\.000Z$/, 'Z')} (-c ${TTL_CONTEXT_KEY}=90m|none)`
        : `NO expiry (-c ${TTL_CONTEXT_KEY}=none): it bills until npx cdk destroy ${lab.id}`;
      return `${lab.id} on ${where}: ~${usd(estimate.perHour)}/hour while deployed${unpriced} (plus usage; npx labs cost ${lab.id}), ${expiry}`;
    });
}

/**
 * What `cdk synth|deploy` runs (bin/app.ts): builds the app (with the account guard), synthesizes
 * it, and, for a real account, writes each lab's hourly cost and expiry before the CDK CLI goes on
 * to ask for approval. The `labs` CLI synthesizes through {@link createLabApp} and prints its own.
 */
export function runLabApp(
  props: AppProps = {},
  options: LabAppOptions & { log?: (line: string) => void } = {},
): CloudAssembly {
  const app = createLabApp(
    { builtinCloudFormationValidation: validatesByDefault(options.env ?? process.env), ...props },
    options,
  );
  const assembly = app.synth();
  const log = options.log ?? ((line: string) => console.error(line));
  for (const line of costLines(app, assembly)) log(line);
  return assembly;
}

/**
 * Context key naming the labs to build (`-c labkit:labs=lab-02,lab-03`); default: every lab. The
 * `labs` CLI builds only the labs a command names, so it synthesizes and bundles nothing else and
 * prints only their warnings.
 */
export const LABS_CONTEXT_KEY = 'labkit:labs';

/** Set by the CDK CLI: the stacks whose assets are bundled (`["**"]` unless `--exclusively`). */
const BUNDLING_STACKS_CONTEXT_KEY = 'aws:cdk:bundling-stacks';

/**
 * The labs a plain `cdk synth|deploy|diff|destroy lab-03 ...` names (see lib/cdk/cli-selection.ts),
 * so that only those are built, bundled and warned about; undefined (every lab) for `cdk ls`,
 * `--all`, wildcards, or when the CLI's command line cannot be read.
 */
function labsRequestedByCdkCli(app: App, env: NodeJS.ProcessEnv): string[] | undefined {
  const names = new Set([...allLabs().map((lab) => lab.id), GUARDRAILS_STACK_NAME]);
  const stacks = stacksRequestedByCdkCli(app.node.tryGetContext(BUNDLING_STACKS_CONTEXT_KEY), names, env);
  return stacks?.filter((name) => name !== GUARDRAILS_STACK_NAME);
}

/**
 * The catalogue entries a `labkit:labs` value names, in catalogue order; every lab when unset.
 * @throws LabInputError for an id the catalogue does not know
 */
export function selectedLabs(value: unknown): LabDefinition[] {
  if (value === undefined || value === null || value === '') return [...allLabs()];
  const ids = (Array.isArray(value) ? value.map(String) : String(value).split(','))
    .map((id) => id.trim())
    .filter(Boolean);
  for (const id of ids) findLab(id);
  return allLabs().filter((lab) => ids.includes(lab.id));
}

/** The optional account-wide stack with the cost budget (see {@link GuardrailsStack}). */
export const GUARDRAILS_STACK_NAME = 'guardrails';
