/** A declined payment is not retried: the Catch runs the compensation. */

import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { finished, historyOf, order, orderItem, startOrder, statesEntered } from './workflow-helpers';

export const compensate: Experiment<Output> = {
  name: 'Cancel the order when the payment is declined',
  fact:
    'An error no Retry matches goes to the Catch: the compensation step undoes what the workflow recorded ' +
    '(the order is cancelled) and the execution ends FAILED with the error of the Fail state',
  proof: 'behaviour',
  measures: ['paymentAttempts', 'orderStatus'],
  async run(context) {
    const input = order('declined', { payment: 'declined' });
    const executionArn = await startOrder(context, input);
    const result = await finished(context, executionArn);
    const path = statesEntered(await historyOf(context, executionArn));
    const item = await orderItem(context, input.orderId);
    const ok =
      result.status === 'FAILED' &&
      result.error === 'OrderCancelled' &&
      path.includes('CancelOrder') &&
      !path.includes('ConfirmOrder') &&
      item.status === 'CANCELLED' &&
      item.paymentAttempts === 1 &&
      item.failedWith !== undefined;
    return withMeasurements(
      expectThat(
        ok,
        `execution ${result.status} (${result.error ?? 'no error'}); path: ${path.join(' > ')}; item ${item.status} ` +
          `after ${item.paymentAttempts} payment attempt(s), caught error ${item.failedWith ?? 'not recorded'}`,
        'FAILED (OrderCancelled) through CancelOrder, not ConfirmOrder; the item CANCELLED after 1 attempt, the error recorded',
      ),
      { paymentAttempts: item.paymentAttempts, orderStatus: item.status },
    );
  },
};
