/** Reading what a lab delivered to an SQS queue, for experiments that count deliveries. */

import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type ReceiveMessageCommandInput,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * One receive of up to 10 messages (long-polling `waitSeconds`), deleting what it got: the step of
 * a loop that reads a queue until it has what it looks for, leaving nothing behind for the next run.
 * `request` adds to the receive (attribute names).
 */
export async function receiveAndDelete(
  sqs: SQSClient,
  queueUrl: string,
  waitSeconds: number,
  request: Partial<ReceiveMessageCommandInput> = {},
): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      ...request,
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: waitSeconds,
    }),
  );
  if (Messages.length > 0) {
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
  return Messages;
}

/** How {@link drainQueue} decides it has read everything. */
export interface DrainQueueOptions {
  /** Stop once no kept message arrived for this long (milliseconds): deliveries of one burst come within seconds. */
  readonly quietMs: number;
  /** Give up at this time (milliseconds since the epoch), whatever else. */
  readonly deadline: number;
  /**
   * Which messages belong to this run. The others (earlier runs, other senders) are deleted too and only counted.
   * @default every message belongs
   */
  readonly mine?: (message: Message) => boolean;
  /**
   * Stop early once the kept messages are enough.
   * @default never: read until quiet or the deadline
   */
  readonly enough?: (kept: readonly Message[]) => boolean;
  /**
   * Once `enough` holds, keep reading until one receive comes back empty, so late duplicates or
   * unexpected extras are caught rather than left on the queue.
   * @default false
   */
  readonly confirmEmpty?: boolean;
  /**
   * Long-poll wait of each receive (seconds) while more is expected; 1 s once `enough` holds.
   * @default 1
   */
  readonly waitSeconds?: number;
}

/** What {@link drainQueue} read. */
export interface DrainedQueue {
  /** The messages `mine` accepted, in arrival order (all deleted from the queue). */
  readonly kept: Message[];
  /** How many other messages were read and deleted. */
  readonly foreign: number;
}

/** Receives (with every message attribute) and deletes everything on a queue until the options say stop. */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  options: DrainQueueOptions,
): Promise<DrainedQueue> {
  const kept: Message[] = [];
  let foreign = 0;
  let lastKept = Date.now();
  let isEnough = options.enough?.(kept) ?? false;
  while (Date.now() < options.deadline) {
    const Messages = await receiveAndDelete(sqs, queueUrl, isEnough ? 1 : (options.waitSeconds ?? 1), {
      MessageAttributeNames: ['All'],
    });
    if (Messages.length > 0) {
      for (const message of Messages) {
        if (options.mine?.(message) ?? true) {
          kept.push(message);
          lastKept = Date.now();
        } else foreign++;
      }
      isEnough = options.enough?.(kept) ?? false;
      if (isEnough && !options.confirmEmpty) break;
    } else if (isEnough) break;
    if (Date.now() - lastKept > options.quietMs) break;
  }
  return { kept, foreign };
}
