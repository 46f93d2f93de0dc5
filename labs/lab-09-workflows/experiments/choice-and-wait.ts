/** A Choice routes an order straight on or through a Wait state, as the execution history shows. */

import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import {
  EARLY_TOLERANCE_S,
  finished,
  historyOf,
  LATE_TOLERANCE_S,
  order,
  SLOT_WAIT_SECONDS,
  seconds,
  startOrder,
  statesEntered,
  within,
} from './workflow-helpers';

export const routeEveryBranch: Experiment<Output> = {
  name: 'Route orders through the Choice: straight on, or via the Wait state',
  fact:
    'A Choice state picks the next state from the input; a Wait state holds the execution for its seconds ' +
    '(the history shows when it was entered and left); the path is in the execution history',
  proof: 'behaviour',
  measures: ['waitSeconds'],
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'an order started on the quote workflow passes neither the Choice nor the Wait state',
    failsBecause: 'path',
    skipOn: {
      localstack:
        'LocalStack 4.13.1 refuses to describe the execution the quote (Express) workflow runs (InvalidArn), so ' +
        'the miswired run fails on that refusal, not on the path (CI run of 2026-12-08).',
    },
  },
  async run(context) {
    const plain = order('plain');
    const scheduled = order('scheduled', { scheduled: true });
    const arns = await Promise.all([plain, scheduled].map((input) => startOrder(context, input)));
    const results = await Promise.all(arns.map((arn) => finished(context, arn)));
    const [plainEvents, scheduledEvents] = await Promise.all(arns.map((arn) => historyOf(context, arn)));
    const plainPath = statesEntered(plainEvents);
    const scheduledPath = statesEntered(scheduledEvents);
    const entered = scheduledEvents.find((e) => e.type === 'WaitStateEntered');
    const exited = scheduledEvents.find((e) => e.type === 'WaitStateExited');
    const waitSeconds = seconds(entered?.timestamp, exited?.timestamp);
    const routed =
      !plainPath.includes('WaitForSlot') &&
      !plainPath.includes('RequestApproval') &&
      plainPath.includes('Fulfil') &&
      scheduledPath.includes('WaitForSlot') &&
      !scheduledPath.includes('RequestApproval');
    // The route first: it is what the Choice decides; then the outcome, then the Wait's seconds.
    const because = !routed
      ? 'path'
      : !results.every((r) => r.status === 'SUCCEEDED')
        ? 'not-succeeded'
        : within(waitSeconds, SLOT_WAIT_SECONDS)
          ? undefined
          : 'wait-seconds';
    return withMeasurements(
      expectThat(
        because === undefined,
        `plain order ${results[0].status}: ${plainPath.join(' > ')}; scheduled order ${results[1].status}: ` +
          `${scheduledPath.join(' > ')}; WaitForSlot held it ${waitSeconds} s`,
        `both SUCCEEDED; only the scheduled order passes WaitForSlot, for ${SLOT_WAIT_SECONDS} s ` +
          `(-${EARLY_TOLERANCE_S} s / +${LATE_TOLERANCE_S} s)`,
        because,
      ),
      { waitSeconds },
    );
  },
};
