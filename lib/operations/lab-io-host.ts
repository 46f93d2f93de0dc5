import type {
  DeployConfirmationRequest,
  IIoHost,
  IoMessage,
  IoRequest,
  StackActivity,
  StackMonitoringControlEvent,
} from '@aws-cdk/toolkit-lib';
import type { StackEvent } from '@aws-sdk/client-cloudformation';
import { LabInputError } from '../core/errors';
import { type ProgressReporter, seconds } from './progress';

/**
 * Decides whether IAM or security-group changes that widen access may be deployed; gets the
 * stack name. Throws LabInputError when nobody can answer (no terminal, no --yes).
 */
export type SecurityChangeApprover = (stackName: string) => Promise<boolean>;

/**
 * Turns the CDK toolkit's message stream into the kit's progress output: one status per
 * CloudFormation event (`lab-02  12/41  CREATE_COMPLETE  OrdersQueue  8.3 s`), warnings and errors
 * as lines, the rest dropped. Confirmations get the toolkit's default answer, except one: a deploy
 * that widens IAM permissions or security-group access is shown (the same security diff `cdk
 * deploy` prints) and put to the {@link SecurityChangeApprover}, as `cdk deploy` asks by default
 * (`--require-approval broadening`). Without an approver (local emulators) it goes ahead.
 */
export class LabIoHost implements IIoHost {
  /** When the current deploy or destroy started (set by the caller), for the elapsed time. */
  operationStartedAt = Date.now();
  /** The last error messages, so a failed operation can say why in one line. */
  readonly errors: string[] = [];

  /** Why the last security-change confirmation was refused, when nobody could answer it. */
  securityRefusal?: string;

  /** Per deployment: the last count and the stack's own latest settled status, for the final status. */
  private readonly counts = new Map<string, { completed: number; total?: number; stackStatus?: string }>();

  constructor(
    private readonly progress: ProgressReporter,
    private readonly verbose = false,
    private readonly approveSecurityChanges?: SecurityChangeApprover,
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    switch (msg.code) {
      case 'CDK_TOOLKIT_I5502': {
        const activity = msg.data as StackActivity;
        this.remember(activity);
        this.stackEvent(activity.event, activity.progress.formatted.trim());
        return;
      }
      case 'CDK_TOOLKIT_I5503':
        if (msg.data) this.finalCount(msg.data as StackMonitoringControlEvent);
        return;
    }
    if (msg.level === 'error') {
      this.errors.push(msg.message);
      this.progress.line(msg.message);
    } else if (msg.level === 'warn' || (this.verbose && msg.level === 'info')) {
      this.progress.line(msg.message);
    }
  }

  /**
   * One CloudFormation event as progress (`lab-02  12/41  CREATE_COMPLETE  OrdersQueue  8.3 s`):
   * a failure with its reason as a line, the rest as statuses.
   *
   * @param count resources done so far, and the total when known (`12/41`)
   */
  stackEvent(
    event: Pick<StackEvent, 'StackName' | 'ResourceStatus' | 'ResourceStatusReason' | 'LogicalResourceId'>,
    count: string,
  ): void {
    const reason = event.ResourceStatusReason;
    const failed = event.ResourceStatus?.endsWith('FAILED');
    const text = [
      event.StackName ?? '',
      count,
      event.ResourceStatus,
      event.LogicalResourceId,
      seconds(this.operationStartedAt),
    ].join('  ');
    if (failed && reason) this.progress.line(`${text}\n    ${reason}`);
    // In a log (not a terminal) every status is a line: keep only finished resources there.
    else if (!event.ResourceStatus?.endsWith('IN_PROGRESS') || this.progress.isInteractive?.())
      this.progress.status(text);
  }

  private remember({ deployment, event, progress }: StackActivity): void {
    const previous = this.counts.get(deployment);
    // Emulators report events of one second out of order: an IN_PROGRESS never undoes a settled status.
    const own = event.LogicalResourceId === event.StackName && !event.ResourceStatus?.endsWith('IN_PROGRESS');
    this.counts.set(deployment, {
      completed: progress.completed,
      total: progress.total,
      stackStatus: own ? event.ResourceStatus : previous?.stackStatus,
    });
  }

  /**
   * The toolkit's total is the change set's length plus the stack. An emulator may list changes it
   * never makes: MiniStack lists the bootstrap template's three resources whose conditions are
   * false (KMS key, alias, permissions boundary), so bootstrap stopped at `CDKToolkit 12/15` with
   * all 11 resources and the stack created. A stack that succeeded ends on the count it really
   * reached, saying how many listed changes made no resource.
   */
  private finalCount({ deployment, stackName }: StackMonitoringControlEvent): void {
    const count = this.counts.get(deployment);
    this.counts.delete(deployment);
    if (!count?.total || count.completed >= count.total) return;
    if (!/^(CREATE|UPDATE|IMPORT)_COMPLETE$/.test(count.stackStatus ?? '')) return;
    const missing = count.total - count.completed;
    this.progress.status(
      [
        stackName,
        `${count.completed}/${count.completed}`,
        count.stackStatus,
        seconds(this.operationStartedAt),
        `(${missing} listed change${missing === 1 ? '' : 's'} made no resource)`,
      ].join('  '),
    );
  }

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    if (msg.code === 'CDK_TOOLKIT_I5060' && this.approveSecurityChanges) {
      const request = msg.data as DeployConfirmationRequest;
      if (request.permissionChangeType === 'broadening') {
        const stacks = Object.keys(request.templateDiffs ?? {}).join(', ') || 'the stack';
        // The message is the toolkit's formatted security diff followed by its own question.
        this.progress.line(msg.message.replace(/\n+[^\n]*Do you wish to deploy these changes\?\s*$/, ''));
        try {
          return (await this.approveSecurityChanges(stacks)) as T;
        } catch (error) {
          if (!(error instanceof LabInputError)) throw error;
          this.securityRefusal = error.message;
          return false as T;
        }
      }
    }
    return msg.defaultResponse;
  }
}
