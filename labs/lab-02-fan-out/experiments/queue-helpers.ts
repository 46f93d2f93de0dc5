/** The queue reads several lab-02 experiments share. */

import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/** The queue a RedrivePolicy points at, and the policy's maxReceiveCount. */
export async function deadLetterOf(sqs: SQSClient, queueUrl: string) {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['RedrivePolicy', 'QueueArn'] }),
  );
  if (!Attributes.RedrivePolicy) throw new Error(`${queueUrl} has no RedrivePolicy`);
  const policy = JSON.parse(Attributes.RedrivePolicy) as {
    deadLetterTargetArn: string;
    maxReceiveCount: number;
  };
  const [, , , , account, name] = policy.deadLetterTargetArn.split(':');
  const { QueueUrl } = await sqs.send(
    new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
  );
  if (!QueueUrl) throw new Error(`no URL for ${policy.deadLetterTargetArn}`);
  return {
    url: QueueUrl,
    arn: policy.deadLetterTargetArn,
    maxReceiveCount: Number(policy.maxReceiveCount),
    sourceArn: Attributes.QueueArn,
  };
}

/**
 * Receives until a message with `body` shows up or the deadline passes (at least one receive; other
 * messages are left to their visibility timeout).
 */
export async function receiveMarker(
  sqs: SQSClient,
  queueUrl: string,
  body: string,
  options: { waitSeconds: number; visibilityTimeout?: number; deadline: number },
): Promise<Message | undefined> {
  do {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: options.waitSeconds,
        VisibilityTimeout: options.visibilityTimeout,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    const marker = Messages.find((m) => m.Body === body);
    if (marker) return marker;
  } while (Date.now() < options.deadline);
  return undefined;
}
