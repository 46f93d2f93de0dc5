/** Two clocks: a scheduled rule on the default bus and an EventBridge Scheduler schedule. */

import { DescribeRuleCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Message } from '@aws-sdk/client-sqs';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { bodyOf, drain } from './bus-helpers';

/** How long to wait for a tick of each clock on an emulator: one period (both fire every minute) and a margin. */
const TICK_WAIT_LOCAL_MS = 90_000;

export const scheduledRuleAndScheduler: Experiment<Output> = {
  name: 'Tick with a scheduled rule and a Scheduler schedule',
  fact: 'A scheduled rule (default bus only) sends its target a "Scheduled Event" envelope; an EventBridge Scheduler schedule sends the input you gave it.',
  proof: 'behaviour',
  measures: ['schedulerPayload'],
  mustFailWhen: {
    replaceOutput: ['TicksQueueUrl', 'EuOrdersQueueUrl'],
    why: 'neither clock targets the EU orders queue: no tick arrives there',
    failsBecause: 'no-tick',
  },
  async run(context) {
    const rule = await clientOf(EventBridgeClient, context).send(
      new DescribeRuleCommand({ Name: outputOf(context, 'TickRuleName') }),
    );
    const schedule = await clientOf(SchedulerClient, context).send(
      new GetScheduleCommand({
        Name: outputOf(context, 'ScheduleName'),
        GroupName: outputOf(context, 'ScheduleGroupName'),
      }),
    );
    context.progress('waiting for a tick of each clock (they fire every minute)');
    const fromRule = (m: Message) => {
      const b = bodyOf(m);
      return b?.source === 'aws.events' && b?.['detail-type'] === 'Scheduled Event';
    };
    const fromScheduler = (m: Message) => bodyOf(m)?.from === 'scheduler';
    const ticks = await drain(
      context,
      outputOf(context, 'TicksQueueUrl'),
      (m) => fromRule(m) || fromScheduler(m),
      {
        // On AWS two periods and a margin (a schedule may start a minute late).
        quietMs: isLocal(context) ? TICK_WAIT_LOCAL_MS : 150_000,
        deadlineMs: isLocal(context) ? TICK_WAIT_LOCAL_MS : 150_000,
        enough: (got) => got.some(fromRule) && got.some(fromScheduler),
      },
    );
    const scheduler = ticks.find(fromScheduler);
    const because =
      rule.EventBusName !== 'default' ||
      rule.ScheduleExpression !== 'rate(1 minute)' ||
      schedule.ScheduleExpression !== 'rate(1 minute)'
        ? 'not-every-minute'
        : !ticks.some(fromRule) && scheduler === undefined
          ? 'no-tick'
          : !ticks.some(fromRule)
            ? 'no-rule-tick'
            : scheduler === undefined
              ? 'no-scheduler-tick'
              : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `rule on bus ${rule.EventBusName}, ${rule.ScheduleExpression}: ${ticks.filter(fromRule).length} Scheduled Event(s); schedule in group ${schedule.GroupName}, ${schedule.ScheduleExpression}, window ${schedule.FlexibleTimeWindow?.Mode}: ${ticks.filter(fromScheduler).length} message(s), e.g. ${scheduler?.Body ?? 'none'}`,
        'a Scheduled Event from the rule on the default bus and the given input from the schedule, within one and a half minutes (two and a half on AWS)',
        because,
      ),
      { schedulerPayload: scheduler ? 'the input given' : 'none' },
    );
  },
};
