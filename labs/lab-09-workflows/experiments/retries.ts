/** Retries: a hung payment and a named transient error are retried with backoff (1 s, then 2 s). */

import type { HistoryEvent } from '@aws-sdk/client-sfn';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import {
  EARLY_TOLERANCE_S,
  finished,
  historyOf,
  LATE_TOLERANCE_S,
  order,
  RETRY_GAPS_SECONDS,
  seconds,
  startOrder,
  within,
} from './workflow-helpers';

/** A Lambda task event: the optimized integration (Task*) or a function ARN as resource (LambdaFunction*). */
const isLambdaTask = (event: HistoryEvent) =>
  (event.taskScheduledEventDetails?.resourceType ?? '').includes('lambda') ||
  (event.taskFailedEventDetails?.resource ?? '').includes('lambda') ||
  (event.taskTimedOutEventDetails?.resource ?? '').includes('lambda') ||
  (event.type ?? '').startsWith('LambdaFunction');

const SCHEDULED = new Set(['TaskScheduled', 'LambdaFunctionScheduled']);
const FAILED = new Set(['TaskFailed', 'TaskTimedOut', 'LambdaFunctionFailed', 'LambdaFunctionTimedOut']);

/**
 * The attempts of the one Lambda task of an order without order lines (the payment): for each
 * failure, its error and the seconds until the next attempt was scheduled.
 */
function retryGaps(events: HistoryEvent[]) {
  const lambdaEvents = events.filter(isLambdaTask);
  const scheduled = lambdaEvents.filter((e) => SCHEDULED.has(e.type ?? ''));
  const failures = lambdaEvents
    .filter((e) => FAILED.has(e.type ?? ''))
    .map((e) => ({
      error:
        e.taskFailedEventDetails?.error ??
        e.taskTimedOutEventDetails?.error ??
        e.lambdaFunctionFailedEventDetails?.error ??
        e.lambdaFunctionTimedOutEventDetails?.error ??
        e.type ??
        '',
      at: e.timestamp,
    }));
  const gaps = failures.map(({ at }) => {
    const next = scheduled.find((s) => s.timestamp && at && s.timestamp > at);
    return seconds(at, next?.timestamp);
  });
  return { attempts: scheduled.length, errors: failures.map((f) => f.error), gaps };
}

/** Runs an order whose payment goes wrong twice, and reads the retries from its history. */
async function retriedPayment(
  context: ExperimentContext<Output>,
  payment: 'slow' | 'flaky',
  expectedError: string,
) {
  // No order lines: the payment is the only function the execution calls, so every Lambda event is one.
  const input = order(payment, { payment, failAttempts: 2, items: [] });
  const executionArn = await startOrder(context, input);
  const result = await finished(context, executionArn);
  const { attempts, errors, gaps } = retryGaps(await historyOf(context, executionArn));
  // The retries first (was the error tried again, three attempts in all), then their backoff.
  const because =
    attempts !== 3 || errors.length !== 2 || !errors.every((e) => e === expectedError)
      ? 'not-retried'
      : result.status !== 'SUCCEEDED'
        ? 'not-succeeded'
        : gaps.length === RETRY_GAPS_SECONDS.length &&
            gaps.every((gap, i) => within(gap, RETRY_GAPS_SECONDS[i]))
          ? undefined
          : 'backoff';
  return withMeasurements(
    expectThat(
      because === undefined,
      `execution ${result.status}; ${attempts} attempts; failures: ${errors.join(', ') || 'none'}; ` +
        `next attempt after ${gaps.map((g) => `${g} s`).join(', then ') || '-'}`,
      `SUCCEEDED on attempt 3; two ${expectedError} failures; retried after ${RETRY_GAPS_SECONDS.join(' s, then ')} s ` +
        `(each -${EARLY_TOLERANCE_S} s / +${LATE_TOLERANCE_S} s)`,
      because,
    ),
    { firstRetryAfter: gaps[0] ?? Number.NaN, secondRetryAfter: gaps[1] ?? Number.NaN, attempts },
  );
}

export const retryTimeout: Experiment<Output> = {
  name: 'Retry a hung payment with backoff: 1 s, then 2 s',
  fact:
    'A Retry on States.Timeout with IntervalSeconds 1, BackoffRate 2.0, MaxAttempts 2 and no jitter waits 1 s ' +
    'before the second attempt and 2 s before the third; TimeoutSeconds stops waiting for a hung task',
  proof: 'behaviour',
  measures: ['firstRetryAfter', 'secondRetryAfter', 'attempts'],
  skipOn: {
    localstack:
      'LocalStack 4.13.1 names a failed task in the history by service and action (resourceType lambda, ' +
      "resource invoke), and this experiment finds a Lambda failure by 'lambda' in resource (as MiniStack " +
      'writes it): no failure is counted there (observed: SUCCEEDED on attempt 3, failures none).',
  },
  run: (context) => retriedPayment(context, 'slow', 'States.Timeout'),
};

export const retryNamedError: Experiment<Output> = {
  name: 'Retry a transient error by its name',
  fact:
    'A Retry matches the error name a function throws (its errorType, here PaymentProviderUnavailable) and ' +
    'retries it with the same backoff; other errors are not retried',
  proof: 'behaviour',
  measures: ['firstRetryAfter', 'secondRetryAfter', 'attempts'],
  skipOn: {
    localstack:
      'LocalStack 4.13.1 names a failed task in the history by service and action (resourceType lambda, ' +
      "resource invoke), and this experiment finds a Lambda failure by 'lambda' in resource (as MiniStack " +
      'writes it): no failure is counted there (observed: SUCCEEDED on attempt 3, failures none).',
  },
  run: (context) => retriedPayment(context, 'flaky', 'PaymentProviderUnavailable'),
};
