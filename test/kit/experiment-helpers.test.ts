import type { LambdaClient } from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { clientOf, isLocal } from '../../lib/experiments/clients';
import { describeRefusal, isRefusal, refusalOf } from '../../lib/experiments/helpers';
import { answerOf, invokeForAnswer, invokeFunction } from '../../lib/experiments/lambda';
import { drainQueue, receiveAndDelete } from '../../lib/experiments/queues';

// The helpers the labs' experiments share (lib/experiments/), driven through stand-in SDK clients
// that record each command and answer from a script.

interface Sent {
  readonly command: string;
  readonly input: Record<string, unknown>;
}

function standIn(answers: Record<string, (input: Record<string, unknown>) => unknown>) {
  const sent: Sent[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name;
      sent.push({ command: name, input: command.input });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected ${name}`);
      return answer(command.input);
    },
  };
  return { client, sent };
}

const bytes = (text: string) => new TextEncoder().encode(text);

test('clientOf builds a client with the target settings plus its own; isLocal is any target but aws', async () => {
  const sqs = clientOf(
    SQSClient,
    { clientConfig: { region: 'eu-west-3', endpoint: 'http://127.0.0.1:4620' } },
    {
      maxAttempts: 1,
    },
  );
  expect(await sqs.config.region()).toBe('eu-west-3');
  expect(await sqs.config.maxAttempts()).toBe(1);
  expect((await sqs.config.endpoint?.())?.port).toBe(4620);
  sqs.destroy();
  expect([
    isLocal({ target: 'ministack' }),
    isLocal({ target: 'localstack' }),
    isLocal({ target: 'aws' }),
  ]).toEqual([true, true, false]);
});

test('invokeFunction sends the event as JSON and returns the answer as text, a function error included', async () => {
  const { client, sent } = standIn({
    InvokeCommand: (input) =>
      input.Qualifier === 'live'
        ? { Payload: bytes('{"ok":true}'), ExecutedVersion: '2' }
        : { FunctionError: 'Unhandled', Payload: bytes('{"errorMessage":"boom"}') },
  });
  const lambda = client as unknown as LambdaClient;
  const ok = await invokeFunction(lambda, 'fn', { a: 1 }, 'live');
  expect(ok).toEqual({ functionError: undefined, text: '{"ok":true}', executedVersion: '2' });
  expect(new TextDecoder().decode(sent[0].input.Payload as Uint8Array)).toBe('{"a":1}');
  expect(sent[0].input).toMatchObject({ FunctionName: 'fn', Qualifier: 'live' });
  const failed = await invokeFunction(lambda, 'fn', {});
  expect(failed.functionError).toBe('Unhandled');
  expect(answerOf<{ errorMessage?: string }>(failed, {}).errorMessage).toBe('boom');
  expect(answerOf({ text: 'not json' }, { fallback: true })).toEqual({ fallback: true });
  expect(answerOf({ text: '' }, 'none')).toBe('none');
  await expect(invokeForAnswer(lambda, 'fn', {}, 'the probe')).rejects.toThrow(
    'the probe failed: Unhandled: {"errorMessage":"boom"}',
  );
});

test('receiveAndDelete deletes what one receive got; drainQueue keeps reading until it has enough', async () => {
  const batches = [
    [
      { Body: 'mine-1', ReceiptHandle: 'r1' },
      { Body: 'other', ReceiptHandle: 'r2' },
    ],
    [],
    [{ Body: 'mine-2', ReceiptHandle: 'r3' }],
  ];
  const { client, sent } = standIn({
    ReceiveMessageCommand: () => ({ Messages: batches.shift() ?? [] }),
    DeleteMessageBatchCommand: () => ({}),
  });
  const sqs = client as unknown as SQSClient;
  const first = await receiveAndDelete(sqs, 'q', 2, { MessageSystemAttributeNames: ['SequenceNumber'] });
  expect(first.map((m) => m.Body)).toEqual(['mine-1', 'other']);
  expect(sent[0].input).toMatchObject({ QueueUrl: 'q', WaitTimeSeconds: 2, MaxNumberOfMessages: 10 });
  expect(sent[0].input.MessageSystemAttributeNames).toEqual(['SequenceNumber']);
  expect(sent[1]).toEqual({
    command: 'DeleteMessageBatchCommand',
    input: {
      QueueUrl: 'q',
      Entries: [
        { Id: '0', ReceiptHandle: 'r1' },
        { Id: '1', ReceiptHandle: 'r2' },
      ],
    },
  });
  // An empty receive deletes nothing.
  expect(await receiveAndDelete(sqs, 'q', 1)).toEqual([]);
  expect(sent).toHaveLength(3);

  batches.push([{ Body: 'other', ReceiptHandle: 'r4' }]);
  const drained = await drainQueue(sqs, 'q', {
    quietMs: 60_000,
    deadline: Date.now() + 60_000,
    mine: (m) => m.Body?.startsWith('mine') ?? false,
    enough: (kept) => kept.length >= 1,
  });
  expect(drained.kept.map((m) => m.Body)).toEqual(['mine-2']);
  expect(drained.foreign).toBe(0);
  // Stopped once enough was kept: the later message is still there.
  expect(batches).toHaveLength(1);
});

describe('refusals name what refused them (issue 31)', () => {
  const denied = Object.assign(new Error('User is not authorized'), {
    name: 'AccessDeniedException',
    $metadata: { httpStatusCode: 400 },
  });
  test('a refusal carries the error name and HTTP status, an accepted call none', async () => {
    const refusal = await refusalOf(() => Promise.reject(denied));
    expect(refusal).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message: 'User is not authorized',
    });
    expect(await refusalOf(async () => 'ok')).toBeUndefined();
    expect(describeRefusal(refusal)).toBe('refused (AccessDeniedException, HTTP 400)');
    expect(describeRefusal(undefined)).toBe('accepted');
  });
  test('only the named refusal counts', async () => {
    const refusal = await refusalOf(() => Promise.reject(denied));
    expect(isRefusal(refusal, ['AccessDeniedException'])).toBe(true);
    expect(isRefusal(refusal, [400])).toBe(true);
    expect(isRefusal(refusal, ['ResourceNotFoundException', 404])).toBe(false);
    expect(isRefusal(undefined, ['AccessDeniedException'])).toBe(false);
  });
});
