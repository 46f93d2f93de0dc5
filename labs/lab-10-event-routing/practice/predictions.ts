import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

const YES_NO = { kind: 'choice', choices: ['yes', 'no'] } as const;
const ROUTE = 'rulesRouteByContent';

/** What to predict before `npx labs verify lab-10`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'upper-case-eu',
    question:
      'The EU rule matches detail.region with {"prefix": "eu-"}. Does an order from region "EU-west-3" reach the EU queue? (yes/no)',
    experiment: ROUTE,
    measure: 'upperCaseEuReached',
    answer: YES_NO,
    fact: 'prefix matching is case-sensitive ("equals-ignore-case" exists, nested in prefix, for the other case).',
  },
  {
    id: 'string-amount',
    question:
      'The mid-size rule matches detail.amount with {"numeric": [">=", 100, "<", 1000]}. Does an order whose amount is the string "250" reach it? (yes/no)',
    experiment: ROUTE,
    measure: 'stringAmountInRange',
    answer: YES_NO,
    fact: 'Numeric matching applies to JSON numbers only: the string "250" is not a number to EventBridge.',
  },
  {
    id: 'empty-coupon',
    question:
      'The coupon rule matches {"coupon": [{"exists": true}]}. Does an order with "coupon": "" (an empty string) reach it? (yes/no)',
    experiment: ROUTE,
    measure: 'emptyCouponMatched',
    answer: YES_NO,
    fact: 'exists: true asks only that the field is there, whatever its value.',
  },
  {
    id: 'alert-amount-type',
    question:
      'The input transformer maps <amount> from $.detail.amount (a number) into the template {"amount": <amount>, ...}. What JSON type is amount in the alert? (number/string)',
    experiment: 'inputTransformerReshapes',
    measure: 'alertAmountType',
    answer: { kind: 'choice', choices: ['number', 'string'] },
    fact: 'An unquoted placeholder keeps the JSON type of the value; a placeholder inside quotes becomes text.',
  },
  {
    id: 'replayed-delivered',
    question:
      'Five events are archived, then replayed to the bus. How many of them reach the rule that admits only events with a replay-name field?',
    experiment: 'archiveAndReplay',
    measure: 'replayedDelivered',
    answer: { kind: 'number' },
    fact: 'A replay sends every archived event of the time window again, each with replay-name set to the replay: all five, and none of the live ones.',
  },
];
