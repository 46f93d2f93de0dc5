/** IAM policy evaluation, asked of the policy simulator: explicit Deny, permissions boundary, policy variables. */

import {
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

const NO_BOUNDARY_IN_MINISTACK_SIMULATOR =
  'MiniStack 1.5.33’s CloudFormation drops an AWS::IAM::Role’s PermissionsBoundary (services/cloudformation/' +
  'provisioners.py _iam_role_create never copies it; GetRole shows none), so the developer role has no boundary ' +
  'there and the policy simulator answers "allowed" for what the boundary forbids.';

/** Region and account of the deployed lab, read from the key's ARN. */
function regionAndAccount(context: ExperimentContext<Output>): {
  region: string;
  account: string;
  partition: string;
} {
  const [, partition, , region, account] = outputOf(context, 'KeyArn').split(':');
  return { region, account, partition };
}

function parameterArn(context: ExperimentContext<Output>, name: string): string {
  const { partition, region, account } = regionAndAccount(context);
  return `arn:${partition}:ssm:${region}:${account}:parameter${name}`;
}

/** The simulator's decision for one action on one resource, as a principal. */
async function decision(
  context: ExperimentContext<Output>,
  roleArn: string,
  action: string,
  resource: string,
  contextEntries?: { key: string; value: string }[],
): Promise<string> {
  const result = await clientOf(IAMClient, context).send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: roleArn,
      ActionNames: [action],
      ResourceArns: [resource],
      ContextEntries: contextEntries?.map(({ key, value }) => ({
        ContextKeyName: key,
        ContextKeyType: 'string',
        ContextKeyValues: [value],
      })),
    }),
  );
  return result.EvaluationResults?.[0]?.EvalDecision ?? 'none';
}

export const explicitDenyWins: Experiment<Output> = {
  name: 'Let an explicit Deny beat an Allow',
  fact: 'An explicit Deny in any policy wins over every Allow: the analyst may read the app parameters except those under secrets/, which its Allow also covers.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['AnalystRoleArn', 'DeveloperRoleArn'],
    why: 'the developer role has no Deny on the secrets',
  },
  measures: ['analystReadsSecret'],
  async run(context) {
    const role = outputOf(context, 'AnalystRoleArn');
    const path = outputOf(context, 'ParameterPath');
    const config = await decision(
      context,
      role,
      'ssm:GetParameter',
      parameterArn(context, `${path}/config/log-level`),
    );
    const secret = await decision(
      context,
      role,
      'ssm:GetParameter',
      parameterArn(context, outputOf(context, 'SecureParameterName')),
    );
    return withMeasurements(
      expectThat(
        config === 'allowed' && secret === 'explicitDeny',
        `policy simulator, analyst: GetParameter ${path}/config/log-level -> ${config}; ${outputOf(context, 'SecureParameterName')} -> ${secret}`,
        'allowed for the config parameter, explicitDeny for the secret',
      ),
      { analystReadsSecret: secret },
    );
  },
};

export const boundaryCapsRole: Experiment<Output> = {
  name: 'Cap a role with a permissions boundary',
  fact: "A permissions boundary caps a role: an action is allowed only if both the role's policies and the boundary allow it, so the developer's own Allow for PutParameter counts for nothing.",
  proof: 'behaviour',
  skipOn: { ministack: NO_BOUNDARY_IN_MINISTACK_SIMULATOR },
  measures: ['developerPutParameter'],
  async run(context) {
    const role = outputOf(context, 'DeveloperRoleArn');
    const resource = parameterArn(context, `${outputOf(context, 'ParameterPath')}/config/log-level`);
    const read = await decision(context, role, 'ssm:GetParameter', resource);
    const write = await decision(context, role, 'ssm:PutParameter', resource);
    // The role's own policies alone, without the boundary, for contrast.
    const iam = clientOf(IAMClient, context);
    const roleName = role.split('/').pop() ?? '';
    const names = (await iam.send(new ListRolePoliciesCommand({ RoleName: roleName }))).PolicyNames ?? [];
    const documents = await Promise.all(
      names.map(async (PolicyName) =>
        decodeURIComponent(
          (await iam.send(new GetRolePolicyCommand({ RoleName: roleName, PolicyName }))).PolicyDocument ?? '',
        ),
      ),
    );
    const alone = await iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: documents,
        ActionNames: ['ssm:PutParameter'],
        ResourceArns: [resource],
      }),
    );
    const withoutBoundary = alone.EvaluationResults?.[0]?.EvalDecision ?? 'none';
    return withMeasurements(
      expectThat(
        read === 'allowed' && write === 'implicitDeny' && withoutBoundary === 'allowed',
        `policy simulator, developer: GetParameter -> ${read}, PutParameter -> ${write}; its own policy alone: PutParameter -> ${withoutBoundary}`,
        'GetParameter allowed, PutParameter implicitDeny (allowed by its own policy alone)',
      ),
      { developerPutParameter: write },
    );
  },
};

export const policyVariablePerTeam: Experiment<Output> = {
  name: 'Scope one policy per principal with a policy variable',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
  fact: "A policy variable such as ${aws:PrincipalTag/team} is replaced by the caller's own value: one policy gives each team role its own prefix and nothing of the other team's.",
  proof: 'behaviour',
  async run(context) {
    const iam = clientOf(IAMClient, context);
    const prefix = outputOf(context, 'TeamParameterPrefixArn');
    const roles = [outputOf(context, 'TeamBlueRoleArn'), outputOf(context, 'TeamGreenRoleArn')];
    const teams = await Promise.all(
      roles.map(
        async (arn) =>
          (await iam.send(new ListRoleTagsCommand({ RoleName: arn.split('/').pop() }))).Tags?.find(
            (t) => t.Key === 'team',
          )?.Value ?? 'none',
      ),
    );
    const seen: string[] = [];
    let ok = true;
    for (const [i, role] of roles.entries()) {
      const entries = [{ key: 'aws:PrincipalTag/team', value: teams[i] }];
      const own = await decision(context, role, 'ssm:PutParameter', `${prefix}${teams[i]}/x`, entries);
      const other = teams[1 - i];
      const theirs = await decision(context, role, 'ssm:PutParameter', `${prefix}${other}/x`, entries);
      ok &&= own === 'allowed' && theirs === 'implicitDeny';
      seen.push(`team ${teams[i]}: own prefix -> ${own}, team ${other}'s -> ${theirs}`);
    }
    return expectThat(
      ok,
      `policy simulator, PutParameter: ${seen.join('; ')}`,
      "each team allowed under its own prefix, implicitDeny under the other team's",
    );
  },
};
