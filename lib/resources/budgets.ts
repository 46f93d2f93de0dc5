import { DELETED_WITH_STACK } from './support';
import { defineService } from './types';

/** AWS Budgets: the cost budget of the account-wide guardrails stack. */
export const budgets = defineService({
  prefix: 'AWS::Budgets',
  types: {
    'AWS::Budgets::Budget': {
      price: {
        usage: 'AWS Budgets: the first two budgets of an account are free, then $0.02 per budget-day',
      },
      diagram: { hidden: 'account-wide guardrail, not part of a lab architecture' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
