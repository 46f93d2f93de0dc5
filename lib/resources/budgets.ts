import { DELETED_WITH_STACK } from './support';
import { defineService } from './types';

/** AWS Budgets: the cost budget of the account-wide guardrails stack. */
export const budgets = defineService({
  prefix: 'AWS::Budgets',
  types: {
    'AWS::Budgets::Budget': {
      price: {
        free: 'a budget without actions costs nothing (action-enabled budgets: two free, then $0.10 per budget-day)',
      },
      diagram: { hidden: 'account-wide guardrail, not part of a lab architecture' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
