import type { IIoHost, IoMessage, IoRequest, StackActivity } from '@aws-cdk/toolkit-lib';
import { type ProgressReporter, seconds } from './progress';

/**
 * Turns the CDK toolkit's message stream into the kit's progress output: one status per
 * CloudFormation event (`lab-02  12/41  CREATE_COMPLETE  OrdersQueue  8.3 s`), warnings and errors
 * as lines, the rest dropped. Every confirmation the toolkit asks for gets its default answer: the
 * kit asks the user itself, before calling the toolkit.
 */
export class LabIoHost implements IIoHost {
  /** When the current deploy or destroy started (set by the caller), for the elapsed time. */
  operationStartedAt = Date.now();
  /** The last error messages, so a failed operation can say why in one line. */
  readonly errors: string[] = [];

  constructor(
    private readonly progress: ProgressReporter,
    private readonly verbose = false,
  ) {}

  async notify(msg: IoMessage<unknown>): Promise<void> {
    switch (msg.code) {
      case 'CDK_TOOLKIT_I5502': {
        const activity = msg.data as StackActivity;
        const stack = activity.event.StackName ?? '';
        const reason = activity.event.ResourceStatusReason;
        const failed = activity.event.ResourceStatus?.endsWith('FAILED');
        const text = [
          stack,
          activity.progress.formatted.trim(),
          activity.event.ResourceStatus,
          activity.event.LogicalResourceId,
          seconds(this.operationStartedAt),
        ].join('  ');
        if (failed && reason) this.progress.line(`${text}\n    ${reason}`);
        // In a log (not a terminal) every status is a line: keep only finished resources there.
        else if (!activity.event.ResourceStatus?.endsWith('IN_PROGRESS') || this.progress.isInteractive?.())
          this.progress.status(text);
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

  async requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    return msg.defaultResponse;
  }
}
