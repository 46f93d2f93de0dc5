import { defineService } from './types';

const NOT_A_RESOURCE =
  'not a resource in the account: a call to its provider function at create, update and delete';

/** AWS CloudFormation: custom resources, and stacks (which sweep deletes when expired or failed). */
export const cloudformation = defineService({
  prefix: 'AWS::CloudFormation',
  types: {
    'AWS::CloudFormation::CustomResource': {
      price: { free: 'its provider function is priced' },
      diagram: { hidden: 'a deploy-time step, not part of the running architecture' },
      leftovers: { cannotOutlive: NOT_A_RESOURCE },
    },
    'AWS::CloudFormation::Stack': {
      sweep: {
        delete: async (stack, { cloudFormation }) => {
          const { DeleteStackCommand } = await import('@aws-sdk/client-cloudformation');
          await cloudFormation.send(new DeleteStackCommand({ StackName: stack.stackId ?? stack.id }));
          return `deleting stack ${stack.id} in ${stack.region} (${stack.reason}); CloudFormation finishes in the background`;
        },
      },
    },
  },
});
