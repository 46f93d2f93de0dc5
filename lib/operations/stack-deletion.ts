import {
  type CloudFormationClient,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { LabIoHost } from './lab-io-host';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A CloudFormation stack, or undefined when there is none (or it is deleted). */
export async function describeStack(
  cfn: CloudFormationClient,
  stackName: string,
): Promise<Stack | undefined> {
  try {
    const result = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = result.Stacks?.[0];
    return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
  } catch (error) {
    if (/does not exist/i.test((error as Error).message)) return undefined;
    throw error;
  }
}

/**
 * Deletes a stack through CloudFormation and reports its events as `cdk destroy` does. Unlike the
 * toolkit's destroy, it needs neither the toolkit (about 1.5 s to load) nor a synthesized app:
 * deleting a stack takes only its name. Used on emulators.
 *
 * @param resources how many resources the stack has (for the progress count)
 * @returns whether the stack existed
 * @throws Error with CloudFormation's reason when the deletion failed
 */
export async function deleteStackWithEvents(
  cfn: CloudFormationClient,
  stackName: string,
  resources: number,
  ioHost: LabIoHost,
  pollingIntervalMs: number,
): Promise<boolean> {
  const stack = await describeStack(cfn, stackName);
  if (!stack) return false;
  const stackId = stack.StackId ?? stackName;
  // Events are listed newest first: everything above the newest one now is this deletion's.
  const before = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }));
  let newestSeen = before.StackEvents?.[0]?.EventId;
  const done = new Set<string>();
  const total = resources + 1; // the stack reports its own DELETE_COMPLETE too
  let failure: string | undefined;
  const report = async () => {
    const fresh: StackEvent[] = [];
    let NextToken: string | undefined;
    page: do {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackId, NextToken }));
      for (const event of page.StackEvents ?? []) {
        if (event.EventId === newestSeen) break page;
        fresh.push(event);
      }
      NextToken = page.NextToken;
    } while (NextToken);
    if (fresh.length > 0) newestSeen = fresh[0].EventId;
    for (const event of fresh.reverse()) {
      if (event.ResourceStatus === 'DELETE_COMPLETE') done.add(event.LogicalResourceId ?? '');
      if (event.ResourceStatus === 'DELETE_FAILED' && event.ResourceStatusReason)
        failure ??= `${event.LogicalResourceId}: ${event.ResourceStatusReason}`;
      ioHost.stackEvent(event, `${done.size}/${Math.max(total, done.size)}`);
    }
  };
  await cfn.send(new DeleteStackCommand({ StackName: stackId }));
  for (;;) {
    await sleep(pollingIntervalMs);
    const current = await describeStack(cfn, stackId);
    await report().catch(() => {}); // events are progress only; the stack's status decides
    if (!current) return true;
    if (current.StackStatus === 'DELETE_FAILED') {
      throw new Error(failure ?? current.StackStatusReason ?? `${stackName} is DELETE_FAILED`);
    }
  }
}
