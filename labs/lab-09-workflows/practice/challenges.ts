import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

/**
 * The AWS CLI steps that edit the order workflow in place: read its definition, edit it with python3
 * (`edit` is a Python statement over `d`, the definition, with `charge`, `reserve` and `fulfil` bound
 * to those states), send it back with UpdateStateMachine.
 */
const updateDefinition = (edit: string) =>
  [
    `definition=$(mktemp)`,
    `aws stepfunctions describe-state-machine --state-machine-arn $OrderWorkflowArn --query definition --output text > "$definition"`,
    `python3 -c 'import json,sys; p=sys.argv[1]; d=json.load(open(p)); fulfil=d["States"]["Fulfil"]; ` +
      `states={k: v for b in fulfil["Branches"] for k, v in b["States"].items()}; ` +
      `charge=states["ChargePayment"]; reserve=states["ReserveItems"]; ${edit}; json.dump(d, open(p, "w"))' "$definition"`,
    `aws stepfunctions update-state-machine --state-machine-arn $OrderWorkflowArn --definition "file://$definition" > /dev/null`,
    `rm -f "$definition"`,
  ].join('\n');

/** lab-09's break-fix exercises: each takes one safeguard of the order workflow away. */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'inventory-overload',
    scenario:
      'A Map state without MaxConcurrency fans out to every item at once and overwhelms a downstream service',
    symptom:
      'The inventory team reports that large orders now hit their service with every order line at the same ' +
      'moment; it was agreed that an order never sends more than two reservations at once.',
    break: [{ find: '      maxConcurrency: RESERVE_CONCURRENCY,\n', replace: '' }],
    checks: ['mapConcurrency'],
    hints: [
      'The reservations are made by one state that runs once per order line: what decides how many of its runs overlap?',
      'Look at the ReserveItems state in the definition (aws stepfunctions describe-state-machine) or the Map in stack.ts.',
      'A Map state runs its iterations in parallel; MaxConcurrency caps how many run at once; 0 or no value sets no cap of its own (an Inline Map still runs at most 40 at once).',
    ],
    fix: {
      cli: updateDefinition('reserve["MaxConcurrency"] = 2'),
      stack:
        'Give the ReserveItems Map back maxConcurrency: RESERVE_CONCURRENCY, then npx labs deploy lab-09.',
    },
  },
  {
    name: 'slow-provider',
    scenario: 'Retrying States.TaskFailed neither covers timeouts nor spares errors that will never go away',
    symptom:
      'Since the last release, orders fail whenever the payment provider is slow to answer, and the provider ' +
      'complains that it now sees every declined card three times.',
    break: [{ find: '[sfn.Errors.TIMEOUT]]', replace: '[sfn.Errors.TASKS_FAILED]]' }],
    checks: ['retryTimeout', 'compensate'],
    hints: [
      'Two things changed at once: slow answers are no longer tried again, and declined cards are. Which part of the payment task decides what is tried again?',
      'Look at the Retry list of the ChargePayment state (aws stepfunctions describe-state-machine) or the addRetry calls in stack.ts.',
      'States.TaskFailed matches every task error except States.Timeout; a retrier should name the errors that can go away (here a timeout), so others reach the Catch at once.',
    ],
    fix: {
      cli: updateDefinition('charge["Retry"][1]["ErrorEquals"] = ["States.Timeout"]'),
      stack: 'Make the second retrier match [sfn.Errors.TIMEOUT] again, then npx labs deploy lab-09.',
    },
  },
  {
    name: 'declined-orders-linger',
    scenario: 'A Catch that names too few errors lets a failure end the execution without its compensation',
    symptom:
      'Customers whose card was declined still see their order as RECEIVED days later; it is never marked ' +
      'cancelled, although the workflow execution ended.',
    break: [
      {
        find: '.addCatch(cancelOrder, { errors: [sfn.Errors.ALL],',
        replace: '.addCatch(cancelOrder, { errors: [sfn.Errors.TIMEOUT],',
      },
    ],
    checks: ['compensate'],
    hints: [
      'The order is recorded, the payment fails, and then nothing undoes the record: which part of the workflow is meant to run when fulfilment fails?',
      'Look at the Catch of the Fulfil state (aws stepfunctions describe-state-machine) or addCatch in stack.ts, and at the error in the failed execution.',
      'A Catch runs its Next state only for the errors it lists; States.ALL catches every error, so every failure reaches the compensation.',
    ],
    fix: {
      cli: updateDefinition('fulfil["Catch"][0]["ErrorEquals"] = ["States.ALL"]'),
      stack: 'Make the Catch of the Fulfil state match [sfn.Errors.ALL] again, then npx labs deploy lab-09.',
    },
  },
  {
    name: 'provider-blips-cancel-orders',
    scenario:
      'A retrier matches error names exactly: one that names an error the function never throws retries nothing',
    symptom:
      'Whenever the payment provider has a short outage, the orders caught in it are cancelled at once, although ' +
      'the provider is back a second later and the workflow was meant to try again.',
    break: [
      {
        find: "for (const errors of [['PaymentProviderUnavailable'], [sfn.Errors.TIMEOUT]]) {",
        replace: "for (const errors of [['PaymentProviderDown'], [sfn.Errors.TIMEOUT]]) {",
      },
    ],
    checks: ['retryNamedError'],
    hints: [
      'The provider answers with an error that says it is unavailable: does anything in the payment task match that error?',
      'Compare the error of a cancelled order (aws stepfunctions get-execution-history: TaskFailed) with the Retry list of ChargePayment (describe-state-machine), or the addRetry calls in stack.ts.',
      'ErrorEquals compares the error name character for character with the errorType the function throws; a retrier naming PaymentProviderDown never matches PaymentProviderUnavailable, so the error goes straight to the Catch.',
    ],
    fix: {
      cli: updateDefinition('charge["Retry"][0]["ErrorEquals"] = ["PaymentProviderUnavailable"]'),
      stack:
        "Make the first retrier match ['PaymentProviderUnavailable'] again, then npx labs deploy lab-09.",
    },
  },
];
