import { Template } from 'aws-cdk-lib/assertions';
import { createLabApp, GUARDRAILS_STACK_NAME, LABS_CONTEXT_KEY } from '../../lib/cdk/app';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { allLabs } from '../../lib/lab/catalogue';

// The guardrails stack does not depend on the labs built beside it: one lab is enough, so these
// tests do not build (and Template.fromStack does not synthesize) every lab of the catalogue.
const oneLab = allLabs()[allLabs().length - 1].id;
const appWith = (context: Record<string, unknown>) =>
  createLabApp({
    context: { 'aws:cdk:bundling-stacks': [], 'labkit:ttl': 'none', [LABS_CONTEXT_KEY]: oneLab, ...context },
  });

test('with budgetEmail, a guardrails stack holds a monthly cost budget with two email alerts', () => {
  const app = appWith({ budgetEmail: 'me@example.com', budgetMonthlyUsd: '20' });
  const template = Template.fromStack(app.node.findChild(GUARDRAILS_STACK_NAME) as never);
  template.hasResourceProperties('AWS::Budgets::Budget', {
    Budget: { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 20, Unit: 'USD' } },
    NotificationsWithSubscribers: [
      {
        Notification: { NotificationType: 'ACTUAL', Threshold: 80 },
        Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'me@example.com' }],
      },
      { Notification: { NotificationType: 'FORECASTED', Threshold: 100 } },
    ],
  });
  expect(estimateHourlyCost(template.toJSON()).notPriced).toEqual([]);
});

test('without budgetEmail there is no guardrails stack', () => {
  expect(appWith({}).node.tryFindChild(GUARDRAILS_STACK_NAME)).toBeUndefined();
});

test.each([
  [{ budgetEmail: 'not-an-email' }, /budgetEmail="not-an-email" is not an email address/],
  [
    { budgetEmail: 'me@example.com', budgetMonthlyUsd: '0' },
    /budgetMonthlyUsd="0" is not an amount of 1-10000/,
  ],
  [{ budgetMonthlyUsd: '20' }, /budgetMonthlyUsd needs budgetEmail too/],
])('bad budget options (%j) are one clear error', (context, message) => {
  expect(() => appWith(context)).toThrow(message);
});
