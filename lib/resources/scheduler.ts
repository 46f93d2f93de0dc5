import { DELETED_WITH_STACK, gone, referencedId } from './support';
import { defineService } from './types';

/**
 * Amazon EventBridge Scheduler: schedules (a lab's, and the self-destruct timers of stacks that
 * expire) and schedule groups.
 */
export const scheduler = defineService({
  prefix: 'AWS::Scheduler',
  types: {
    'AWS::Scheduler::Schedule': {
      price: { usage: 'EventBridge Scheduler: 14 million invocations a month free, then $1.00 per million' },
      diagram: {
        // Lab templates for the guide carry no expiry, so the self-destruct timer is never drawn.
        node: { label: 'Scheduler schedule', group: 'Events' },
        edges: (id, props) => {
          const target = referencedId((props.Target as { Arn?: unknown } | undefined)?.Arn);
          return target ? [{ from: id, to: target, label: 'on schedule' }] : [];
        },
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::Scheduler::ScheduleGroup': {
      price: { free: 'a group of schedules' },
      diagram: { hidden: 'a folder of schedules; the schedules are drawn' },
      leftovers: {
        exists: async (name, config) => {
          const { GetScheduleGroupCommand, SchedulerClient } = await import('@aws-sdk/client-scheduler');
          return !(await gone(() =>
            new SchedulerClient(config).send(new GetScheduleGroupCommand({ Name: name })),
          ));
        },
      },
    },
  },
});
