import { defineService } from './types';

/** The kit's own custom resource types (`Custom::...`). */
export const custom = defineService({
  prefix: 'Custom',
  types: {
    'Custom::SesRuleSetActivator': {
      price: { free: 'its provider function is priced' },
      diagram: { hidden: 'a deploy-time step, not part of the running architecture' },
      leftovers: {
        cannotOutlive:
          'not a resource in the account: a call to its provider function at create, update and delete',
      },
    },
  },
});
