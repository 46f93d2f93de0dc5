import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

const YES_NO = { kind: 'choice', choices: ['yes', 'no'] } as const;

/** What to predict before `npx labs verify lab-02`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'billing-orders',
    question:
      'Of 1,000 published orders, 191 carry eventType order_placed, 191 refund_issued, 574 another type, and 44 no eventType attribute. How many reach the billing queue (eventType order_placed or refund_issued)?',
    experiment: 'fanOut',
    measure: 'billing',
    answer: { kind: 'number' },
    fact: 'A filter passes only the listed values, and an order without an eventType attribute matches nothing: 191 + 191, none of the 44.',
  },
  {
    id: 'no-event-type',
    question:
      'An order published without an eventType attribute: does the fulfilment consumer (eventType anything-but order_cancelled) get it? (yes/no)',
    experiment: 'fanOut',
    measure: 'noEventTypeFulfilled',
    answer: YES_NO,
    fact: 'A filter key needs its attribute to be present: anything-but does not match a message that lacks it.',
  },
  {
    id: 'dlq-receives',
    question:
      'A message is received and never deleted. After how many receives is it in the dead-letter queue?',
    experiment: 'deadLetter',
    measure: 'receivesBeforeDeadLetter',
    answer: { kind: 'number' },
    fact: "After the redrive policy's maxReceiveCount receives (3 here) the next receive moves it to the DLQ.",
  },
  {
    id: 'hidden-seconds',
    question:
      'The EuAnalytics queue sets no visibility timeout. A received, undeleted message comes back after how many seconds?',
    experiment: 'visibility',
    measure: 'hiddenForSeconds',
    answer: { kind: 'number', tolerance: 3 },
    fact: 'SQS hides a received message for 30 s unless the queue or the receive call sets another visibility timeout.',
  },
  {
    id: 'string-amount',
    question:
      'amount "500" sent as a String attribute: does LargeOrders (100 <= amount <= 1000) get it? (yes/no)',
    experiment: 'numericFilterType',
    measure: 'stringAmountDelivered',
    answer: YES_NO,
    fact: 'A numeric filter condition compares Number attributes; the same digits sent as a String do not match it.',
  },
];
