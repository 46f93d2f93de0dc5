import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-09 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An order process charges a card, waits up to three days for a warehouse to confirm, and must never charge twice. Which Step Functions workflow type fits?',
    choices: [
      'Standard workflow',
      'Asynchronous Express workflow',
      'Synchronous Express workflow',
      'Express workflow with a Wait state of three days',
    ],
    answer: [0],
    explanation:
      'Standard workflows run exactly once and up to one year, with a stored execution history. Express workflows end after five minutes at most and run at least once (asynchronous) or at most once (synchronous), so they suit short, idempotent steps.',
    shownBy: { guide: 'Standard or Express' },
    domain: 'resilient',
  },
  {
    question:
      'A mobile backend must validate and price a cart in well under a second at 5,000 requests per second, and return the result to the caller. What is the most cost-effective design?',
    choices: [
      'An Express workflow called with StartSyncExecution',
      'A Standard workflow called with StartExecution, polled with DescribeExecution',
      'A Standard workflow with a .waitForTaskToken callback',
      'An Express workflow called with StartExecution, result read with GetExecutionHistory',
    ],
    answer: [0],
    explanation:
      'StartSyncExecution returns the output of an Express execution in its response, and Express is priced per request and duration, which suits high-volume short work. Standard is priced per state transition and returns nothing synchronously; Express keeps no execution history to read.',
    shownBy: { experiment: 'expressSync' },
    domain: 'cost',
  },
  {
    question:
      'A payment API sometimes times out for a few seconds. The workflow must try again after 1, 2 and 4 seconds, but must not retry when the card is declined. What do you configure on the task?',
    choices: [
      'A Retry on States.Timeout with IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3, and a Catch for the declined error',
      'A Retry on States.ALL with IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3',
      'A Retry on States.TaskFailed with IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3',
      'A Wait state of 7 seconds before the task',
    ],
    answer: [0],
    explanation:
      'A retrier applies only to the errors it names; States.Timeout is the one a TimeoutSeconds produces and is not part of States.TaskFailed. States.ALL would retry declined cards too. Waits grow by BackoffRate: 1, 2, 4 s.',
    shownBy: { experiment: 'retryTimeout' },
    domain: 'resilient',
  },
  {
    question:
      'A workflow books a hotel, a flight and a car. When the car booking fails for good, the hotel and the flight must be cancelled. How do you build this in Step Functions?',
    choices: [
      'A Catch on the failing step that goes to compensating steps which cancel what was booked (a saga)',
      'A Retry with MaxAttempts 0 on the car booking',
      'Run the three bookings in an Express workflow, which rolls back on failure',
      'Set the state machine to roll back automatically in its definition',
    ],
    answer: [0],
    explanation:
      'Step Functions does not undo completed steps; a Catch routes the error to states that run the compensating actions, then the execution can end in a Fail state. Express workflows roll nothing back either.',
    shownBy: { experiment: 'compensate' },
    domain: 'resilient',
  },
  {
    question:
      'Orders above a limit need a manager’s approval by email, which may take days. The workflow must pause without polling and continue when the manager clicks a link. What do you use? (Choose two.)',
    choices: [
      'A task with the .waitForTaskToken pattern that sends the task token in the approval request',
      'SendTaskSuccess with the token, called by the link’s handler',
      'A Wait state that checks a DynamoDB flag every minute',
      'An Express workflow with a five-day timeout',
    ],
    answer: [0, 1],
    explanation:
      'A .waitForTaskToken task hands out a token and pauses the (Standard) execution until SendTaskSuccess or SendTaskFailure returns it, or its timeout or heartbeat expires. Polling wastes transitions; Express workflows end after five minutes and do not support the callback pattern.',
    shownBy: { experiment: 'callback' },
    domain: 'developing',
  },
  {
    question:
      'A workflow sends one request per line item to a partner API that allows only two concurrent calls. Orders can have hundreds of lines. What do you set?',
    choices: [
      'A Map state with MaxConcurrency 2',
      'A Parallel state with two branches',
      'A Map state with MaxConcurrency 0',
      'Reserved concurrency of 2 on the state machine',
    ],
    answer: [0],
    explanation:
      'MaxConcurrency caps how many Map iterations run at once (0 means no cap). A Parallel state has a fixed set of branches; state machines have no reserved concurrency setting.',
    shownBy: { experiment: 'mapConcurrency' },
    domain: 'performing',
  },
];
