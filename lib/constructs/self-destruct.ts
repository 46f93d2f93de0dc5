import {
  Aspects,
  type CfnElement,
  CfnResource,
  Duration,
  type IAspect,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct, type IConstruct } from 'constructs';
import { LabFunction } from './lab-function';

/** Properties for a {@link SelfDestruct}. */
export interface SelfDestructProps {
  /** When the stack deletes itself (UTC, to the second). */
  readonly expiresAt: Date;
}

/** How often the schedule fires again after the expiry, until the stack is gone. */
export const SELF_DESTRUCT_RETRY_INTERVAL = Duration.minutes(30);

/**
 * Deletes the stack it is in at a given time, and keeps trying until the stack is gone.
 *
 * A one-time EventBridge Scheduler schedule invokes a small function at the expiry, and a
 * recurring one invokes it again every 30 minutes after that. The
 * function may only describe and delete this stack (its own `AWS::StackId`, no wildcard). Each run:
 * a stack already in `DELETE_IN_PROGRESS` is left alone; otherwise it calls DeleteStack, which
 * also restarts a deletion that ended in `DELETE_FAILED` (an ENI still attached, for example). If
 * CloudFormation refuses (a stack in `UPDATE_IN_PROGRESS`), the function throws: the failure is in
 * its log group and its `Errors` metric, and the next run tries again.
 *
 * Every other resource of the stack depends on the retry schedule, so CloudFormation deletes it,
 * its function and their roles last: a deletion that fails halfway leaves the retrier
 * in place. When the deletion succeeds they go with the stack, and nothing fires afterwards.
 *
 * Default settings:
 * - schedules `at(<expiresAt>)` and `rate(30 minutes)` from 30 minutes after it (UTC), no flexible
 *   window; Scheduler retries a failed hand-over to Lambda for at most 30 minutes
 *   (the next run takes over then)
 * - function: the kit's {@link LabFunction} defaults (explicit log group, own role), 30 s timeout,
 *   no asynchronous retries of its own (the schedule is the retry)
 * - IAM: `cloudformation:DescribeStacks` and `cloudformation:DeleteStack` on this stack's id only;
 *   the schedule's own role may invoke only this function
 * - deleting the stack by hand removes the schedule with it
 */
export class SelfDestruct extends Construct {
  /** The one-time schedule that fires at the expiry. */
  public readonly schedule: scheduler.Schedule;
  /** The recurring schedule that tries again every 30 minutes after that. */
  public readonly retrySchedule: scheduler.Schedule;
  public readonly deleter: LabFunction;

  constructor(scope: Construct, id: string, props: SelfDestructProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deleter = new LabFunction(this, 'Deleter', {
      handlerFolder: 'kit/stack-self-destruct',
      description: 'Deletes this lab stack when it expires, and again every 30 minutes until it is gone',
      environment: { STACK_ID: stack.stackId },
      timeout: Duration.seconds(30),
      retryAttempts: 0,
    });
    // The stack's own id (AWS::StackId), not a name pattern: it can touch this stack and no other.
    this.deleter.function.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['cloudformation:DescribeStacks', 'cloudformation:DeleteStack'],
        resources: [stack.stackId],
      }),
    );
    // Its own role, so the only thing the schedule can invoke is the deleter.
    const invokerRole = new iam.Role(this, 'InvokerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Lets the expiry schedule invoke the self-destruct function',
    });
    Validations.of(invokerRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.deleter.function.node.defaultChild as CfnElement)}.Arn>:*]`,
      reason:
        "CDK's grantInvoke also covers the deleter's versions (ARN:*); the role can invoke that one function and nothing else.",
    });
    const target = new targets.LambdaInvoke(this.deleter.function, {
      role: invokerRole,
      maxEventAge: SELF_DESTRUCT_RETRY_INTERVAL,
    });
    this.schedule = new scheduler.Schedule(this, 'Expiry', {
      description: 'Deletes this lab stack at its expiry (labkit:expires-at)',
      schedule: scheduler.ScheduleExpression.at(props.expiresAt),
      target,
      timeWindow: scheduler.TimeWindow.off(),
    });
    // A second schedule for the retries: a rate schedule's first run is at its start date on AWS,
    // but MiniStack counts the rate from creation, so the first attempt stays a one-time schedule
    // (on time everywhere) and the retries start one interval after it.
    this.retrySchedule = new scheduler.Schedule(this, 'Retry', {
      description: 'Deletes this lab stack again every 30 minutes after its expiry, until it is gone',
      schedule: scheduler.ScheduleExpression.rate(SELF_DESTRUCT_RETRY_INTERVAL),
      start: new Date(props.expiresAt.getTime() + SELF_DESTRUCT_RETRY_INTERVAL.toMilliseconds()),
      target,
      timeWindow: scheduler.TimeWindow.off(),
    });
    Aspects.of(stack).add(new DeleteLast(this, this.retrySchedule.node.defaultChild as CfnResource));
  }
}

/**
 * Makes every CloudFormation resource of a stack outside `retrier` depend on `schedule`, so that
 * CloudFormation deletes the schedule (and what it depends on: the function, roles, log group)
 * only after everything else is gone.
 */
class DeleteLast implements IAspect {
  constructor(
    private readonly retrier: IConstruct,
    private readonly schedule: CfnResource,
  ) {}

  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || node.node.scopes.includes(this.retrier)) return;
    if (Stack.of(node) !== Stack.of(this.schedule)) return;
    node.node.addDependency(this.schedule);
  }
}
