import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

const RETRY = 'retryTimeout';

/** What to predict before `npx labs verify lab-09`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'second-retry-gap',
    question:
      'The payment task retries with IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 2 and no jitter. How many seconds pass between the second failure and the third attempt?',
    experiment: RETRY,
    measure: 'secondRetryAfter',
    answer: { kind: 'number', tolerance: 0.5 },
    fact: 'Retry n waits IntervalSeconds × BackoffRate^(n-1): 1 s, then 2 s.',
  },
  {
    id: 'attempts',
    question: 'With MaxAttempts 2 on the retrier, how many times at most is the payment function called?',
    experiment: RETRY,
    measure: 'attempts',
    answer: { kind: 'number' },
    fact: 'MaxAttempts counts retries, not attempts: one attempt plus two retries.',
  },
  {
    id: 'declined-attempts',
    question:
      'A declined card throws PaymentDeclined, an error no retrier names. How many payment attempts are recorded before the order is cancelled?',
    experiment: 'compensate',
    measure: 'paymentAttempts',
    answer: { kind: 'number' },
    fact: 'A Retry applies only to the errors it lists; anything else goes straight to the Catch.',
  },
  {
    id: 'map-at-once',
    question:
      'An order has four lines; the Map state has MaxConcurrency 2 and each reservation takes one second. How many reservations run at the same moment at most?',
    experiment: 'mapConcurrency',
    measure: 'mostAtOnce',
    answer: { kind: 'number' },
    fact: 'MaxConcurrency caps the iterations in flight; 0 (the default) runs as many as Step Functions can.',
  },
  {
    id: 'waiting-status',
    question:
      'The approval task sent its token to the queue 3 s ago and nobody has answered. What does DescribeExecution say? (RUNNING / SUCCEEDED / FAILED / TIMED_OUT)',
    experiment: 'callback',
    measure: 'statusWhileWaiting',
    answer: { kind: 'choice', choices: ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT'] },
    fact: 'A .waitForTaskToken task pauses the execution (RUNNING) until SendTaskSuccess/Failure or its timeout.',
  },
];
