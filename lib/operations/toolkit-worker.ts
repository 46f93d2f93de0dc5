/**
 * The CDK toolkit's thread (see toolkit-thread.ts): runs bootstrap, deploy and destroy with
 * @aws-cdk/toolkit-lib in a worker whose `process.env` is the session's environment, so the
 * endpoint and keys of an emulator reach the toolkit's SDK clients without being written into the
 * kit's own process. Every message of the toolkit goes to the main thread's LabIoHost.
 */
import { parentPort } from 'node:worker_threads';
import type {
  IIoHost,
  IoMessage,
  IoRequest,
  StackActivity,
  StackMonitoringControlEvent,
  Toolkit,
} from '@aws-cdk/toolkit-lib';
import type { ToolkitReply, ToolkitRequest, WireMessage } from './toolkit-thread';

const port = parentPort;
if (!port) throw new Error('toolkit-worker.ts runs only as a worker thread (see toolkit-thread.ts)');

const lib = require('@aws-cdk/toolkit-lib') as typeof import('@aws-cdk/toolkit-lib');

/** What the main thread's LabIoHost reads of a message's data; the rest need not cross threads. */
function wireData(msg: IoMessage<unknown>): unknown {
  const data = msg.data as Record<string, unknown> | undefined;
  if (!data) return undefined;
  if (msg.code === 'CDK_TOOLKIT_I5502') {
    const { deployment, event, progress } = data as unknown as StackActivity;
    const { completed, total, formatted } = progress;
    return { deployment, event, progress: { completed, total, formatted } };
  }
  if (msg.code === 'CDK_TOOLKIT_I5503') {
    const { deployment, stackName } = data as unknown as StackMonitoringControlEvent;
    return { deployment, stackName };
  }
  if (msg.code === 'CDK_TOOLKIT_I5060') {
    return {
      permissionChangeType: data.permissionChangeType,
      templateDiffs: Object.fromEntries(
        Object.keys((data.templateDiffs as object) ?? {}).map((k) => [k, {}]),
      ),
    };
  }
  return undefined;
}

function toWire(msg: IoMessage<unknown>): WireMessage {
  return { level: msg.level, code: msg.code, message: msg.message, data: wireData(msg) };
}

let nextRequest = 0;
const answers = new Map<number, (answer: unknown) => void>();

const ioHost: IIoHost = {
  async notify(msg) {
    port.postMessage({ kind: 'notify', message: toWire(msg) } satisfies ToolkitReply);
  },
  requestResponse<T>(msg: IoRequest<unknown, T>): Promise<T> {
    const id = ++nextRequest;
    return new Promise<T>((resolve) => {
      answers.set(id, resolve as (answer: unknown) => void);
      port.postMessage({
        kind: 'request',
        id,
        message: toWire(msg),
        defaultResponse: msg.defaultResponse,
      } satisfies ToolkitReply);
    });
  },
};

const toolkit: Toolkit = new lib.Toolkit({ ioHost, color: false, emojis: false });

function stacksNamed(stackName: string) {
  return { strategy: lib.StackSelectionStrategy.PATTERN_MUST_MATCH, patterns: [stackName] };
}

async function run(request: ToolkitRequest): Promise<unknown> {
  switch (request.op) {
    case 'bootstrap':
      await toolkit.bootstrap(lib.BootstrapEnvironments.fromList([request.environment]));
      return undefined;
    case 'deploy': {
      const source = await toolkit.fromAssemblyDirectory(request.assemblyDir);
      const result = await toolkit.deploy(source, {
        stacks: stacksNamed(request.stackName),
        concurrency: 1,
        stackEventPollingInterval: request.pollingIntervalMs,
      });
      return result.stacks.find((stack) => stack.stackName === request.stackName)?.outputs ?? {};
    }
    case 'destroy': {
      const source = await toolkit.fromAssemblyDirectory(request.assemblyDir);
      const result = await toolkit.destroy(source, {
        stacks: stacksNamed(request.stackName),
        stackEventPollingInterval: request.pollingIntervalMs,
      });
      return result.stacks.some((stack) => stack.stackExisted);
    }
  }
}

/** An error as plain data: its message, whether the user aborted, and the codes of its causes. */
function describeError(error: unknown) {
  const causes: { code?: string; message?: string }[] = [];
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    e && causes.length < 5;
  ) {
    causes.push({ code: e.code === undefined ? undefined : String(e.code), message: String(e.message ?? e) });
    e = e.cause as typeof e;
  }
  return {
    name: (error as Error)?.name ?? 'Error',
    message: (error as Error)?.message ?? String(error),
    aborted: lib.ToolkitError.isAbortError(error),
    causes,
  };
}

port.on(
  'message',
  (
    message:
      | { kind: 'run'; id: number; request: ToolkitRequest }
      | { kind: 'answer'; id: number; answer: unknown },
  ) => {
    if (message.kind === 'answer') {
      answers.get(message.id)?.(message.answer);
      answers.delete(message.id);
      return;
    }
    run(message.request).then(
      (value) => port.postMessage({ kind: 'done', id: message.id, value } satisfies ToolkitReply),
      (error) =>
        port.postMessage({
          kind: 'failed',
          id: message.id,
          error: describeError(error),
        } satisfies ToolkitReply),
    );
  },
);
port.postMessage({ kind: 'ready' } satisfies ToolkitReply);
