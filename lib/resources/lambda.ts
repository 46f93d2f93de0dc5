import { asList, DELETED_WITH_STACK, gone, partOf, referencedId } from './support';
import { defineService } from './types';

type OnFailure = { OnFailure?: { Destination?: unknown } } | undefined;

/** AWS Lambda: functions, their permissions, event source mappings and asynchronous invoke settings. */
export const lambda = defineService({
  prefix: 'AWS::Lambda',
  drawnGrants: 'lambda',
  types: {
    'AWS::Lambda::Function': {
      price: { usage: 'Lambda: $0.20 per million requests + $0.0000166667 per GB-second' },
      diagram: {
        node: {
          label: 'Lambda',
          group: 'Compute',
          subnets: (props) => (props.VpcConfig as { SubnetIds?: unknown } | undefined)?.SubnetIds,
          securityGroups: (props) =>
            asList((props.VpcConfig as { SecurityGroupIds?: unknown } | undefined)?.SecurityGroupIds),
          role: (props) => props.Role,
        },
      },
      leftovers: {
        exists: async (name, config) => {
          const { GetFunctionCommand, LambdaClient } = await import('@aws-sdk/client-lambda');
          return !(await gone(() =>
            new LambdaClient(config).send(new GetFunctionCommand({ FunctionName: name })),
          ));
        },
        findByNameOrTag: async (_stackName, config, namedForLab) => {
          const { LambdaClient, ListFunctionsCommand } = await import('@aws-sdk/client-lambda');
          const functions = await new LambdaClient(config).send(new ListFunctionsCommand({}));
          return (functions.Functions ?? [])
            .filter((f) => namedForLab(f.FunctionName))
            .map((f) => f.FunctionName ?? '');
        },
      },
    },
    'AWS::Lambda::Permission': {
      price: { free: 'an entry of the function policy' },
      diagram: { hidden: 'it lets the invoker call the function; the invoker edge shows that' },
      leftovers: { cannotOutlive: partOf('function') },
    },
    'AWS::Lambda::EventSourceMapping': {
      price: { free: 'polling is priced with the queue or stream and the function' },
      diagram: {
        hidden: 'drawn as the edge from its source to its function (and its on-failure destination)',
        edges: (_id, props, { resources }) => {
          const source = referencedId(props.EventSourceArn);
          const fn = referencedId(props.FunctionName);
          const edges = [];
          if (source && fn)
            edges.push({
              from: source,
              to: fn,
              label: resources[source]?.Type.includes('DynamoDB') ? 'stream' : 'polls',
            });
          const failure = referencedId((props.DestinationConfig as OnFailure)?.OnFailure?.Destination);
          if (fn && failure) edges.push({ from: fn, to: failure, label: 'on failure', dotted: true });
          return edges;
        },
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::Lambda::Version': {
      price: { free: 'a published, read-only snapshot of the function (billed by its invocations)' },
      diagram: { hidden: 'a snapshot of its function; aliases point at it' },
      leftovers: { cannotOutlive: partOf('function') },
    },
    'AWS::Lambda::Alias': {
      price: { free: 'a name for one or two versions of the function' },
      diagram: {
        hidden: 'a name for versions of its function; callers of the alias are drawn to the function',
      },
      leftovers: { cannotOutlive: partOf('function') },
    },
    'AWS::Lambda::EventInvokeConfig': {
      price: { free: 'a setting of the function' },
      diagram: {
        hidden: 'drawn as the on-failure edge of its function',
        edges: (_id, props) => {
          const fn = referencedId(props.FunctionName);
          const failure = referencedId((props.DestinationConfig as OnFailure)?.OnFailure?.Destination);
          return fn && failure ? [{ from: fn, to: failure, label: 'on failure', dotted: true }] : [];
        },
      },
      leftovers: { cannotOutlive: partOf('function') },
    },
  },
});
