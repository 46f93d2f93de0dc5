import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { LabFunction } from './lab-function';

/** Properties for a {@link SelfDestruct}. */
export interface SelfDestructProps {
  /** When the stack deletes itself (UTC, to the second). */
  readonly expiresAt: Date;
}

/**
 * Deletes the stack it is in at a given time: a one-time EventBridge Scheduler schedule invokes a
 * small function whose only permission is `cloudformation:DeleteStack` on this stack's own id.
 *
 * Default settings:
 * - schedule `at(<expiresAt>)` in UTC, no flexible window
 * - function: the kit's {@link LabFunction} defaults (explicit log group, own role), 30 s timeout
 * - deleting the stack by hand removes the schedule with it, so nothing fires later
 */
export class SelfDestruct extends Construct {
  public readonly schedule: scheduler.Schedule;
  public readonly deleter: LabFunction;

  constructor(scope: Construct, id: string, props: SelfDestructProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.deleter = new LabFunction(this, 'Deleter', {
      handlerFolder: 'stack-self-destruct',
      description: 'Deletes this lab stack when it expires',
      environment: { STACK_ID: stack.stackId },
      timeout: Duration.seconds(30),
    });
    // The stack's own id (AWS::StackId), not a name pattern: it can delete this stack and no other.
    this.deleter.function.addToRolePolicy(
      new iam.PolicyStatement({ actions: ['cloudformation:DeleteStack'], resources: [stack.stackId] }),
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
    this.schedule = new scheduler.Schedule(this, 'Expiry', {
      description: 'Deletes this lab stack at its expiry (labkit:expires-at)',
      schedule: scheduler.ScheduleExpression.at(props.expiresAt),
      target: new targets.LambdaInvoke(this.deleter.function, { role: invokerRole }),
      timeWindow: scheduler.TimeWindow.off(),
    });
  }
}
