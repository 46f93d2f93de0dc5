import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IIoHost, IoMessage, IoRequest } from '@aws-cdk/toolkit-lib';
import { type Session, sessionEnvironment } from '../targets/session';

/** What the toolkit's thread does for the kit (see toolkit-worker.ts). */
export type ToolkitRequest =
  | { readonly op: 'bootstrap'; readonly environment: string }
  | {
      readonly op: 'deploy' | 'destroy';
      readonly assemblyDir: string;
      readonly stackName: string;
      readonly pollingIntervalMs: number;
    };

/** A toolkit message as it crosses threads: only what LabIoHost reads. */
export interface WireMessage {
  readonly level: IoMessage<unknown>['level'];
  readonly code: IoMessage<unknown>['code'];
  readonly message: string;
  readonly data: unknown;
}

export interface WireError {
  readonly name: string;
  readonly message: string;
  /** The user refused a confirmation (toolkit-lib's abort error). */
  readonly aborted: boolean;
  readonly causes: readonly { code?: string; message?: string }[];
}

export type ToolkitReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'notify'; readonly message: WireMessage }
  | {
      readonly kind: 'request';
      readonly id: number;
      readonly message: WireMessage;
      readonly defaultResponse: unknown;
    }
  | { readonly kind: 'done'; readonly id: number; readonly value: unknown }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError };

/** A failure inside the toolkit's thread, with its causes' codes kept (connection errors are told apart). */
export class ToolkitThreadError extends Error {
  readonly aborted: boolean;
  constructor(error: WireError) {
    super(error.message);
    this.name = error.name;
    this.aborted = error.aborted;
    // The chain as plain objects: isConnectionError reads `code` and `message` down it.
    this.cause = error.causes.slice(1).reduceRight<unknown>((cause, c) => ({ ...c, cause }), undefined);
  }
}

const WORKER_FILE = join(__dirname, 'toolkit-worker.ts');

/**
 * The thread the CDK toolkit talks to the target from. toolkit-lib's SDK clients take their
 * endpoint from the environment only (AWS_ENDPOINT_URL), so instead of writing the emulator's
 * endpoint and keys into this process's environment, the toolkit runs in a worker thread that
 * gets the session's environment as its own. Started on first use (loading toolkit-lib takes
 * about 1.5 s, in parallel with the synth); it does not keep the process alive while idle.
 */
export class ToolkitThread {
  private worker?: Worker;
  private ready?: Promise<void>;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();

  constructor(
    private readonly session: Session,
    private readonly ioHost: IIoHost,
  ) {}

  /** Starts the thread (loads toolkit-lib there) without waiting for it. */
  start(): void {
    if (this.worker) return;
    const tsx = require.resolve('tsx/cjs/api');
    // The kit's sources are TypeScript: the thread registers the same loader as bin/labs.mjs.
    const code =
      "require('node:module').enableCompileCache?.();" +
      `require(${JSON.stringify(tsx)}).register();` +
      `require(${JSON.stringify(WORKER_FILE)});`;
    const worker = new Worker(code, { eval: true, env: sessionEnvironment(this.session) });
    this.worker = worker;
    worker.unref();
    this.ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: ToolkitReply) => {
        if (reply.kind === 'ready') resolve();
        else this.receive(reply);
      });
      const stopped = (error: Error) => {
        reject(error);
        for (const { reject: fail } of this.pending.values()) fail(error);
        this.pending.clear();
        this.worker = undefined;
      };
      worker.on('error', (error) => stopped(error));
      worker.on('exit', (code) => stopped(new Error(`the CDK toolkit's thread stopped (exit code ${code})`)));
    });
    // A start failure surfaces at the first request; not as an unhandled rejection now.
    this.ready.catch(() => {});
  }

  private receive(reply: ToolkitReply): void {
    switch (reply.kind) {
      case 'notify':
        void this.ioHost.notify(fromWire(reply.message));
        return;
      case 'request':
        void this.ioHost
          .requestResponse({
            ...fromWire(reply.message),
            defaultResponse: reply.defaultResponse,
          } as IoRequest<unknown, unknown>)
          .then(
            (answer) => this.worker?.postMessage({ kind: 'answer', id: reply.id, answer }),
            () => this.worker?.postMessage({ kind: 'answer', id: reply.id, answer: reply.defaultResponse }),
          );
        return;
      case 'done':
        this.pending.get(reply.id)?.resolve(reply.value);
        this.pending.delete(reply.id);
        this.idleWhenDone();
        return;
      case 'failed':
        this.pending.get(reply.id)?.reject(new ToolkitThreadError(reply.error));
        this.pending.delete(reply.id);
        this.idleWhenDone();
        return;
    }
  }

  private idleWhenDone(): void {
    if (this.pending.size === 0) this.worker?.unref();
  }

  /** Runs one toolkit operation in the thread; its messages reach the IoHost as they come. */
  async run<T>(request: ToolkitRequest): Promise<T> {
    this.start();
    await this.ready;
    const worker = this.worker;
    if (!worker) throw new Error("the CDK toolkit's thread stopped");
    const id = ++this.nextId;
    // Waiting on the thread must keep the process alive.
    worker.ref();
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ kind: 'run', id, request });
    });
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }
}

function fromWire(message: WireMessage): IoMessage<unknown> {
  return { ...message, time: new Date(), action: 'deploy' } as IoMessage<unknown>;
}
