/** An input transformer sends the target a document of your own, not the event. */

import { isLocal } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { bodyOf, drain, type OrderEvent, ofRun, PLACED, putEvents, quiet, SOURCE } from './bus-helpers';

export const inputTransformerReshapes: Experiment<Output> = {
  name: 'Reshape big orders with an input transformer',
  fact: 'An input transformer sends the target a document of your own built from event fields (numbers stay numbers), not the event.',
  proof: 'behaviour',
  measures: ['alertAmountType'],
  mustFailWhen: {
    replaceOutput: ['BigOrderAlertsQueueUrl', 'LiveOrdersQueueUrl'],
    why: 'the live-orders rule sends the whole event, untransformed, and for all three amounts',
    failsBecause: 'not-reshaped',
  },
  async run(context) {
    const run = newRunId('alert');
    const amounts = [1000, 2500.5, 999.99];
    const events = amounts.map(
      (amount, seq): OrderEvent => ({
        source: SOURCE,
        detailType: PLACED,
        detail: { run, orderId: `${run}-${seq}`, region: 'eu-west-1', amount, status: 'paid' },
      }),
    );
    await putEvents(context, events);
    const messages = await drain(context, outputOf(context, 'BigOrderAlertsQueueUrl'), ofRun(run), {
      quietMs: quiet(context),
      deadlineMs: isLocal(context) ? 20_000 : 120_000,
    });
    const expectedKeys = 'alert,amount,orderId,region,summary';
    const shapes = messages.map((m) => {
      const body = bodyOf(m) ?? {};
      const ok =
        Object.keys(body).sort().join() === expectedKeys &&
        body.alert === 'big-order' &&
        typeof body.amount === 'number' &&
        body.summary === `Order ${body.orderId} of ${body.amount} needs a review`;
      return { ok, text: m.Body ?? '' };
    });
    const first = bodyOf(messages[0] ?? {}) ?? {};
    const because = !shapes.every((s) => s.ok)
      ? 'not-reshaped'
      : messages.length !== 2
        ? `alerts:${messages.length}`
        : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `${messages.length} alert(s) for amounts ${amounts.join(', ')}: ${shapes.map((s) => s.text).join(' | ') || 'none'}`,
        `2 alerts (1000 and 2500.5, not 999.99), each exactly {alert, orderId, amount (a number), region, summary "Order <id> of <amount> needs a review"}`,
        because,
      ),
      { alertAmountType: typeof first.amount },
    );
  },
};
