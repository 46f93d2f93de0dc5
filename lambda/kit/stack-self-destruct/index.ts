import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
  type StackStatus,
} from '@aws-sdk/client-cloudformation';

/** What one run did: started (or restarted) the deletion, or found it already under way. */
export interface SelfDestructResult {
  readonly stackId: string;
  readonly action: 'deleting' | 'already-deleting' | 'already-deleted';
  /** The stack's status before this run. */
  readonly status?: StackStatus | string;
}

/** The part of the CloudFormation client the handler uses; a parameter so tests can stub it. */
export type CloudFormationApi = Pick<CloudFormationClient, 'send'>;

/**
 * Deletes the stack `stackId` unless its deletion is already under way. A stack in DELETE_FAILED
 * gets DeleteStack again, which makes CloudFormation retry the resources it could not delete. When
 * CloudFormation refuses DeleteStack (a stack in UPDATE_IN_PROGRESS, for example), this throws, so
 * the failure shows in the function's log and Errors metric; the schedule calls again later.
 */
export async function selfDestruct(
  stackId: string,
  cloudFormation: CloudFormationApi,
): Promise<SelfDestructResult> {
  const described = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackId }));
  const status = described.Stacks?.[0]?.StackStatus;
  if (status === 'DELETE_IN_PROGRESS') return { stackId, action: 'already-deleting', status };
  if (status === 'DELETE_COMPLETE') return { stackId, action: 'already-deleted', status };
  try {
    await cloudFormation.send(new DeleteStackCommand({ StackName: stackId }));
  } catch (error) {
    throw new Error(
      `DeleteStack of ${stackId} (status ${status ?? 'unknown'}) was refused: ${String(error)}`,
    );
  }
  return { stackId, action: 'deleting', status };
}

let client: CloudFormationClient | undefined;

/**
 * Invoked by the lab's expiry schedule: at the expiry and every 30 minutes after, until the stack
 * (and with it the schedule and this function) is gone. DeleteStack returns at once; CloudFormation
 * then removes everything, using the role the stack was deployed with.
 */
export async function handler(): Promise<SelfDestructResult> {
  const stackId = process.env.STACK_ID;
  if (!stackId) throw new Error('STACK_ID is not set');
  client ??= new CloudFormationClient({});
  const result = await selfDestruct(stackId, client);
  console.log(JSON.stringify(result));
  return result;
}
