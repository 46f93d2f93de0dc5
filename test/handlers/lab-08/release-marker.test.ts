import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { markRelease } from '../../../lambda/lab-08/release-marker/release';

/** A stand-in Lambda whose update goes through the given statuses; records the calls. */
function fakeLambda(statuses: string[]) {
  const calls: string[] = [];
  return {
    calls,
    send: async (command: unknown) => {
      if (command instanceof UpdateFunctionConfigurationCommand) {
        calls.push(`update ${command.input.Description}`);
        return {};
      }
      if (command instanceof GetFunctionConfigurationCommand) {
        const status = statuses.shift() ?? 'Successful';
        calls.push(`get ${status}`);
        return { LastUpdateStatus: status, LastUpdateStatusReason: status === 'Failed' ? 'bad' : undefined };
      }
      throw new Error('unexpected command');
    },
  };
}

const noWait = async () => {};

test('changes the description, then waits until the update is done', async () => {
  const lambda = fakeLambda(['InProgress', 'InProgress', 'Successful']);
  await markRelease(lambda as never, 'greeter', 'release 2', noWait);
  expect(lambda.calls).toEqual(['update release 2', 'get InProgress', 'get InProgress', 'get Successful']);
});

test('fails when the update fails', async () => {
  const lambda = fakeLambda(['Failed']);
  await expect(markRelease(lambda as never, 'greeter', 'release 2', noWait)).rejects.toThrow(/failed: bad/);
});
