import { defineService } from './types';

/** AWS Step Functions: state machines (no lab has one yet: priced only). */
export const stepfunctions = defineService({
  prefix: 'AWS::StepFunctions',
  types: {
    'AWS::StepFunctions::StateMachine': {
      price: { usage: 'Step Functions: $25 per million state transitions (Standard)' },
    },
  },
});
