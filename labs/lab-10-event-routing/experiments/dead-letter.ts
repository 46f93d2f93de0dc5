/** A target that refuses delivery: its own retry policy and dead-letter queue. */

import { EventBridgeClient, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, type Message, SQSClient } from '@aws-sdk/client-sqs';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { drain, orderIdOf, putEvents, REFUNDED, SOURCE } from './bus-helpers';

const NO_TARGET_FAILURES_ON_MINISTACK =
  'MiniStack 1.5.33 delivers to an SQS target without evaluating its queue policy (tried before the kit ran ' +
  'it with AUTH=true) and has no target retry policy or dead-letter queue: services/eventbridge.py ' +
  '_invoke_target logs a failed delivery and drops it (tried: the refund reached the audit queue, the ' +
  'dead-letter queue stayed empty).';

export const undeliverableToDeadLetter: Experiment<Output> = {
  name: 'Send an undeliverable event to the dead-letter queue',
  fact: 'When a target refuses delivery (its queue policy does not admit EventBridge), the event goes to the target dead-letter queue without retries (RETRY_ATTEMPTS 0), with RULE_ARN, TARGET_ARN, ERROR_CODE and ERROR_MESSAGE attributes.',
  proof: 'behaviour',
  skipOn: { ministack: NO_TARGET_FAILURES_ON_MINISTACK },
  mustFailWhen: {
    swapOutputs: ['RefundTargetDeadLetterQueueUrl', 'RefundAuditQueueUrl'],
    why: 'the audit queue never receives the refund, so reading it as the dead-letter queue finds nothing',
    failsBecause: 'no-dead-letter',
  },
  measures: ['errorCode', 'retryAttempts'],
  async run(context) {
    const run = newRunId('refund');
    const orderId = `${run}-0`;
    await putEvents(context, [
      { source: SOURCE, detailType: REFUNDED, detail: { run, orderId, amount: 40 } },
    ]);
    const mine = (m: Message) => orderIdOf(m) === orderId;
    const [dead] = await drain(context, outputOf(context, 'RefundTargetDeadLetterQueueUrl'), mine, {
      quietMs: isLocal(context) ? 10_000 : 180_000,
      deadlineMs: isLocal(context) ? 15_000 : 300_000,
      enough: (got) => got.length > 0,
    });
    const delivered = await drain(context, outputOf(context, 'RefundAuditQueueUrl'), mine, {
      quietMs: 2_000,
      deadlineMs: 5_000,
    });
    const attribute = (name: string) => dead?.MessageAttributes?.[name]?.StringValue ?? '';
    const ruleArn = outputOf(context, 'RefundsRuleArn');
    const targetArn = outputOf(context, 'RefundAuditQueueArn');
    const because =
      dead === undefined
        ? 'no-dead-letter'
        : delivered.length > 0
          ? 'delivered'
          : attribute('RETRY_ATTEMPTS') !== '0'
            ? 'retried'
            : attribute('RULE_ARN') !== ruleArn ||
                attribute('TARGET_ARN') !== targetArn ||
                attribute('ERROR_CODE') === '' ||
                attribute('ERROR_MESSAGE') === ''
              ? 'attributes'
              : undefined;
    const attributes = dead
      ? Object.entries(dead.MessageAttributes ?? {})
          .map(([k, v]) => `${k}=${v.StringValue}`)
          .join(', ')
      : 'no message in the dead-letter queue';
    return withMeasurements(
      expectThat(
        because === undefined,
        `audit queue received ${delivered.length}; dead-letter queue: ${attributes}`,
        `nothing in the audit queue; one dead letter with RETRY_ATTEMPTS=0, RULE_ARN=${ruleArn}, TARGET_ARN=${targetArn}, an ERROR_CODE and an ERROR_MESSAGE`,
        because,
      ),
      { errorCode: attribute('ERROR_CODE') || 'none', retryAttempts: attribute('RETRY_ATTEMPTS') || 'none' },
    );
  },
};

export const targetRetryPolicy: Experiment<Output> = {
  name: 'Read the target retry policy and dead-letter queue',
  fact: 'A rule target has its own retry policy (here 4 retries within 1 hour; by default 185 within 24 hours) and dead-letter queue.',
  proof: 'configuration',
  mustFailWhen: {
    replaceOutput: ['RefundsRuleArn', 'EuOrdersRuleArn'],
    why: 'the EU rule keeps the defaults: its target has no retry policy of its own and no dead-letter queue',
    failsBecause: 'retry-policy',
  },
  async run(context) {
    // The name from the ARN (rule/<bus>/<name>): a rule on a custom bus has `<bus>|<name>` as its Ref.
    const ruleName = outputOf(context, 'RefundsRuleArn').split('/').pop() ?? '';
    const bus = outputOf(context, 'OrdersBusName');
    const listed = await clientOf(EventBridgeClient, context).send(
      new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: bus }),
    );
    const dlqArn = (
      await clientOf(SQSClient, context).send(
        new GetQueueAttributesCommand({
          QueueUrl: outputOf(context, 'RefundTargetDeadLetterQueueUrl'),
          AttributeNames: ['QueueArn'],
        }),
      )
    ).Attributes?.QueueArn;
    const [target] = listed.Targets ?? [];
    const because =
      (listed.Targets ?? []).length !== 1
        ? `targets:${(listed.Targets ?? []).length}`
        : target.RetryPolicy?.MaximumRetryAttempts !== 4 ||
            target.RetryPolicy?.MaximumEventAgeInSeconds !== 3600
          ? 'retry-policy'
          : target.DeadLetterConfig?.Arn !== dlqArn
            ? 'dead-letter-queue'
            : undefined;
    return expectThat(
      because === undefined,
      `targets of ${ruleName}: ${JSON.stringify((listed.Targets ?? []).map((t) => ({ Arn: t.Arn, RetryPolicy: t.RetryPolicy, DeadLetterConfig: t.DeadLetterConfig })))}`,
      `one target with RetryPolicy {MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600} and DeadLetterConfig ${dlqArn}`,
      because,
    );
  },
};
