import { gone } from './support';
import { defineService } from './types';

/** AWS Step Functions: state machines, Standard or Express. */
export const stepfunctions = defineService({
  prefix: 'AWS::StepFunctions',
  drawnGrants: 'states',
  types: {
    'AWS::StepFunctions::StateMachine': {
      price: {
        // Standard bills each state transition; Express bills requests and duration, not transitions.
        usage: (props) =>
          props.StateMachineType === 'EXPRESS'
            ? 'Step Functions Express: $1.00 per million requests plus duration (per GB-second of memory)'
            : 'Step Functions Standard: $25 per million state transitions (4,000 a month free)',
      },
      diagram: {
        node: { label: 'Step Functions state machine', group: 'Compute', role: (props) => props.RoleArn },
      },
      leftovers: {
        exists: async (arn, config) => {
          const { DescribeStateMachineCommand, SFNClient } = await import('@aws-sdk/client-sfn');
          return !(await gone(() =>
            new SFNClient(config).send(new DescribeStateMachineCommand({ stateMachineArn: arn })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { ListStateMachinesCommand, SFNClient } = await import('@aws-sdk/client-sfn');
          const { stateMachines = [] } = await new SFNClient(config).send(new ListStateMachinesCommand({}));
          return stateMachines.filter((m) => namedForLab(m.name)).map((m) => m.stateMachineArn ?? '');
        },
      },
    },
  },
});
