import { gone } from './support';
import { defineService } from './types';

/** Whether a Parameter Store parameter of this name still exists. */
export async function parameterExists(name: string, config: Record<string, unknown>): Promise<boolean> {
  const { GetParameterCommand, SSMClient } = await import('@aws-sdk/client-ssm');
  return !(await gone(() => new SSMClient(config).send(new GetParameterCommand({ Name: name }))));
}

/** AWS Systems Manager Parameter Store: standard parameters (String and StringList). */
export const ssm = defineService({
  prefix: 'AWS::SSM',
  drawnGrants: 'ssm',
  types: {
    'AWS::SSM::Parameter': {
      price: {
        free: 'standard parameters and standard-throughput API calls are free (advanced parameters and higher throughput are not)',
      },
      diagram: { node: { label: 'SSM parameter', group: 'Configuration' } },
      leftovers: {
        exists: parameterExists,
        findByNameOrTag: async (stackName, config) => {
          const { DescribeParametersCommand, SSMClient } = await import('@aws-sdk/client-ssm');
          const found = await new SSMClient(config).send(
            new DescribeParametersCommand({
              ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: [`/${stackName}/`] }],
            }),
          );
          return (found.Parameters ?? []).map((p) => p.Name ?? '').filter(Boolean);
        },
      },
    },
  },
});
