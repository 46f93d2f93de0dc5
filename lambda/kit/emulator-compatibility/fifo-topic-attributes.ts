import { SetTopicAttributesCommand, type SNSClient } from '@aws-sdk/client-sns';

/** The properties of a Custom::LabkitFifoTopicAttributes (strings, as CloudFormation passes them). */
export interface FifoTopicAttributesProperties {
  readonly TopicArn: string;
  readonly FifoTopic: string;
  readonly ContentBasedDeduplication?: string;
}

/** Sets FifoTopic, and ContentBasedDeduplication when the template sets it, on the topic. */
export async function setFifoAttributes(
  sns: Pick<SNSClient, 'send'>,
  props: FifoTopicAttributesProperties,
): Promise<void> {
  const TopicArn = props.TopicArn;
  await sns.send(
    new SetTopicAttributesCommand({ TopicArn, AttributeName: 'FifoTopic', AttributeValue: 'true' }),
  );
  if (props.ContentBasedDeduplication !== undefined) {
    await sns.send(
      new SetTopicAttributesCommand({
        TopicArn,
        AttributeName: 'ContentBasedDeduplication',
        AttributeValue: String(props.ContentBasedDeduplication),
      }),
    );
  }
}
