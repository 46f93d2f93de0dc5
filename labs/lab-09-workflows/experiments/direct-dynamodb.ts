/** The workflow writes the order to DynamoDB itself, with no function in between. */

import { type Experiment, expectThat } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';
import { finished, historyOf, order, orderItem, startOrder } from './workflow-helpers';

export const directDynamoDb: Experiment<Output> = {
  name: 'Write the order to DynamoDB straight from the workflow',
  fact:
    'A direct service integration (arn:aws:states:::dynamodb:putItem and :updateItem) lets the workflow call ' +
    'DynamoDB itself, with no function in between; the item is there when the execution ends',
  proof: 'behaviour',
  skipOn: {
    localstack:
      'LocalStack 4.13.1 names a task in the history by service and action (resourceType dynamodb, resource ' +
      'putItem), and this experiment looks for the integration ARN in resource (as MiniStack writes it): the ' +
      'DynamoDB tasks are not found there (observed: SUCCEEDED, the item CONFIRMED by this execution).',
  },
  mustFailWhen: {
    swapOutputs: ['OrderWorkflowArn', 'QuoteWorkflowArn'],
    why: 'the quote workflow calls no DynamoDB task and writes no order item',
    failsBecause: 'no-direct-write',
  },
  async run(context) {
    const input = order('direct');
    const executionArn = await startOrder(context, input);
    const result = await finished(context, executionArn);
    const events = await historyOf(context, executionArn);
    const dynamoResources = events
      .map((e) => e.taskScheduledEventDetails?.resource ?? '')
      .filter((r) => r.includes(':dynamodb:'));
    const item = await orderItem(context, input.orderId);
    const wrote =
      dynamoResources.some((r) => r.endsWith('dynamodb:putItem')) &&
      dynamoResources.some((r) => r.endsWith('dynamodb:updateItem')) &&
      item.executionArn === executionArn;
    const because = !wrote
      ? 'no-direct-write'
      : result.status !== 'SUCCEEDED' || item.status !== 'CONFIRMED'
        ? 'not-confirmed'
        : undefined;
    return expectThat(
      because === undefined,
      `execution ${result.status}; DynamoDB tasks in the history: ${dynamoResources.join(', ') || 'none'}; ` +
        `item ${item.status}, written by ${item.executionArn === executionArn ? 'this execution' : (item.executionArn ?? 'nobody')}`,
      'SUCCEEDED; putItem and updateItem tasks; the item CONFIRMED, naming this execution',
      because,
    );
  },
};
