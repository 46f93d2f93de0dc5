import { allReferencedIds, shortName } from './support';
import { defineService } from './types';

/** AWS KMS: customer managed keys (billed per month while they exist). */
export const kms = defineService({
  prefix: 'AWS::KMS',
  drawnGrants: 'kms',
  types: {
    'AWS::KMS::Key': {
      price: {
        hourly: ({ id, add }) => add(`KMS customer managed key ${shortName(id)}`, 1, 'kms:key-month'),
      },
      diagram: {
        node: { label: 'KMS key', group: 'Security' },
        // What it encrypts at rest: the drawn resources whose settings name it (not functions, whose
        // use of a key is drawn from their role's policy, nor what only passes its id along).
        edges: (id, _props, { drawn, resources }) =>
          [...drawn]
            .filter((other) => {
              const type = resources[other]?.Type ?? '';
              if (other === id || /Lambda::Function|IAM::|StepFunctions|Custom::KmsGrant/.test(type))
                return false;
              return allReferencedIds(resources[other]?.Properties ?? {}).has(id);
            })
            .map((other) => ({ from: other, to: id, label: 'encrypted with', dotted: true })),
      },
      leftovers: {
        cannotOutlive:
          'CloudFormation schedules its deletion with the stack: it waits 7-30 days as pending deletion, unusable, then goes',
      },
    },
  },
});
