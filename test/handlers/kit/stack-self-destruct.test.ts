import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { type CloudFormationApi, handler, selfDestruct } from '../../../lambda/kit/stack-self-destruct';

// No emulator runs Scheduler retries against a DELETE_FAILED stack, so CloudFormation is stubbed:
// a client whose send() answers DescribeStacks with a given status and records every call.
const STACK_ID = 'arn:aws:cloudformation:eu-west-1:111122223333:stack/lab-01/0f0e0d0c';

function stubCloudFormation(status: string, deleteError?: Error) {
  const calls: string[] = [];
  const api = {
    send: async (command: unknown) => {
      if (command instanceof DescribeStacksCommand) {
        calls.push(`DescribeStacks ${command.input.StackName}`);
        return { Stacks: [{ StackName: 'lab-01', StackId: STACK_ID, StackStatus: status }] };
      }
      if (command instanceof DeleteStackCommand) {
        calls.push(`DeleteStack ${command.input.StackName}`);
        if (deleteError) throw deleteError;
        return {};
      }
      throw new Error(`unexpected command ${String(command)}`);
    },
  } as unknown as CloudFormationApi;
  return { api, calls };
}

test('at the expiry it deletes its own stack, by id', async () => {
  const { api, calls } = stubCloudFormation('UPDATE_COMPLETE');
  await expect(selfDestruct(STACK_ID, api)).resolves.toEqual({
    stackId: STACK_ID,
    action: 'deleting',
    status: 'UPDATE_COMPLETE',
  });
  expect(calls).toEqual([`DescribeStacks ${STACK_ID}`, `DeleteStack ${STACK_ID}`]);
});

test('a deletion that failed (DELETE_FAILED) is started again on the next run', async () => {
  const { api, calls } = stubCloudFormation('DELETE_FAILED');
  await expect(selfDestruct(STACK_ID, api)).resolves.toMatchObject({ action: 'deleting' });
  expect(calls).toContain(`DeleteStack ${STACK_ID}`);
});

test('a deletion already under way is left alone, and that is fine', async () => {
  const { api, calls } = stubCloudFormation('DELETE_IN_PROGRESS');
  await expect(selfDestruct(STACK_ID, api)).resolves.toMatchObject({ action: 'already-deleting' });
  expect(calls).toEqual([`DescribeStacks ${STACK_ID}`]);
});

test('a refused DeleteStack (stack busy updating) fails loudly, naming the stack and its status', async () => {
  const refusal = new Error('Stack lab-01 is in UPDATE_IN_PROGRESS state and can not be deleted');
  const { api } = stubCloudFormation('UPDATE_IN_PROGRESS', refusal);
  await expect(selfDestruct(STACK_ID, api)).rejects.toThrow(
    `DeleteStack of ${STACK_ID} (status UPDATE_IN_PROGRESS) was refused: Error: Stack lab-01 is in UPDATE_IN_PROGRESS`,
  );
});

test('the handler refuses to run without STACK_ID', async () => {
  const saved = process.env.STACK_ID;
  delete process.env.STACK_ID;
  try {
    await expect(handler()).rejects.toThrow('STACK_ID is not set');
  } finally {
    if (saved !== undefined) process.env.STACK_ID = saved;
  }
});
