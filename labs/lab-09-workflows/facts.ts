import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const DG = 'https://docs.aws.amazon.com/step-functions/latest/dg';
const STANDARD_VS_EXPRESS = `${DG}/concepts-standard-vs-express.html`;
const GUARANTEES = `${DG}/express-at-least-once-execution.html`;
const ERRORS = `${DG}/concepts-error-handling.html`;
const CALLBACK = `${DG}/connect-to-resource.html#connect-wait-token`;
const MAP = `${DG}/state-map-inline.html`;
const DYNAMODB = `${DG}/connect-ddb.html`;
const SYNC = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartSyncExecution.html';
const DESCRIBE = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeExecution.html';
const PRICING = 'https://aws.amazon.com/step-functions/pricing/';
const DISTRIBUTED_MAP = `${DG}/state-map-distributed.html`;
const RUN_A_JOB = `${DG}/connect-to-resource.html#connect-sync`;
const START = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html';

/** The exam facts lab-09 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'A state machine is a JSON document (Amazon States Language): a Choice state picks the next state from the input, a Wait state pauses for seconds or until a timestamp, and every state entered is in the execution history',
    notes:
      '`003_4fb32c6148cb8c93.txt` - Step Functions (states; "think of Step Functions when you need a wait period"); `004_290acbaf18f7d933.txt` - AWS Step Functions',
    experiments: ['routeEveryBranch'],
    templateTests: ['the order workflow routes by total and schedule, and waits 2 s for a slot'],
  },
  {
    fact: 'Direct service integrations call AWS APIs from the workflow itself (here DynamoDB PutItem and UpdateItem), with no Lambda function to write, run or pay for',
    notes: '`003_4fb32c6148cb8c93.txt` - Step Functions (integrates with DynamoDB, SQS, SNS...)',
    sources: [DYNAMODB],
    experiments: ['directDynamoDb'],
  },
  {
    fact: 'Retry waits IntervalSeconds before the first retry and multiplies the wait by BackoffRate each time (defaults 1 s, 2.0, MaxAttempts 3; MaxAttempts counts retries); JitterStrategy FULL randomises the waits, MaxDelaySeconds caps them. TimeoutSeconds turns a hung task into States.Timeout, which States.TaskFailed does not match',
    notes: '`002_b4197942c38b97e3.txt` - AWS Step Functions ("timeouts, error handling")',
    sources: [ERRORS],
    experiments: ['retryTimeout', 'retryNamedError'],
    templateTests: [
      'the payment task retries timeouts and provider outages after 1 s, then 2 s, without jitter',
    ],
  },
  {
    fact: 'A Catch sends the errors it lists to another state, with the error in the input: the place for compensating steps (a saga), since Step Functions undoes nothing by itself. A retrier applies only to the errors it names',
    notes: '`002_b4197942c38b97e3.txt` - AWS Step Functions ("error handling")',
    sources: [ERRORS],
    experiments: ['compensate'],
    templateTests: ['a failed fulfilment is caught and compensated'],
  },
  {
    fact: 'A Parallel state runs fixed branches at once; a Map state runs its steps once per array item, at most MaxConcurrency at a time (0 or none sets no cap of its own, but an Inline Map still runs at most 40 iterations at once; a Distributed Map up to 10,000 child executions), and returns the results in input order',
    notes: '`004_290acbaf18f7d933.txt` - AWS Step Functions (sequential steps, parallel steps, branching)',
    sources: [MAP],
    experiments: ['mapConcurrency'],
    templateTests: ['payment and reservations run in parallel; the Map reserves two lines at a time'],
  },
  {
    fact: 'The callback pattern (.waitForTaskToken) passes a task token to another service (here in an SQS message) and pauses the execution until SendTaskSuccess or SendTaskFailure returns it, or the task times out: the way to wait for a person (approvals) without polling. Standard workflows only',
    notes:
      '`002_b4197942c38b97e3.txt` - AWS Step Functions ("human approval feature"); `004_290acbaf18f7d933.txt` - SWF (human-enabled workflows)',
    sources: [CALLBACK],
    experiments: ['callback'],
    templateTests: ['large orders wait for an approval token sent through SQS'],
  },
  {
    fact: 'Standard workflows run exactly once, for up to one year, keep their execution history (90 days) and are billed per state transition; Express workflows run at least once (asynchronous) or at most once (synchronous), for up to five minutes, and are billed per request and duration',
    notes: '`003_4fb32c6148cb8c93.txt` - Step Functions (Standard and Express workflow)',
    sources: [STANDARD_VS_EXPRESS, GUARANTEES, PRICING],
    templateTests: ['the quote workflow is Express and logs everything to its own log group'],
    remark:
      'not shown here: run times of a year, duplicate runs and billing cannot be observed in a lab run; the template test checks only which type each workflow is (the synchronous call is the next fact)',
  },
  {
    fact: 'StartSyncExecution (Express only) returns the execution’s output in its response; Express executions have no execution history (DescribeExecution and GetExecutionHistory refuse them), so they are observed through CloudWatch Logs',
    notes: 'not in the notes (synchronous Express, Express observability)',
    sources: [SYNC, DESCRIBE],
    experiments: ['expressSync', 'expressNoHistory'],
  },
  {
    fact: 'A Distributed Map reads its items from S3 (a CSV or JSON file, a listing of objects, an S3 inventory) and runs them, in batches if asked, as child workflow executions, up to 10,000 at once: for data sets far beyond what an Inline Map (at most 40 at once, items inside the 256 KiB state input) can take',
    notes: '`004_290acbaf18f7d933.txt` - AWS Step Functions (parallel steps)',
    sources: [DISTRIBUTED_MAP, MAP],
    remark: 'not shown here: the lab’s Map is Inline, over the few lines of one order',
  },
  {
    fact: 'The Run a Job pattern (.sync) starts a job (an ECS task, a Glue or Batch job, another state machine) and moves on only when the job has ended; Express workflows support neither .sync nor .waitForTaskToken, only Request Response',
    notes: '`002_b4197942c38b97e3.txt` - AWS Step Functions',
    sources: [RUN_A_JOB],
    remark:
      'not shown here: the lab starts no job service; its callback experiment shows the other pattern that waits',
  },
  {
    fact: 'A Standard execution name is unique per account, Region and state machine for 90 days: StartExecution with the name of a closed execution is refused (ExecutionAlreadyExists), and with a running one’s name and the same input it returns that execution again, so a retried start does not run the work twice',
    notes: 'not in the notes (idempotent StartExecution)',
    sources: [START],
    remark: 'not shown here: the experiments give every order a fresh name and do not try a second start',
  },
];
