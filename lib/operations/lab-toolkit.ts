import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { LabInputError } from '../core/errors';
import { PROJECT_ROOT, STATE_DIR } from '../core/paths';
import { withStateLock } from '../core/state-lock';
import type { LabDefinition, Target } from '../lab/catalogue';
import { TAG_KEYS } from '../safety/tags';
import { probeEmulator } from '../targets/emulator-probe';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from '../targets/local-endpoint';
import type { Session } from '../targets/session';
import { DeployRecords } from './deploy-records';
import { LabIoHost, type SecurityChangeApprover } from './lab-io-host';
import type { SynthesizedLabs } from './lab-synth';
import { findLeftovers, type Leftover, recordStackResources } from './leftovers';
import { Heartbeat, type ProgressReporter, seconds } from './progress';
import { deleteStackWithEvents, describeStack } from './stack-deletion';
import { isConnectionError, keepRecord, LabTimeoutError, withTimeout } from './toolkit-failures';
import { ToolkitThread, ToolkitThreadError } from './toolkit-thread';

/**
 * The synth (with the kit's CDK app) and the compatibility steps, loaded when first needed:
 * `labs check`, `hint`, `status` and `challenge --solution` start about 0.1 s sooner without them.
 */
function labSynth(): typeof import('./lab-synth') {
  return require('./lab-synth') as typeof import('./lab-synth');
}
function compatibilityStepsFor(target: Target) {
  return (
    require('../targets/compatibility') as typeof import('../targets/compatibility')
  ).compatibilityStepsFor(target);
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

/** Properties for {@link LabToolkit}. */
export interface LabToolkitProps {
  /**
   * The target and how to reach it. On AWS, the session's account is the allowed account the
   * credentials belong to (checked through STS): the stacks are built for it, and without it for
   * no account, so a deploy is then refused.
   */
  readonly session: Session;
  readonly progress: ProgressReporter;
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
   * @default `<target>-<emulator port>` locally, `aws-<region>` on AWS
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
 * Deploys and destroys labs on one target: synthesizes the kit's app in-process (once per
 * instance), bootstraps a local target when needed, deploys through the CDK toolkit in its own
 * thread (toolkit-thread.ts: the session's endpoint and keys never enter this process's
 * environment), streams progress and enforces a wall-clock limit per deploy.
 */
export class LabToolkit {
  readonly session: Session;
  private readonly progress: Heartbeat;
  private readonly ioHost: LabIoHost;
  private readonly thread: ToolkitThread;
  private readonly validation: boolean;
  private readonly bundling: boolean;
  private readonly expiresAt?: Date;
  private readonly labs?: readonly LabDefinition[];
  private readonly projectDir: string;
  private synthesized?: Promise<SynthesizedLabs>;
  /** Whether each lab's last deploy finished (read by `status` and `verify`). */
  readonly records: DeployRecords;

  constructor(props: LabToolkitProps) {
    this.session = props.session;
    this.progress = new Heartbeat(props.progress);
    this.validation = props.validation ?? props.session.kind === 'aws';
    this.bundling = props.bundling ?? true;
    this.expiresAt = props.expiresAt;
    this.labs = props.labs;
    this.projectDir = props.projectDir ?? PROJECT_ROOT;
    const approve = props.approveSecurityChanges;
    // No heartbeat over the question while the user reads the security diff and answers.
    this.ioHost = new LabIoHost(
      this.progress,
      props.verbose,
      approve && ((stacks) => this.progress.paused(() => approve(stacks))),
    );
    this.thread = new ToolkitThread(props.session, this.ioHost);
    this.records = new DeployRecords(
      props.recordScope ??
        (props.session.kind === 'emulator'
          ? `${props.session.target}-${props.session.port}`
          : `aws-${props.session.region ?? 'default'}`),
    );
  }

  get target(): Session['target'] {
    return this.session.target;
  }

  /**
   * How often a deploy or destroy asks CloudFormation how far it got (stack status and events). An
   * emulator creates a lab's stack in a fraction of a second, so each poll it waits out is a delay
   * the learner sees; AWS takes minutes, and its API limits are real.
   */
  private get pollingIntervalMs(): number {
    return this.session.kind === 'emulator' ? 200 : 1000;
  }

  private cloudFormation(region?: string): CloudFormationClient {
    return new CloudFormationClient({ ...this.session.clientConfig, ...(region ? { region } : {}) });
  }

  /** Synthesizes every lab for this target (once; later calls reuse the cloud assembly). */
  synth(): Promise<SynthesizedLabs> {
    this.synthesized ??= labSynth().synthesizeLabs({
      session: this.session,
      progress: this.progress,
      ioHost: this.ioHost,
      validation: this.validation,
      bundling: this.bundling,
      expiresAt: this.expiresAt,
      labs: this.labs,
      projectDir: this.projectDir,
    });
    // A failed synth may be tried again (after the learner fixed stack.ts).
    this.synthesized.catch(() => {
      this.synthesized = undefined;
    });
    return this.synthesized;
  }

  /** The CloudFormation stack of a lab on this target, or undefined when it is not deployed. */
  describeStack(stackName: string): Promise<Stack | undefined> {
    return describeStack(this.cloudFormation(), stackName);
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
    const session = this.session;
    if (session.kind === 'aws') {
      // A real account is bootstrapped deliberately, once, by its owner.
      throw new LabInputError(
        'this account and region are not bootstrapped for CDK: run npx cdk bootstrap first',
      );
    }
    this.thread.start();
    // Two first deploys at once would both bootstrap (AlreadyExistsException): one at a time, and
    // the second finds the bootstrap stack the first one made.
    return withStateLock(
      `bootstrap-${session.target}-${session.port}`,
      async () => {
        if (await this.describeStack(BOOTSTRAP_STACK_NAME)) return false;
        const started = Date.now();
        this.ioHost.operationStartedAt = started;
        const environment = `aws://${LOCAL_ACCOUNT_ID}/${LOCAL_REGION}`;
        this.progress.line(`bootstrapping ${environment} (once per emulator)`);
        await this.progress.during(
          () =>
            withTimeout(
              this.thread.run({ op: 'bootstrap', environment }),
              DEFAULT_DEPLOY_TIMEOUT_MS,
              'cdk bootstrap',
            ),
          `the bootstrap stack ${BOOTSTRAP_STACK_NAME}`,
        );
        this.progress.line(`bootstrapped in ${seconds(started)}`);
        return true;
      },
      { onWait: (line) => this.progress.line(line) },
    );
  }

  /** Deploys one lab (its compatibility steps for this target are part of its template). */
  async deploy(lab: LabDefinition, timeoutMs = DEFAULT_DEPLOY_TIMEOUT_MS): Promise<DeployedLab> {
    // The toolkit's thread loads while the labs synthesize.
    this.thread.start();
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
      if (error instanceof ToolkitThreadError && error.aborted) {
        throw new LabInputError(
          `${this.ioHost.securityRefusal ?? `the IAM and security group changes of ${lab.id} were not approved`}; nothing was deployed`,
        );
      }
      throw await this.explainFailure(error, `deploy of ${lab.id}`, `npx labs deploy ${lab.id}`);
    });
  }

  private async deploySynthesized(
    assembly: SynthesizedLabs,
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
    const outputs = await this.progress.during(
      () =>
        this.thread.run<Record<string, string>>({
          op: 'deploy',
          assemblyDir: assembly.directory,
          stackName: lab.id,
          pollingIntervalMs: this.pollingIntervalMs,
        }),
      `stack ${lab.id}`,
    );
    // The compatibility steps are in the template (synth time, or custom resources that the
    // emulator carried out during the deploy): plain `cdk deploy` gets the same lab.
    const compatibility = this.compatibilityInTemplate(assembly, lab);
    // The stack is deployed from here on: a record that cannot be written is reported, not fatal.
    const unrecorded: string[] = [];
    // The kit's proof of what this stack owns: `labs sweep` may delete what outlives it, even untagged.
    await keepRecord(
      'its resources, for labs sweep',
      () => recordStackResources(lab.id, this.session.clientConfig),
      unrecorded,
    );
    await keepRecord('that the deploy finished', () => this.records.finished(lab.id), unrecorded);
    return { outputs, seconds: (Date.now() - started) / 1000, compatibility, unrecorded };
  }

  /**
   * Destroys one lab, then scans for anything it left behind. Destroying a lab that is not
   * deployed is not an error.
   */
  async destroy(lab: LabDefinition, timeoutMs?: number): Promise<DestroyedLab> {
    if (!(await this.describeStack(lab.id)))
      return { existed: false, leftovers: [], seconds: 0, compatibility: [] };
    const local = this.session.kind === 'emulator';
    const recorded = await recordStackResources(lab.id, this.session.clientConfig);
    if (!local && (await this.hasFunctionInVpc(lab.id))) {
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
      local
        ? deleteStackWithEvents(
            this.cloudFormation(),
            lab.id,
            recorded.length,
            this.ioHost,
            this.pollingIntervalMs,
          )
        : this.toolkitDestroy(lab),
      // On AWS, ENI release alone can take 40 minutes.
      timeoutMs ?? (local ? DEFAULT_DEPLOY_TIMEOUT_MS : 60 * 60_000),
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
    const session = this.session;
    if (session.kind === 'emulator') {
      for (const step of compatibilityStepsFor(session.target)) {
        const done = await step.afterDestroy?.({
          stackName: lab.id,
          resources: recorded,
          endpoint: session.endpoint,
        });
        if (done) compatibility.push(`${step.name}: ${done}`);
      }
    }
    const leftovers = await findLeftovers(lab.id, recorded, this.session.clientConfig);
    return { existed, leftovers, seconds: took, compatibility };
  }

  /** One line per `deploy` step with custom resources in a lab's template (the emulator carries them out). */
  private compatibilityInTemplate(assembly: SynthesizedLabs, lab: LabDefinition): string[] {
    const types = Object.values(assembly.template(lab.id).Resources ?? {}).map((r) => r.Type);
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
    this.thread.start();
    const assembly = await this.synth();
    this.ioHost.operationStartedAt = Date.now();
    return this.thread.run<boolean>({
      op: 'destroy',
      assemblyDir: assembly.directory,
      stackName: lab.id,
      pollingIntervalMs: this.pollingIntervalMs,
    });
  }

  /**
   * One clear error for a failed deploy or destroy: the emulator stopped answering (say so and how
   * to go on), else the toolkit's last error message, else the error's own.
   */
  private async explainFailure(error: Error, what: string, again: string): Promise<LabInputError> {
    if (error instanceof LabInputError) return error;
    if (this.session.kind === 'emulator') {
      const url = this.session.endpoint;
      const probe = await probeEmulator(url, 1000).catch(() => undefined);
      if (isConnectionError(error) || probe?.kind === 'nothing') {
        return new LabInputError(
          `the emulator on ${url} stopped answering during the ${what}: start it with npx labs up, ` +
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
    await this.thread.stop();
    const synthesized = this.synthesized;
    this.synthesized = undefined;
    (await synthesized?.catch(() => undefined))?.remove();
  }
}
