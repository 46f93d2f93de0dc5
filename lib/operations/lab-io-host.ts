import type {
  DeployConfirmationRequest,
  IIoHost,
  IoMessage,
  IoRequest,
  StackActivity,
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

  constructor(
    private readonly progress: ProgressReporter,
    private readonly verbose = false,
    private readonly approveSecurityChanges?: SecurityChangeApprover,
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    switch (msg.code) {
      case 'CDK_TOOLKIT_I5502': {
        const activity = msg.data as StackActivity;
        this.stackEvent(activity.event, activity.progress.formatted.trim());
        return;
      }
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
