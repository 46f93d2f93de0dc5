import { DELETED_WITH_STACK } from './support';
import { defineService } from './types';

/** Amazon EventBridge Scheduler: the self-destruct schedules of stacks that expire. */
export const scheduler = defineService({
  prefix: 'AWS::Scheduler',
  types: {
    'AWS::Scheduler::Schedule': {
      price: { usage: 'EventBridge Scheduler: 14 million invocations a month free, then $1.00 per million' },
      diagram: { hidden: "the kit's self-destruct timer, not part of the architecture" },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
