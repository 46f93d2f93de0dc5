import { CloudFormationClient, DeleteStackCommand } from '@aws-sdk/client-cloudformation';

const cloudFormation = new CloudFormationClient({});

/**
 * Deletes the stack this function belongs to (STACK_ID), when the lab's expiry schedule fires.
 * DeleteStack returns at once; CloudFormation then removes everything, this function included,
 * using the role the stack was deployed with.
 */
export async function handler(): Promise<{ deleting: string }> {
  const stackId = process.env.STACK_ID;
  if (!stackId) throw new Error('STACK_ID is not set');
  await cloudFormation.send(new DeleteStackCommand({ StackName: stackId }));
  console.log(JSON.stringify({ deleting: stackId }));
  return { deleting: stackId };
}
