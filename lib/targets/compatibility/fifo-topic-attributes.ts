import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { COMPAT_RESOURCE_TYPES } from '../../../lambda/kit/emulator-compatibility/resource-types';
import { compatibilityResource } from './provider';
import { type CompatibilityStep, hasResource } from './step';

const isFifo = (value: unknown) => value === true || value === 'true';

/**
 * MiniStack's CloudFormation creates AWS::SNS::Topic without FifoTopic / ContentBasedDeduplication
 * (the `.fifo` name stays, the behaviour goes). On MiniStack a custom resource next to each FIFO
 * topic sets both through SetTopicAttributes during the deploy.
 */
export const fifoTopicAttributes: CompatibilityStep = {
  name: 'fifo-topic-attributes',
  target: 'ministack',
  why:
    'MiniStack CloudFormation drops FifoTopic and ContentBasedDeduplication from AWS::SNS::Topic (the topic would ' +
    'not deduplicate); on MiniStack a custom resource next to each FIFO topic sets both through SetTopicAttributes ' +
    'during the deploy.',
  covers: {
    resourceTypes: ['AWS::SNS::Topic'],
    behaviour: 'FIFO topics (FifoTopic: true)',
    appliesTo: (template) => hasResource(template, ['AWS::SNS::Topic'], (p) => isFifo(p.FifoTopic)),
  },
  phase: 'deploy',
  customResourceType: COMPAT_RESOURCE_TYPES.fifoTopicAttributes,
  transform(node, stack) {
    if (!(node instanceof CfnTopic) || !node.node.scope || !isFifo(stack.resolve(node.fifoTopic))) return;
    compatibilityResource(
      node.node.scope,
      `${node.node.id}FifoAttributes`,
      COMPAT_RESOURCE_TYPES.fifoTopicAttributes,
      {
        TopicArn: node.ref,
        FifoTopic: 'true',
        ContentBasedDeduplication: node.contentBasedDeduplication,
      },
    );
  },
};
