import { CfnOutput, type CfnResource, Duration, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import { QueueWithDeadLetter } from '../../lib/constructs/queue-with-dead-letter';
import type { Output } from './outputs';

/** Orders at or above this total wait for a person to approve them (the callback task). */
export const APPROVAL_THRESHOLD = 1000;
/** How long a scheduled order waits for its delivery slot (the Wait state). */
export const SLOT_WAIT = Duration.seconds(2);
/** How many order lines the Map state reserves at the same time. */
export const RESERVE_CONCURRENCY = 2;
/** Retry of a payment provider outage: first after 1 s, then 2 s (backoff 2.0), two retries in all. */
export const PAYMENT_RETRY = { interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 2 };
/** How long one payment attempt may take before the workflow gives up on it (States.Timeout). */
export const PAYMENT_TIMEOUT = Duration.seconds(3);
/** How long an order waits for its approval before the callback task times out. */
export const APPROVAL_TIMEOUT = Duration.minutes(5);

const { fromString } = tasks.DynamoAttributeValue;

/**
 * lab-09 workflows: an order workflow (a Standard state machine) and a shipping quote (an Express
 * state machine called synchronously).
 *
 * The order workflow records the order in DynamoDB straight from the workflow (no function), then a
 * Choice routes it: large orders wait for an approval (a callback task sends its task token to an
 * SQS queue and waits until someone returns it), scheduled orders wait for their slot (a Wait state),
 * the rest go straight on. A Parallel state then charges the payment (a function whose provider
 * outages are retried with backoff) while a Map state reserves every order line, at most
 * {@link RESERVE_CONCURRENCY} at a time. When either fails for good, a Catch runs the compensation:
 * the order is marked cancelled, and the execution fails. Otherwise the order is marked confirmed.
 *
 * The quote workflow is Express: it answers StartSyncExecution with its output, keeps no execution
 * history, and logs every execution to its own log group instead.
 */
export class WorkflowsStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const orders = new dynamodb.TableV2(this, 'Orders', {
      partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    });
    const approvals = new QueueWithDeadLetter(this, 'Approvals');

    const chargePayment = new LabFunction(this, 'ChargePayment', {
      handlerFolder: 'lab-09/charge-payment',
      description: 'lab-09: charges an order; fails on purpose when the order asks for it',
      environment: { TABLE_NAME: orders.tableName, HANG_MILLISECONDS: '5000' },
    });
    orders.grant(chargePayment.function, 'dynamodb:UpdateItem');
    const reserveItem = new LabFunction(this, 'ReserveItem', {
      handlerFolder: 'lab-09/reserve-item',
      description: 'lab-09: reserves stock for one order line (takes one second)',
      environment: { RESERVE_MILLISECONDS: '1000' },
    });

    const orderKey = { orderId: fromString(sfn.JsonPath.stringAt('$.orderId')) };

    // A direct service integration: the workflow writes the item itself, no function in between.
    const recordOrder = new tasks.DynamoPutItem(this, 'RecordOrder', {
      table: orders,
      item: {
        ...orderKey,
        orderStatus: fromString('RECEIVED'),
        executionArn: fromString(sfn.JsonPath.stringAt('$$.Execution.Id')),
      },
      resultPath: sfn.JsonPath.DISCARD,
    });

    // The callback pattern: the task sends its token with the message and waits until SendTaskSuccess
    // (or SendTaskFailure, or the timeout) comes back with that token.
    const requestApproval = new tasks.SqsSendMessage(this, 'RequestApproval', {
      queue: approvals.queue,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      messageBody: sfn.TaskInput.fromObject({
        orderId: sfn.JsonPath.stringAt('$.orderId'),
        total: sfn.JsonPath.numberAt('$.total'),
        taskToken: sfn.JsonPath.taskToken,
      }),
      taskTimeout: sfn.Timeout.duration(APPROVAL_TIMEOUT),
      resultPath: '$.approval',
    });

    const waitForSlot = new sfn.Wait(this, 'WaitForSlot', { time: sfn.WaitTime.duration(SLOT_WAIT) });

    const charge = new tasks.LambdaInvoke(this, 'ChargePaymentTask', {
      stateName: 'ChargePayment',
      lambdaFunction: chargePayment.function,
      outputPath: '$.Payload',
      // Give up on an attempt that hangs (the function would run on for up to its own timeout).
      taskTimeout: sfn.Timeout.duration(PAYMENT_TIMEOUT),
      retryOnServiceExceptions: false,
    });
    // Retry only what may go away: a provider outage (by its error name) and a hung attempt (a task
    // timeout). A declined card stays declined, so it is not retried. No jitter, so the waits in the
    // execution history are exactly 1 s and then 2 s.
    for (const errors of [['PaymentProviderUnavailable'], [sfn.Errors.TIMEOUT]]) {
      charge.addRetry({
        errors,
        interval: PAYMENT_RETRY.interval,
        backoffRate: PAYMENT_RETRY.backoffRate,
        maxAttempts: PAYMENT_RETRY.maxAttempts,
        jitterStrategy: sfn.JitterType.NONE,
      });
    }

    const reserveItems = new sfn.Map(this, 'ReserveItems', {
      itemsPath: '$.items',
      maxConcurrency: RESERVE_CONCURRENCY,
      itemSelector: {
        'orderId.$': '$.orderId',
        'sku.$': '$$.Map.Item.Value.sku',
        'quantity.$': '$$.Map.Item.Value.quantity',
      },
    });
    reserveItems.itemProcessor(
      new tasks.LambdaInvoke(this, 'ReserveItemTask', {
        stateName: 'ReserveItem',
        lambdaFunction: reserveItem.function,
        outputPath: '$.Payload',
        retryOnServiceExceptions: false,
      }),
    );

    // The compensation: undo what the workflow recorded, then fail the execution.
    const cancelOrder = new tasks.DynamoUpdateItem(this, 'CancelOrder', {
      table: orders,
      key: orderKey,
      updateExpression: 'SET orderStatus = :cancelled, failedWith = :error',
      expressionAttributeValues: {
        ':cancelled': fromString('CANCELLED'),
        ':error': fromString(sfn.JsonPath.stringAt('$.failure.Error')),
      },
      resultPath: sfn.JsonPath.DISCARD,
    }).next(
      new sfn.Fail(this, 'OrderFailed', {
        error: 'OrderCancelled',
        cause: 'Payment or reservation failed; the order was cancelled',
      }),
    );

    const fulfil = new sfn.Parallel(this, 'Fulfil', { resultPath: '$.fulfilment' })
      .branch(charge)
      .branch(reserveItems)
      .addCatch(cancelOrder, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

    const confirmOrder = new tasks.DynamoUpdateItem(this, 'ConfirmOrder', {
      table: orders,
      key: orderKey,
      updateExpression: 'SET orderStatus = :confirmed',
      expressionAttributeValues: { ':confirmed': fromString('CONFIRMED') },
      resultPath: sfn.JsonPath.DISCARD,
    });
    fulfil.next(confirmOrder).next(new sfn.Succeed(this, 'OrderConfirmed'));

    const route = new sfn.Choice(this, 'Route')
      .when(sfn.Condition.numberGreaterThanEquals('$.total', APPROVAL_THRESHOLD), requestApproval)
      .when(
        sfn.Condition.and(
          sfn.Condition.isPresent('$.scheduled'),
          sfn.Condition.booleanEquals('$.scheduled', true),
        ),
        waitForSlot,
      )
      .otherwise(fulfil);
    requestApproval.next(fulfil);
    waitForSlot.next(fulfil);

    const orderLogs = new logs.LogGroup(this, 'OrderWorkflowLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
    });
    const orderWorkflow = new sfn.StateMachine(this, 'OrderWorkflow', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(recordOrder.next(route)),
      timeout: Duration.minutes(15),
      tracingEnabled: true,
      logs: { destination: orderLogs, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });

    // The Express workflow: a pure computation, answered synchronously.
    const quoteLogs = new logs.LogGroup(this, 'QuoteWorkflowLogs', {
      retention: logs.RetentionDays.ONE_WEEK,
    });
    const parcel = new sfn.Pass(this, 'Parcel', {
      parameters: { 'orderId.$': '$.orderId', carrier: 'parcel', days: 2 },
    });
    const freight = new sfn.Pass(this, 'Freight', {
      parameters: { 'orderId.$': '$.orderId', carrier: 'freight', days: 5 },
    });
    const quoteWorkflow = new sfn.StateMachine(this, 'QuoteWorkflow', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(
        new sfn.Choice(this, 'ByWeight')
          .when(sfn.Condition.numberGreaterThan('$.weightKg', 20), freight)
          .otherwise(parcel),
      ),
      timeout: Duration.minutes(1),
      tracingEnabled: true,
      logs: { destination: quoteLogs, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });

    for (const workflow of [orderWorkflow, quoteWorkflow]) {
      Validations.of(workflow).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'Step Functions log delivery (logs:CreateLogDelivery and related) and X-Ray segment writes accept no resource narrower than *.',
      });
    }
    Validations.of(orderWorkflow).acknowledge(
      ...[chargePayment, reserveItem].map((fn) => ({
        id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.function.node.defaultChild as CfnResource)}.Arn>:*]`,
        reason:
          'The CDK grant to invoke one lab function lets the workflow call its versions and aliases too (the ARN with a qualifier); no other function.',
      })),
    );

    const outputs: Record<Output, string> = {
      OrderWorkflowArn: orderWorkflow.stateMachineArn,
      QuoteWorkflowArn: quoteWorkflow.stateMachineArn,
      QuoteLogGroupName: quoteLogs.logGroupName,
      OrdersTableName: orders.tableName,
      ApprovalsQueueUrl: approvals.queue.queueUrl,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
