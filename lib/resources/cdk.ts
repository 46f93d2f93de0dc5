import { defineService } from './types';

/** The CDK's own template entries. */
export const cdk = defineService({
  prefix: 'AWS::CDK',
  types: {
    'AWS::CDK::Metadata': {
      price: { free: 'version reporting of the CDK, not a resource' },
      diagram: { hidden: 'not a resource' },
      leftovers: { cannotOutlive: 'not a resource in the account: template metadata only' },
    },
  },
});
