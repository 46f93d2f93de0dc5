import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-09 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'An order process charges a card, waits up to three days for a warehouse to confirm, and must never charge twice. Which Step Functions workflow type fits?',
    choices: [
      {
        text: 'Asynchronous Express workflow',
        wrong: 'it runs at least once (a step may run twice) and ends after five minutes',
      },
      {
        text: 'Synchronous Express workflow',
        wrong: 'it ends after five minutes, far short of three days',
      },
      { text: 'Standard workflow', right: true },
      {
        text: 'Express workflow with a Wait state of three days',
        wrong: 'an Express execution ends after five minutes, whatever its Wait states say',
      },
    ],
    explanation:
      'Standard workflows run exactly once and up to one year, with a stored execution history. Express workflows suit short, idempotent steps.',
    shownBy: { guide: 'Standard or Express' },
    domain: 'resilient',
  },
  {
    question:
      'A mobile backend must validate and price a cart in well under a second at 5,000 requests per second, and return the result to the caller. What is the most cost-effective design?',
    choices: [
      {
        text: 'A Standard workflow called with StartExecution, polled with DescribeExecution',
        wrong:
          'Standard is priced per state transition and returns nothing synchronously; polling adds delay',
      },
      { text: 'An Express workflow called with StartSyncExecution', right: true },
      {
        text: 'A Standard workflow with a .waitForTaskToken callback to the caller',
        wrong: 'callbacks are for long waits, and Standard is priced per state transition',
      },
      {
        text: 'An Express workflow called with StartExecution, result read with GetExecutionHistory',
        wrong: 'Express keeps no execution history to read, and StartExecution returns no output',
      },
    ],
    explanation:
      'StartSyncExecution returns the output of an Express execution in its response, and Express is priced per request and duration, which suits high-volume short work.',
    shownBy: { experiment: 'expressSync' },
    domain: 'cost',
  },
  {
    question:
      'A payment API sometimes times out for a few seconds. The workflow must try again after 1, 2 and 4 seconds, but must not retry when the card is declined. What do you configure on the task?',
    choices: [
      {
        text: 'A Retry on States.ALL with IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3, so every failure is retried',
        wrong: 'States.ALL matches every error, so declined cards are retried too',
      },
      {
        text: 'A Retry on States.TaskFailed with IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3, and a Catch for the rest',
        wrong: 'States.Timeout is not part of States.TaskFailed, and a declined card is a TaskFailed',
      },
      {
        text: 'A Wait state of 1 second, then the task, with a Catch on States.Timeout that loops back to the Wait',
        wrong: 'the loop repeats the same 1-second wait and has no attempt counter',
      },
      {
        text: 'A Retry on States.Timeout with IntervalSeconds 1, BackoffRate 2 and MaxAttempts 3, and a Catch for the declined error',
        right: true,
      },
    ],
    explanation:
      'A retrier applies only to the errors it names; States.Timeout is the one a TimeoutSeconds produces. Waits grow by BackoffRate: 1, 2, 4 s.',
    shownBy: { experiment: 'retryTimeout' },
    domain: 'resilient',
  },
  {
    question:
      'A workflow books a hotel, a flight and a car. When the car booking fails for good, the hotel and the flight must be cancelled. How do you build this in Step Functions?',
    choices: [
      {
        text: 'A Catch on the failing step that goes to compensating steps which cancel what was booked (a saga)',
        right: true,
      },
      {
        text: 'A Retry with MaxAttempts 0 on the car booking, so that the execution fails and rolls back',
        wrong: 'MaxAttempts 0 only means no retry; a failed execution undoes nothing',
      },
      {
        text: 'Run the three bookings in a Parallel state, which cancels the branches that succeeded when one fails',
        wrong: 'a failing branch stops the branches still running; completed work is not undone',
      },
      {
        text: 'Run the three bookings in an Express workflow, which rolls back on failure',
        wrong: 'Express workflows roll nothing back either',
      },
    ],
    explanation:
      'Step Functions does not undo completed steps; a Catch routes the error to states that run the compensating actions, then the execution can end in a Fail state.',
    shownBy: { experiment: 'compensate' },
    domain: 'resilient',
  },
  {
    question:
      'Orders above a limit need a manager’s approval by email, which may take days. The workflow must pause without polling and continue when the manager clicks a link. Which two do you use?',
    choices: [
      {
        text: 'A Wait state and a Choice state that check a DynamoDB flag every minute',
        wrong: 'that is polling: it pays a state transition per check for days',
      },
      {
        text: 'A task with the .waitForTaskToken pattern that sends the task token in the approval request',
        right: true,
      },
      {
        text: 'An Express workflow with a five-day timeout',
        wrong: 'Express workflows end after five minutes and do not support the callback pattern',
      },
      { text: 'SendTaskSuccess with the token, called by the link’s handler', right: true },
    ],
    explanation:
      'A .waitForTaskToken task hands out a token and pauses the (Standard) execution until SendTaskSuccess or SendTaskFailure returns it, or its timeout or heartbeat expires.',
    shownBy: { experiment: 'callback' },
    domain: 'developing',
  },
  {
    question:
      'A workflow sends one request per line item to a partner API that allows only two concurrent calls. Orders can have hundreds of lines. What do you set?',
    choices: [
      {
        text: 'A Parallel state with two branches',
        wrong: 'a Parallel state has a fixed set of branches; it cannot iterate over hundreds of lines',
      },
      {
        text: 'A Map state with MaxConcurrency 0',
        wrong: 'MaxConcurrency 0 sets no cap of its own: an Inline Map then runs up to 40 at once',
      },
      { text: 'A Map state with MaxConcurrency 2', right: true },
      {
        text: 'Reserved concurrency of 2 on the state machine',
        wrong: 'state machines have no reserved concurrency setting (functions do)',
      },
    ],
    explanation: 'MaxConcurrency caps how many Map iterations run at once.',
    shownBy: { experiment: 'mapConcurrency' },
    domain: 'performing',
  },
  {
    question:
      'Each night a workflow must process 3 million rows of a CSV file that lands in S3, running up to a thousand workers at once. Which state reads the file?',
    choices: [
      {
        text: 'A Parallel state with one branch per worker',
        wrong: 'its branches are fixed in the definition; it reads no file',
      },
      {
        text: 'A Distributed Map with an S3 item reader',
        right: true,
      },
      {
        text: 'An Inline Map over the rows in the input',
        wrong: '3 million rows exceed the 256 KiB state input, and it runs 40 at once',
      },
      {
        text: 'A Task state that calls S3 GetObject once',
        wrong: 'it returns the file in one piece and processes no rows',
      },
    ],
    explanation:
      'A Distributed Map reads items from S3 and runs them as child executions, up to 10,000 at once. An Inline Map takes its items from the state input (256 KiB at most) and runs up to 40 at once; a Parallel state has fixed branches.',
    shownBy: { guide: 'Exam facts' },
    domain: 'performing',
  },
  {
    question:
      'A workflow starts an ECS task that runs for 40 minutes, and must go on only when it has finished. Which integration pattern, on which workflow type?',
    choices: [
      {
        text: 'Request Response in an Express workflow, then a Wait state',
        wrong: 'a guessed wait is not the end of the task, and Express stops at 5 minutes',
      },
      {
        text: '.waitForTaskToken in an Express workflow, with the token sent to ECS',
        wrong: 'Express supports neither callback nor .sync, and ECS sends no token back',
      },
      {
        text: 'Request Response in a Standard workflow, polling DescribeTasks',
        wrong: 'it works, but it is polling: a loop of states for what .sync does itself',
      },
      {
        text: 'Run a Job (.sync) in a Standard workflow',
        right: true,
      },
    ],
    explanation:
      'The .sync pattern waits for the job to end; it and .waitForTaskToken are for Standard workflows, which also outlast Express’s five minutes.',
    shownBy: { guide: 'Exam facts' },
    domain: 'developing',
  },
  {
    question:
      'A client may retry its "start order" call after a timeout. The order must not be processed twice. What makes the retried StartExecution safe on a Standard workflow?',
    choices: [
      {
        text: 'Give each order a random execution name on every call',
        wrong: 'a new name on the retry starts a second execution',
      },
      {
        text: 'Use the order id as the execution name',
        right: true,
      },
      {
        text: 'Switch the workflow to an asynchronous Express one',
        wrong: 'Express runs at least once: duplicates are possible',
      },
      {
        text: 'Add a Retry with MaxAttempts 0 on the first state',
        wrong: 'it acts inside one execution, not on a second start',
      },
    ],
    explanation:
      'A Standard execution name is unique for 90 days: the same name with the same input while it runs returns that execution, and after it closed the start is refused (ExecutionAlreadyExists).',
    shownBy: { guide: 'Exam facts' },
    domain: 'resilient',
  },
];
