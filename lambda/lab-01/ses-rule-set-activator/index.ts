import {
  DescribeActiveReceiptRuleSetCommand,
  SESClient,
  SetActiveReceiptRuleSetCommand,
} from '@aws-sdk/client-ses';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCustomResource } from '../../kit/custom-resource-response';

/** The two SES calls the activator needs; a parameter so tests can observe them. */
export interface RuleSetApi {
  activeRuleSet(): Promise<string | undefined>;
  activate(name: string | undefined): Promise<void>;
}

const NONE = '-';

/**
 * Activates the lab's receipt rule set and remembers which set was active before, in the physical
 * resource id (`<ours>|<previous or ->`); on delete, gives the region back that previous set if
 * ours is still the active one.
 */
export async function applyRuleSetChange(
  event: CloudFormationCustomResourceEvent,
  api: RuleSetApi,
): Promise<{ physicalResourceId: string }> {
  const ruleSetName = String(event.ResourceProperties.RuleSetName ?? '');
  if (!ruleSetName) throw new Error('RuleSetName property is required');
  if (event.RequestType === 'Delete') {
    const [ours, previous] = event.PhysicalResourceId.split('|');
    if ((await api.activeRuleSet()) === ours)
      await api.activate(previous && previous !== NONE ? previous : undefined);
    return { physicalResourceId: event.PhysicalResourceId };
  }
  const active = await api.activeRuleSet();
  const previous =
    event.RequestType === 'Update' ? (event.PhysicalResourceId.split('|')[1] ?? NONE) : (active ?? NONE);
  if (active !== ruleSetName) await api.activate(ruleSetName);
  return { physicalResourceId: `${ruleSetName}|${previous === ruleSetName ? NONE : previous}` };
}

const ses = new SESClient({});
const sesApi: RuleSetApi = {
  async activeRuleSet() {
    const answer = await ses.send(new DescribeActiveReceiptRuleSetCommand({}));
    return answer.Metadata?.Name;
  },
  async activate(name) {
    await ses.send(new SetActiveReceiptRuleSetCommand({ RuleSetName: name }));
  },
};

/**
 * CloudFormation custom resource handler. It always answers the pre-signed response URL, also on
 * failure: an unanswered custom resource blocks the stack for up to an hour.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  await answerCustomResource(
    event,
    'Receipt rule set activation failed',
    async () => (await applyRuleSetChange(event, sesApi)).physicalResourceId,
  );
}
