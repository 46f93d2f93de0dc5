import { shortName } from './support';
import { defineService } from './types';

/** AWS KMS: customer managed keys (billed per month while they exist). */
export const kms = defineService({
  prefix: 'AWS::KMS',
  types: {
    'AWS::KMS::Key': {
      price: {
        hourly: ({ id, add }) => add(`KMS customer managed key ${shortName(id)}`, 1, 'kms:key-month'),
      },
      diagram: { hidden: 'encryption at rest of the topics or tables that use it, not a flow' },
      leftovers: {
        cannotOutlive:
          'CloudFormation schedules its deletion with the stack: it waits 7-30 days as pending deletion, unusable, then goes',
      },
    },
  },
});
