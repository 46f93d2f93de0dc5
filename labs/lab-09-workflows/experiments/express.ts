/** The Express quote workflow: answered synchronously, seen in its logs, with no execution history. */

import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
} from '@aws-sdk/client-sfn';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, newRunId, pollUntil, refusalOf } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { order, sfnOf } from './workflow-helpers';

async function quote(context: ExperimentContext<Output>, weightKg: number) {
  const started = Date.now();
  const answer = await sfnOf(context).send(
    new StartSyncExecutionCommand({
      stateMachineArn: outputOf(context, 'QuoteWorkflowArn'),
      input: JSON.stringify({ orderId: newRunId('quote'), weightKg }),
    }),
  );
  const output = JSON.parse(answer.output ?? '{}') as { carrier?: string };
  return { answer, carrier: output.carrier, ms: Date.now() - started };
}

export const expressSync: Experiment<Output> = {
  name: 'Ask the Express workflow for a quote and get the answer in the response',
  fact:
    'StartSyncExecution runs an Express workflow and answers only when it ends, with its status and output in ' +
    'the response (HTTP 200 even when the execution fails)',
  proof: 'behaviour',
  measures: ['syncMilliseconds'],
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'the order workflow answers no quote (on AWS it refuses StartSyncExecution)',
    failsBecause: 'no-answer',
  },
  async run(context) {
    // A Standard workflow is refused (StateMachineTypeNotSupported): it gives no answer in the response.
    let first: Awaited<ReturnType<typeof quote>> | undefined;
    const refusal = await refusalOf(async () => {
      first = await quote(context, 30);
    });
    if (refusal || !first)
      return fail(
        `StartSyncExecution ${describeRefusal(refusal)}`,
        'the quote in the response',
        isRefusal(refusal, ['StateMachineTypeNotSupported']) ? 'no-answer' : `error:${refusal?.name}`,
      );
    const heavy = first;
    const light = await quote(context, 2);
    const answered = heavy.carrier !== undefined && light.carrier !== undefined;
    const because = !answered
      ? 'no-answer'
      : heavy.answer.status !== 'SUCCEEDED' ||
          light.answer.status !== 'SUCCEEDED' ||
          heavy.carrier !== 'freight' ||
          light.carrier !== 'parcel'
        ? 'wrong-quote'
        : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `30 kg: ${heavy.answer.status} ${heavy.carrier ?? 'no carrier'} in ${heavy.ms} ms; 2 kg: ` +
          `${light.answer.status} ${light.carrier ?? 'no carrier'} in ${light.ms} ms`,
        'both SUCCEEDED in the response: freight for 30 kg, parcel for 2 kg',
        because,
      ),
      { syncMilliseconds: Math.max(heavy.ms, light.ms) },
    );
  },
};

/** Express executions reach the log group within seconds on AWS; CloudWatch Logs may lag a minute. */
const LOG_DEADLINE_MS = 90_000;

export const expressNoHistory: Experiment<Output> = {
  name: 'Find an Express execution in its logs, not in an execution history',
  fact:
    'Step Functions keeps no execution history for Express workflows: DescribeExecution and GetExecutionHistory ' +
    'refuse their executions, StartSyncExecution refuses a Standard workflow, and the execution is seen in ' +
    'CloudWatch Logs (when logging is on)',
  proof: 'behaviour',
  skipOn: {
    ministack:
      'MiniStack 1.5.33 keeps a history for Express executions (DescribeExecution and GetExecutionHistory answer ' +
      'as for Standard ones), runs StartSyncExecution on a Standard workflow, and its CloudFormation drops the ' +
      'state machine LoggingConfiguration, so nothing reaches the log group.',
    localstack:
      'LocalStack 4.13.1 refuses DescribeExecution and GetExecutionHistory for the Express run as AWS does, but its ' +
      'log group got only the first events of the execution (ExecutionStarted, ChoiceStateEntered, ' +
      'ChoiceStateExited; no ExecutionSucceeded) when the experiment looked (CI run of 2026-12-08).',
  },
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'started on the Standard order workflow instead, the execution has a history that DescribeExecution reads',
    failsBecause: 'history-kept',
  },
  async run(context) {
    const sfn = sfnOf(context);
    // Started asynchronously, so that the execution is looked up afterwards as any other would be.
    const started = await sfn.send(
      new StartExecutionCommand({
        stateMachineArn: outputOf(context, 'QuoteWorkflowArn'),
        name: newRunId('quote'),
        input: JSON.stringify({ orderId: newRunId('quote'), weightKg: 5 }),
      }),
    );
    const executionArn = started.executionArn ?? '';
    // The refusals the API reference lists for an execution it does not keep: its ARN is not one
    // DescribeExecution takes (InvalidArn), or no such execution is found (ExecutionDoesNotExist).
    const notKept = ['InvalidArn', 'ExecutionDoesNotExist'];
    const describe = await refusalOf(() => sfn.send(new DescribeExecutionCommand({ executionArn })));
    const history = await refusalOf(() => sfn.send(new GetExecutionHistoryCommand({ executionArn })));
    const syncOnStandard = await refusalOf(() =>
      sfn.send(
        new StartSyncExecutionCommand({
          stateMachineArn: outputOf(context, 'OrderWorkflowArn'),
          input: JSON.stringify(order('sync')),
        }),
      ),
    );
    const logs = clientOf(CloudWatchLogsClient, context);
    const logGroupName = outputOf(context, 'QuoteLogGroupName');
    const startTime = (started.startDate ?? new Date()).getTime() - 60_000;
    const logged = await pollUntil(LOG_DEADLINE_MS, 5000, async () => {
      context.progress('waiting for the execution in the log group');
      const { events = [] } = await logs.send(new FilterLogEventsCommand({ logGroupName, startTime }));
      const ours = events.filter((e) => e.message?.includes(executionArn));
      return ours.length > 0 ? ours : undefined;
    });
    const types = (logged ?? []).map((e) => (JSON.parse(e.message ?? '{}') as { type?: string }).type ?? '?');
    const because =
      !isRefusal(describe, notKept) || !isRefusal(history, notKept)
        ? 'history-kept'
        : !isRefusal(syncOnStandard, ['StateMachineTypeNotSupported'])
          ? 'sync-on-standard'
          : types.includes('ExecutionSucceeded')
            ? undefined
            : 'not-logged';
    return expectThat(
      because === undefined,
      `quote ${executionArn}; DescribeExecution ${describeRefusal(describe)}; GetExecutionHistory ` +
        `${describeRefusal(history)}; StartSyncExecution on the Standard workflow ${describeRefusal(syncOnStandard)}; ` +
        `${types.length} log events for the execution (${types.join(', ') || 'none'})`,
      'DescribeExecution and GetExecutionHistory refused (InvalidArn or ExecutionDoesNotExist), StartSyncExecution ' +
        'on Standard refused (StateMachineTypeNotSupported); ExecutionSucceeded in the log group',
      because,
    );
  },
};
