import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CachedCloudAssembly, Toolkit } from '@aws-cdk/toolkit-lib';
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { readCdkJson } from '../cdk/cdk-json';
import { LabInputError } from '../core/errors';
import { ensurePrivateDir, PRIVATE_DIR_MODE, PROJECT_ROOT, STATE_DIR } from '../core/paths';
import { withStateLock } from '../core/state-lock';
import { allLabs, type LabDefinition, type Target } from '../lab/catalogue';
import { EXPIRES_AT_CONTEXT_KEY, TTL_CONTEXT_KEY } from '../safety/expiry';
import { TAG_KEYS } from '../safety/tags';
import type { StepTemplate } from '../targets/compatibility';
import { probeEmulator } from '../targets/emulator-probe';
import {
  emulatorPort,
  emulatorUrl,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  useLocalEndpoint,
} from '../targets/local-endpoint';
import { clientConfigFor, isLocalTarget, TARGET_CONTEXT_KEY } from '../targets/target';
import { DeployRecords } from './deploy-records';
import { LabIoHost, type SecurityChangeApprover } from './lab-io-host';
import { findLeftovers, type Leftover, recordStackResources } from './leftovers';
import { type ProgressReporter, seconds } from './progress';

/**
 * @aws-cdk/toolkit-lib, loaded when first needed: loading it takes about 1 s, and destroy, status
 * and verify do not need it.
 */
function toolkitLib(): typeof import('@aws-cdk/toolkit-lib') {
  return require('@aws-cdk/toolkit-lib') as typeof import('@aws-cdk/toolkit-lib');
}

/**
 * The kit's CDK app and the compatibility steps, loaded when first needed, for the same reason:
 * `labs check`, `hint` and `challenge --solution` start about 0.1 s sooner without them.
 */
function labApp(): typeof import('../cdk/app') {
  return require('../cdk/app') as typeof import('../cdk/app');
}
function compatibilityStepsFor(target: Target) {
  return (
    require('../targets/compatibility') as typeof import('../targets/compatibility')
  ).compatibilityStepsFor(target);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Bundled Lambda code kept between runs (`.labs/assets/asset.<hash>`). Lab functions are staged
 * under a hash of their sources (lib/constructs/lab-function.ts); when the cloud assembly directory
 * already holds an asset, the CDK does not bundle it again. Each run's temporary cloud assembly
 * gets links to the kept assets before it synthesizes, and keeps the ones it bundled.
 */
const ASSET_CACHE_DIR = join(STATE_DIR, 'assets');

/**
 * The CDK stages each asset in a directory of mode 0777: in the cache it is made 0700 like the rest
 * of `.labs` (the files in it keep their modes: Lambda needs them readable by its runtime user).
 */
function makeAssetDirPrivate(dir: string): void {
  if ((statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Links every cached asset into `outdir` (tightening one an older kit left 0777). */
export function linkCachedAssets(outdir: string, cacheDir = ASSET_CACHE_DIR): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith('asset.')) continue;
    makeAssetDirPrivate(join(cacheDir, name));
    symlinkSync(join(cacheDir, name), join(outdir, name), 'dir');
  }
}

/** Moves the assets this run bundled into the cache (0700), leaving links in `outdir`. */
export function keepNewAssets(outdir: string, cacheDir = ASSET_CACHE_DIR): void {
  try {
    ensurePrivateDir(cacheDir);
    for (const name of readdirSync(outdir)) {
      const staged = join(outdir, name);
      if (!name.startsWith('asset.') || !lstatSync(staged).isDirectory()) continue;
      const kept = join(cacheDir, name);
      if (existsSync(kept)) continue;
      // Move it into the cache and leave a link: the toolkit publishes it from the assembly.
      makeAssetDirPrivate(staged);
      renameSync(staged, kept);
      symlinkSync(kept, staged, 'dir');
    }
  } catch {
    // A cache only: another run keeping the same asset at once, a read-only checkout.
  }
}

/** The stack `cdk bootstrap` creates. */
export const BOOTSTRAP_STACK_NAME = 'CDKToolkit';

/** Default wall-clock limit of one deploy on an emulator (a custom resource can hang it forever). */
export const DEFAULT_DEPLOY_TIMEOUT_MS = 10 * 60_000;

/** A destroyed lab: whether it existed, how long it took, and what the leftover scan found. */
export interface DestroyedLab {
  readonly existed: boolean;
  readonly seconds: number;
  readonly leftovers: Leftover[];
  /** What the target's compatibility steps did after the destroy, one line each. */
  readonly compatibility: string[];
}

/** Raised when a deploy or destroy did not finish within its wall-clock limit. */
export class LabTimeoutError extends LabInputError {}

/** Properties for {@link LabToolkit}. */
export interface LabToolkitProps {
  readonly target: Target;
  readonly progress: ProgressReporter;
  /**
   * On AWS: the allowed account the credentials belong to (checked through STS by the session).
   * The stacks are built for it, and without it for no account: a deploy is then refused.
   */
  readonly account?: string;
  /**
   * Run aws-cdk-lib's built-in CloudFormation validation during synth (2-3 s). It earns that on
   * AWS, where a template CloudFormation rejects costs a failed deploy and its rollback; on an
   * emulator a bad template fails within seconds anyway, and `npm test` validates every lab.
   *
   * @default true on AWS, false on an emulator
   */
  readonly validation?: boolean;
  /** Print the toolkit's info messages too. @default false */
  readonly verbose?: boolean;
  /**
   * Bundle Lambda code during synth. Destroy does not need it (saves about 1 s per function).
   *
   * @default true
   */
  readonly bundling?: boolean;
  /**
   * Give every lab an expiry: the stack deletes itself at this time (see SelfDestruct).
   *
   * @default no expiry on local targets
   */
  readonly expiresAt?: Date;
  /**
   * Asked before a deploy that widens IAM permissions or security-group access (see
   * {@link LabIoHost}).
   *
   * @default such changes are deployed without asking (right for local emulators only)
   */
  readonly approveSecurityChanges?: SecurityChangeApprover;
  /**
   * Where deploy records are kept apart from other targets' (see {@link DeployRecords}).
   *
   * @default `<target>-<emulator port>` locally, `aws-<AWS_REGION>` on AWS
   */
  readonly recordScope?: string;
  /**
   * The labs this toolkit works on: only their stacks are synthesized (and bundled).
   *
   * @default every lab in the catalogue
   */
  readonly labs?: readonly LabDefinition[];
  /**
   * The directory whose cdk.json (and cdk.context.json) gives the app its context.
   *
   * @default the kit's project
   */
  readonly projectDir?: string;
}

/** A deployed lab: the stack's outputs and how long the deploy took. */
export interface DeployedLab {
  readonly outputs: Record<string, string>;
  readonly seconds: number;
  /** What the target's compatibility steps did, one line each. */
  readonly compatibility: string[];
  /** What the kit could not write down after the stack was deployed (see {@link keepRecord}). */
  readonly unrecorded: string[];
}

/**
 * Writes one of the kit's records under `.labs/`. A file that cannot be written (read-only, a
 * full disk) is added to `unrecorded` as `what (code path)`; any other error (the emulator
 * stopped) is thrown.
 */
export async function keepRecord(what: string, write: () => unknown, unrecorded: string[]): Promise<void> {
  try {
    await write();
  } catch (error) {
    // A rename names its target as `dest` (`path` is the temporary file).
    const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
    if (path === undefined) throw error;
    unrecorded.push(`${what} (${code ?? 'error'} ${dest ?? path})`);
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LabTimeoutError(`${what} did not finish within ${Math.round(ms / 1000)} s; stopped waiting`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** True when an error (or one of its causes) is a refused or dropped connection. */
export function isConnectionError(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    depth++
  ) {
    if (
      /ECONNREFUSED|ECONNRESET|EPIPE|socket hang up|other side closed/i.test(
        `${String(e.code ?? '')} ${String(e.message ?? '')}`,
      )
    )
      return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * Deploys and destroys labs on one target through @aws-cdk/toolkit-lib: synthesizes the kit's app
 * in-process (once per instance), bootstraps a local target when needed, runs the target's
 * compatibility steps, streams progress and enforces a wall-clock limit per deploy.
 */
export class LabToolkit {
  readonly target: Target;
  private readonly progress: ProgressReporter;
  private toolkitInstance?: Toolkit;
  private readonly ioHost: LabIoHost;
  private readonly validation: boolean;
  private readonly bundling: boolean;
  private readonly expiresAt?: Date;
  private readonly labs?: readonly LabDefinition[];
  private readonly account?: string;
  private readonly projectDir: string;
  private assembly?: CachedCloudAssembly;
  private outdir?: string;
  /** Whether each lab's last deploy finished (read by `status` and `verify`). */
  readonly records: DeployRecords;

  constructor(props: LabToolkitProps) {
    // Local targets: the emulator's endpoint and dummy keys, never the user's real credentials.
    if (isLocalTarget(props.target)) useLocalEndpoint();
    this.target = props.target;
    this.progress = props.progress;
    this.validation = props.validation ?? props.target === 'aws';
    this.bundling = props.bundling ?? true;
    this.expiresAt = props.expiresAt;
    this.labs = props.labs;
    this.account = props.target === 'aws' ? props.account : undefined;
    this.projectDir = props.projectDir ?? PROJECT_ROOT;
    this.ioHost = new LabIoHost(props.progress, props.verbose, props.approveSecurityChanges);
    this.records = new DeployRecords(
      props.recordScope ??
        (isLocalTarget(props.target)
          ? `${props.target}-${emulatorPort()}`
          : `aws-${process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'default'}`),
    );
  }

  /**
   * How often a deploy or destroy asks CloudFormation how far it got (stack status and events). An
   * emulator creates a lab's stack in a fraction of a second, so each poll it waits out is a delay
   * the learner sees; AWS takes minutes, and its API limits are real.
   */
  private get pollingIntervalMs(): number {
    return isLocalTarget(this.target) ? 200 : 1000;
  }

  private get toolkit(): Toolkit {
    this.toolkitInstance ??= new (toolkitLib().Toolkit)({ ioHost: this.ioHost, color: false, emojis: false });
    return this.toolkitInstance;
  }

  private cloudFormation(region?: string): CloudFormationClient {
    return new CloudFormationClient({ ...clientConfigFor(this.target), ...(region ? { region } : {}) });
  }

  /** Synthesizes every lab for this target (once; later calls reuse the assembly). */
  async synth(): Promise<CachedCloudAssembly> {
    if (this.assembly) return this.assembly;
    // The toolkit's context store reads cdk.json too, but its parse error does not name the file.
    readCdkJson(join(this.projectDir, 'cdk.json'));
    const started = Date.now();
    // Our own temporary cloud assembly directory, removed by dispose() or, if the process is cut
    // short (a timeout, Ctrl-C), when it exits: nothing is left in /tmp.
    const outdir = mkdtempSync(join(tmpdir(), 'labkit-cdk.out-'));
    this.outdir = outdir;
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    if (this.bundling) linkCachedAssets(outdir);
    this.progress.status(
      `synthesizing the labs${this.bundling ? ' (bundling Lambda code with esbuild)' : ''}`,
    );
    const { createLabApp, LABS_CONTEXT_KEY } = labApp();
    const source = await this.toolkit.fromAssemblyBuilder(
      async (props) =>
        createLabApp(
          {
            outdir: props.outdir,
            context: {
              ...props.context,
              [TARGET_CONTEXT_KEY]: this.target,
              // No expiry asked for means none, also on AWS (where the app's own default is 4 hours).
              ...(this.expiresAt
                ? { [EXPIRES_AT_CONTEXT_KEY]: this.expiresAt.toISOString() }
                : { [TTL_CONTEXT_KEY]: 'none' }),
              ...(this.labs ? { [LABS_CONTEXT_KEY]: this.labs.map((lab) => lab.id) } : {}),
            },
            // postCliContext wins over what the toolkit passes in (it asks to bundle every stack).
            postCliContext: {
              ...(this.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
              // The CDK's usage statistics resource (AWS::CDK::Metadata) means nothing on an emulator,
              // and MiniStack creates it without an event, so the progress count stopped one short.
              ...(isLocalTarget(this.target) ? { 'aws:cdk:version-reporting': false } : {}),
            },
            builtinCloudFormationValidation: this.validation,
          },
          // The session checked the account itself (through STS); a stale CDK_DEFAULT_ACCOUNT in
          // the user's shell must not stand in for it.
          { env: { ...process.env, CDK_DEFAULT_ACCOUNT: this.account ?? '' } },
        ).synth(),
      {
        outdir,
        disposeOutdir: true,
        contextStore: new (toolkitLib().CdkAppMultiContext)(this.projectDir),
        lookups: false,
        resolveDefaultEnvironment: false,
      },
    );
    this.assembly = await this.toolkit.synth(source);
    if (this.bundling) keepNewAssets(outdir);
    const count = this.labs?.length ?? allLabs().length;
    this.progress.line(`synthesized ${count} lab${count === 1 ? '' : 's'} in ${seconds(started)}`);
    return this.assembly;
  }

  /** The CloudFormation stack of a lab on this target, or undefined when it is not deployed. */
  async describeStack(stackName: string): Promise<Stack | undefined> {
    try {
      const result = await this.cloudFormation().send(new DescribeStacksCommand({ StackName: stackName }));
      const stack = result.Stacks?.[0];
      return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
    } catch (error) {
      if (/does not exist/i.test((error as Error).message)) return undefined;
      throw error;
    }
  }

  /** Every lab stack deployed on this target: stacks carrying the kit's lab tag (never a name alone). */
  async deployedLabStacks(region?: string): Promise<Stack[]> {
    const cfn = this.cloudFormation(region);
    const stacks: Stack[] = [];
    let NextToken: string | undefined;
    do {
      const page = await cfn.send(new DescribeStacksCommand({ NextToken }));
      stacks.push(...(page.Stacks ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    // The kit's tag is the claim (a stack merely named like a lab is someone else's); whether the
    // kit can prove it deployed the stack is stackOwnership's question (lib/operations/sweep.ts).
    return stacks.filter(
      (stack) =>
        stack.StackStatus !== 'DELETE_COMPLETE' && stack.Tags?.some((tag) => tag.Key === TAG_KEYS.lab),
    );
  }

  /** Bootstraps the local account/region unless the bootstrap stack is already there. */
  async bootstrapIfNeeded(): Promise<boolean> {
    if (await this.describeStack(BOOTSTRAP_STACK_NAME)) return false;
    if (!isLocalTarget(this.target)) {
      // A real account is bootstrapped deliberately, once, by its owner.
      throw new LabInputError(
        'this account and region are not bootstrapped for CDK: run npx cdk bootstrap first',
      );
    }
    // Two first deploys at once would both bootstrap (AlreadyExistsException): one at a time, and
    // the second finds the bootstrap stack the first one made.
    return withStateLock(
      `bootstrap-${this.target}-${emulatorPort()}`,
      async () => {
        if (await this.describeStack(BOOTSTRAP_STACK_NAME)) return false;
        const started = Date.now();
        this.ioHost.operationStartedAt = started;
        this.progress.line(`bootstrapping aws://${LOCAL_ACCOUNT_ID}/${LOCAL_REGION} (once per emulator)`);
        await withTimeout(
          this.toolkit.bootstrap(
            toolkitLib().BootstrapEnvironments.fromList([`aws://${LOCAL_ACCOUNT_ID}/${LOCAL_REGION}`]),
          ),
          DEFAULT_DEPLOY_TIMEOUT_MS,
          'cdk bootstrap',
        );
        this.progress.line(`bootstrapped in ${seconds(started)}`);
        return true;
      },
      { onWait: (line) => this.progress.line(line) },
    );
  }

  /** Deploys one lab (its compatibility steps for this target are part of its template). */
  async deploy(lab: LabDefinition, timeoutMs = DEFAULT_DEPLOY_TIMEOUT_MS): Promise<DeployedLab> {
    const assembly = await this.synth();
    const started = Date.now();
    // One wall-clock limit over everything that talks to the target: bootstrap and the stack
    // (with its compatibility custom resources). A hung emulator can stall any of them.
    return withTimeout(
      this.deploySynthesized(assembly, lab, started),
      timeoutMs,
      `deploy of ${lab.id}`,
    ).catch(async (error: Error) => {
      if (error instanceof LabTimeoutError) {
        throw new LabTimeoutError(
          `${error.message} (the stack may still be changing: see npx labs status; remove it with npx labs destroy ${lab.id})`,
        );
      }
      if (toolkitLib().ToolkitError.isAbortError(error)) {
        throw new LabInputError(
          `${this.ioHost.securityRefusal ?? `the IAM and security group changes of ${lab.id} were not approved`}; nothing was deployed`,
        );
      }
      throw await this.explainFailure(error, `deploy of ${lab.id}`, `npx labs deploy ${lab.id}`);
    });
  }

  private async deploySynthesized(
    assembly: CachedCloudAssembly,
    lab: LabDefinition,
    started: number,
  ): Promise<DeployedLab> {
    await this.bootstrapIfNeeded();
    this.ioHost.operationStartedAt = Date.now();
    try {
      this.records.started(lab.id);
    } catch (error) {
      const { code, path } = error as NodeJS.ErrnoException;
      throw new LabInputError(
        `cannot write ${path ?? 'the deploy record'} (${code ?? (error as Error).message}): nothing was deployed; ` +
          `make .labs writable (chmod -R u+w ${STATE_DIR}) and run npx labs deploy ${lab.id} again`,
      );
    }
    const result = await this.toolkit.deploy(assembly, {
      stacks: { strategy: toolkitLib().StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [lab.id] },
      concurrency: 1,
      stackEventPollingInterval: this.pollingIntervalMs,
    });
    // The compatibility steps are in the template (synth time, or custom resources that the
    // emulator carried out during the deploy): plain `cdk deploy` gets the same lab.
    const compatibility = this.compatibilityInTemplate(assembly, lab);
    // The stack is deployed from here on: a record that cannot be written is reported, not fatal.
    const unrecorded: string[] = [];
    // The kit's proof of what this stack owns: `labs sweep` may delete what outlives it, even untagged.
    await keepRecord(
      'its resources, for labs sweep',
      () => recordStackResources(lab.id, clientConfigFor(this.target)),
      unrecorded,
    );
    await keepRecord('that the deploy finished', () => this.records.finished(lab.id), unrecorded);
    const outputs = result.stacks.find((stack) => stack.stackName === lab.id)?.outputs ?? {};
    return { outputs, seconds: (Date.now() - started) / 1000, compatibility, unrecorded };
  }

  /**
   * Destroys one lab, then scans for anything it left behind. Destroying a lab that is not
   * deployed is not an error.
   */
  async destroy(lab: LabDefinition, timeoutMs?: number): Promise<DestroyedLab> {
    if (!(await this.describeStack(lab.id)))
      return { existed: false, leftovers: [], seconds: 0, compatibility: [] };
    const recorded = await recordStackResources(lab.id, clientConfigFor(this.target));
    if (!isLocalTarget(this.target) && (await this.hasFunctionInVpc(lab.id))) {
      this.progress.line(
        `${lab.id} has a Lambda function in a VPC: AWS releases its network interfaces some 20-40 minutes after ` +
          'the function is deleted, and the subnets and security group wait for that. A slow finish is normal.',
      );
    }
    const started = Date.now();
    this.ioHost.operationStartedAt = Date.now();
    // CloudFormation sends no event while it waits (for ENIs, say): say every 30 s that it is still working.
    const heartbeat = setInterval(
      () => this.progress.line(`${lab.id}: still deleting, ${seconds(started)} so far`),
      30_000,
    );
    const existed = await withTimeout(
      isLocalTarget(this.target) ? this.deleteStack(lab.id, recorded.length) : this.toolkitDestroy(lab),
      // On AWS, ENI release alone can take 40 minutes.
      timeoutMs ?? (isLocalTarget(this.target) ? DEFAULT_DEPLOY_TIMEOUT_MS : 60 * 60_000),
      `destroy of ${lab.id}`,
    )
      .catch(async (error: Error) => {
        throw await this.explainFailure(error, `destroy of ${lab.id}`, `npx labs destroy ${lab.id}`);
      })
      .finally(() => clearInterval(heartbeat));
    this.records.forget(lab.id);
    const took = (Date.now() - started) / 1000;
    const compatibility: string[] = [];
    // The stack's resources were read once, before the destroy; every step gets that one record.
    for (const step of compatibilityStepsFor(this.target)) {
      const done = await step.afterDestroy?.({ stackName: lab.id, resources: recorded });
      if (done) compatibility.push(`${step.name}: ${done}`);
    }
    const leftovers = await findLeftovers(lab.id, recorded, clientConfigFor(this.target));
    return {
      existed,
      leftovers,
      seconds: took,
      compatibility,
    };
  }

  /** One line per `deploy` step with custom resources in a lab's template (the emulator carries them out). */
  private compatibilityInTemplate(assembly: CachedCloudAssembly, lab: LabDefinition): string[] {
    const template = assembly.cloudAssembly.getStackByName(lab.id).template as StepTemplate;
    const types = Object.values(template.Resources ?? {}).map((r) => r.Type);
    return compatibilityStepsFor(this.target).flatMap((step) => {
      const count = types.filter((type) => type === step.customResourceType).length;
      return count > 0
        ? [
            `${step.name}: ${count} ${step.customResourceType} resource(s) in the deployed template, carried out by the emulator`,
          ]
        : [];
    });
  }

  /**
   * Destroys a lab's stack through the CDK toolkit, as `cdk destroy` does: on AWS it acts through
   * the bootstrap's deploy role, which a learner's own credentials may need.
   */
  private async toolkitDestroy(lab: LabDefinition): Promise<boolean> {
    const assembly = await this.synth();
    this.ioHost.operationStartedAt = Date.now();
    const result = await this.toolkit.destroy(assembly, {
      stacks: { strategy: toolkitLib().StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [lab.id] },
      stackEventPollingInterval: this.pollingIntervalMs,
    });
    return result.stacks.some((stack) => stack.stackExisted);
  }

  /**
   * On an emulator: deletes a stack through CloudFormation and reports its events as `cdk destroy`
   * does. Unlike
   * the toolkit's destroy, it needs neither the toolkit (about 1 s to load) nor a synthesized app:
   * deleting a stack takes only its name.
   *
   * @param resources how many resources the stack has (for the progress count)
   * @returns whether the stack existed
   * @throws Error with CloudFormation's reason when the deletion failed
   */
  private async deleteStack(stackName: string, resources: number): Promise<boolean> {
    const stack = await this.describeStack(stackName);
    if (!stack) return false;
    const stackId = stack.StackId ?? stackName;
    const cfn = this.cloudFormation();
    // Events are listed newest first: everything above the newest one now is this deletion's.
    const before = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }));
    let newestSeen = before.StackEvents?.[0]?.EventId;
    const done = new Set<string>();
    const total = resources + 1; // the stack reports its own DELETE_COMPLETE too
    let failure: string | undefined;
    const report = async () => {
      const fresh: StackEvent[] = [];
      let NextToken: string | undefined;
      page: do {
        const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken }));
        for (const event of page.StackEvents ?? []) {
          if (event.EventId === newestSeen) break page;
          fresh.push(event);
        }
        NextToken = page.NextToken;
      } while (NextToken);
      if (fresh.length > 0) newestSeen = fresh[0].EventId;
      for (const event of fresh.reverse()) {
        if (event.ResourceStatus === 'DELETE_COMPLETE') done.add(event.LogicalResourceId ?? '');
        if (event.ResourceStatus === 'DELETE_FAILED' && event.ResourceStatusReason)
          failure ??= `${event.LogicalResourceId}: ${event.ResourceStatusReason}`;
        this.ioHost.stackEvent(event, `${done.size}/${Math.max(total, done.size)}`);
      }
    };
    await cfn.send(new DeleteStackCommand({ StackName: stackId }));
    const interval = this.pollingIntervalMs;
    for (;;) {
      await sleep(interval);
      const current = await this.describeStack(stackId);
      await report().catch(() => {}); // events are progress only; the stack's status decides
      if (!current) return true;
      if (current.StackStatus === 'DELETE_FAILED') {
        throw new Error(failure ?? current.StackStatusReason ?? `${stackName} is DELETE_FAILED`);
      }
    }
  }

  /**
   * One clear error for a failed deploy or destroy: the emulator stopped answering (say so and how
   * to go on), else the toolkit's last error message, else the error's own.
   */
  private async explainFailure(error: Error, what: string, again: string): Promise<LabInputError> {
    if (error instanceof LabInputError) return error;
    if (isLocalTarget(this.target)) {
      const probe = await probeEmulator(emulatorUrl(), 1000).catch(() => undefined);
      if (isConnectionError(error) || probe?.kind === 'nothing') {
        return new LabInputError(
          `the emulator on ${emulatorUrl()} stopped answering during the ${what}: start it with npx labs up, ` +
            `then run ${again} again`,
        );
      }
    }
    const reason = [...this.ioHost.errors].reverse().find((e) => e.trim()) ?? error.message;
    return new LabInputError(
      `${what} failed: ${reason.trim() || error.name || 'no reason given by the CDK toolkit'}`,
    );
  }

  /** Whether a deployed stack has a Lambda function attached to a VPC (it holds network interfaces). */
  private async hasFunctionInVpc(stackName: string): Promise<boolean> {
    const { TemplateBody = '{}' } = await this.cloudFormation().send(
      new GetTemplateCommand({ StackName: stackName }),
    );
    const template = JSON.parse(TemplateBody) as {
      Resources?: Record<string, { Type: string; Properties?: { VpcConfig?: unknown } }>;
    };
    return Object.values(template.Resources ?? {}).some(
      (r) => r.Type === 'AWS::Lambda::Function' && Boolean(r.Properties?.VpcConfig),
    );
  }

  /** The outputs of a deployed lab; a clear error when it is not deployed. */
  async outputsOf(lab: LabDefinition): Promise<Record<string, string>> {
    const stack = await this.describeStack(lab.id);
    if (
      !stack ||
      !/_COMPLETE$/.test(stack.StackStatus ?? '') ||
      /ROLLBACK|DELETE/.test(stack.StackStatus ?? '')
    ) {
      throw new LabInputError(
        `${lab.id} is not deployed on ${this.target}${stack ? ` (stack status ${stack.StackStatus})` : ''}: ` +
          `run npx labs deploy ${lab.id}${this.target === 'ministack' ? '' : ` --target ${this.target}`}`,
      );
    }
    const unfinished = this.records.unfinished(
      lab.id,
      this.target === 'ministack' ? '' : ` --target ${this.target}`,
    );
    if (unfinished) throw new LabInputError(unfinished);
    return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  }

  async dispose(): Promise<void> {
    await this.assembly?.dispose();
    this.assembly = undefined;
    if (this.outdir) rmSync(this.outdir, { recursive: true, force: true });
    this.outdir = undefined;
  }
}
