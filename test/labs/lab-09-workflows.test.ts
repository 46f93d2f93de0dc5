import {
  APPROVAL_THRESHOLD,
  PAYMENT_RETRY,
  PAYMENT_TIMEOUT,
  RESERVE_CONCURRENCY,
  SLOT_WAIT,
} from '../../labs/lab-09-workflows/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import type { CfnTemplate } from '../../lib/docs/diagram';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, stableTemplate } from '../support/synth';

// Synthesized once per test run with every other lab (test/support/lab-cache.ts).
const template = labTemplate('lab-09');

type Resource = { Properties: any };
type State = Record<string, any>;
const machines = () =>
  Object.entries(template.findResources('AWS::StepFunctions::StateMachine')) as [string, Resource][];
const machine = (type: 'STANDARD' | 'EXPRESS') => {
  const found = machines().filter(([, r]) => (r.Properties.StateMachineType ?? 'STANDARD') === type);
  expect(found).toHaveLength(1);
  return found[0][1];
};

/** The definition of a state machine, with every CloudFormation reference in it as "<ref>". */
function definitionOf(resource: Resource): { StartAt: string; States: Record<string, State> } {
  const body = resource.Properties.DefinitionString;
  const text =
    typeof body === 'string'
      ? body
      : (body['Fn::Join'][1] as unknown[])
          .map((part) => (typeof part === 'string' ? part : '<ref>'))
          .join('');
  return JSON.parse(text);
}
const order = () => definitionOf(machine('STANDARD'));
const fulfil = () => order().States.Fulfil;
const branchState = (name: string) => {
  const found = (fulfil().Branches as { States: Record<string, State> }[])
    .map((b) => b.States[name])
    .filter(Boolean);
  expect(found).toHaveLength(1);
  return found[0];
};

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the order workflow records the order with a direct DynamoDB call first', () => {
  const { StartAt, States } = order();
  expect(StartAt).toBe('RecordOrder');
  expect(States.RecordOrder).toMatchObject({
    Type: 'Task',
    Resource: expect.stringContaining(':states:::dynamodb:putItem'),
    Next: 'Route',
  });
  expect(States.ConfirmOrder.Resource).toEqual(expect.stringContaining(':states:::dynamodb:updateItem'));
});

test('the order workflow routes by total and schedule, and waits 2 s for a slot', () => {
  const { Route, WaitForSlot } = order().States;
  expect(Route.Type).toBe('Choice');
  expect(Route.Choices[0]).toMatchObject({
    Variable: '$.total',
    NumericGreaterThanEquals: APPROVAL_THRESHOLD,
    Next: 'RequestApproval',
  });
  expect(Route.Choices[1].Next).toBe('WaitForSlot');
  expect(Route.Default).toBe('Fulfil');
  expect(WaitForSlot).toEqual({ Type: 'Wait', Seconds: SLOT_WAIT.toSeconds(), Next: 'Fulfil' });
});

test('large orders wait for an approval token sent through SQS', () => {
  const approval = order().States.RequestApproval;
  expect(approval.Resource).toEqual(expect.stringContaining(':states:::sqs:sendMessage.waitForTaskToken'));
  expect(approval.Parameters.MessageBody['taskToken.$']).toBe('$$.Task.Token');
  expect(approval.TimeoutSeconds).toBe(300);
  expect(approval.Next).toBe('Fulfil');
});

test('payment and reservations run in parallel; the Map reserves two lines at a time', () => {
  expect(fulfil().Type).toBe('Parallel');
  expect(fulfil().Branches).toHaveLength(2);
  const reserve = branchState('ReserveItems');
  expect(reserve).toMatchObject({ Type: 'Map', ItemsPath: '$.items', MaxConcurrency: RESERVE_CONCURRENCY });
  expect(reserve.ItemProcessor.States.ReserveItem.Resource).toEqual(
    expect.stringContaining(':states:::lambda:invoke'),
  );
});

test('the payment task retries timeouts and provider outages after 1 s, then 2 s, without jitter', () => {
  const charge = branchState('ChargePayment');
  expect(charge.TimeoutSeconds).toBe(PAYMENT_TIMEOUT.toSeconds());
  const retry = {
    IntervalSeconds: PAYMENT_RETRY.interval.toSeconds(),
    BackoffRate: PAYMENT_RETRY.backoffRate,
    MaxAttempts: PAYMENT_RETRY.maxAttempts,
    JitterStrategy: 'NONE',
  };
  expect(charge.Retry).toEqual([
    { ErrorEquals: ['PaymentProviderUnavailable'], ...retry },
    { ErrorEquals: ['States.Timeout'], ...retry },
  ]);
});

test('a failed fulfilment is caught and compensated', () => {
  const { States } = order();
  expect(fulfil().Catch).toEqual([
    { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'CancelOrder' },
  ]);
  expect(States.CancelOrder).toMatchObject({
    Resource: expect.stringContaining(':states:::dynamodb:updateItem'),
    Next: 'OrderFailed',
  });
  expect(States.OrderFailed).toMatchObject({ Type: 'Fail', Error: 'OrderCancelled' });
  expect(fulfil().Next).toBe('ConfirmOrder');
});

test('the quote workflow is Express and logs everything to its own log group', () => {
  const quote = machine('EXPRESS');
  expect(quote.Properties.LoggingConfiguration).toMatchObject({
    Level: 'ALL',
    IncludeExecutionData: true,
    Destinations: [
      { CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
    ],
  });
  expect(definitionOf(quote).States.ByWeight.Type).toBe('Choice');
});

test('both workflows log and trace; every log group is deleted with the lab', () => {
  for (const [, m] of machines()) {
    expect(m.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(m.Properties.LoggingConfiguration.Level).toBe('ALL');
  }
  for (const group of Object.values(template.findResources('AWS::Logs::LogGroup'))) {
    expect(group).toMatchObject({ DeletionPolicy: 'Delete', Properties: { RetentionInDays: 7 } });
  }
});

test('the orders table is on demand with point-in-time recovery, deleted with the lab', () => {
  const tables = Object.values(template.findResources('AWS::DynamoDB::GlobalTable'));
  expect(tables).toHaveLength(1);
  expect(tables[0]).toMatchObject({
    DeletionPolicy: 'Delete',
    Properties: {
      BillingMode: 'PAY_PER_REQUEST',
      Replicas: [{ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }],
    },
  });
});

test('the approvals queue is encrypted and has a dead-letter queue', () => {
  const queues = Object.values(template.findResources('AWS::SQS::Queue')) as Resource[];
  expect(queues).toHaveLength(2);
  for (const q of queues)
    expect(q.Properties.SqsManagedSseEnabled ?? q.Properties.KmsMasterKeyId).toBeTruthy();
  expect(queues.some((q) => q.Properties.RedrivePolicy?.maxReceiveCount === 3)).toBe(true);
});

test('the payment function may only update the orders table', () => {
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  const dynamoStatements = policies
    .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
    .filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
  const actions = new Set(dynamoStatements.flatMap((s) => [s.Action].flat()));
  expect([...actions].sort()).toEqual(['dynamodb:PutItem', 'dynamodb:UpdateItem']);
});

test('costs only the dead-letter alarm per hour while idle: everything else is billed per use', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBeCloseTo(0.1 / 730, 9);
  expect(estimate.notPriced).toEqual([]);
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual(['late-log-groups']);
});
