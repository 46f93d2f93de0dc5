import { DELETED_WITH_STACK, partOf } from './support';
import { defineService } from './types';

/** Amazon SES: receipt rules (drawn: where mail enters a lab) and their rule sets. */
export const ses = defineService({
  prefix: 'AWS::SES',
  types: {
    'AWS::SES::ReceiptRule': {
      price: { free: 'receiving is priced per message by SES, not by the rule' },
      diagram: { node: { label: 'SES receipt rule', group: 'Email' } },
      leftovers: { cannotOutlive: partOf('rule set') },
    },
    'AWS::SES::ReceiptRuleSet': {
      price: { free: 'a container of receipt rules' },
      diagram: { hidden: 'its rules are drawn' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
