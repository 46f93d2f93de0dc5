/**
 * IAM policy evaluation: explicit Deny, permissions boundary, policy variables. On AWS each
 * experiment assumes the lab's role and makes the call (IAM enforces, the call is refused); where the
 * target enforces no IAM (MiniStack without AUTH=true) it asks the policy simulator instead.
 */

import {
  GetRolePolicyCommand,
  IAMClient,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  DeleteParameterCommand,
  GetParameterCommand,
  PutParameterCommand,
  SSMClient,
} from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  type ExperimentContext,
  expectThat,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import {
  describeRefusal,
  isRefusal,
  newRunId,
  pollUntil,
  type Refusal,
  refusalOf,
} from '../../../lib/experiments/helpers';
import type { Target } from '../../../lib/lab/catalogue';
import type { Output } from '../outputs';

/**
 * Targets that enforce IAM on calls made as the lab's roles: there the experiments assume the role
 * and make the call; elsewhere they ask the policy simulator (and are `simulation` there). The kit's
 * MiniStack runs with AUTH=true and evaluates policies, but the assume-the-role path has not been
 * proven there yet, so these experiments keep asking its simulator (patched to apply boundaries,
 * context and policy variables: lib/targets/ministack-patches/).
 */
const ENFORCES_IAM: Readonly<Record<Target, boolean>> = { aws: true, ministack: false, localstack: false };
const simulates = (context: ExperimentContext<Output>) => !ENFORCES_IAM[context.target];

/** What IAM answers a refused call with: the refusal the facts name. */
const ACCESS_DENIED = ['AccessDeniedException', 'AccessDenied'];

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

/** An SSM client that calls as the role (AssumeRole; a new role may take a few seconds to be assumable). */
async function ssmAs(context: ExperimentContext<Output>, roleArn: string): Promise<SSMClient> {
  const sts = clientOf(STSClient, context);
  const assumed = await pollUntil(30_000, 3_000, async () => {
    try {
      return await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: newRunId('lab-13') }));
    } catch {
      return undefined;
    }
  });
  const c = assumed?.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`could not assume ${roleArn}`);
  return clientOf(SSMClient, context, {
    credentials: {
      accessKeyId: c.AccessKeyId,
      secretAccessKey: c.SecretAccessKey,
      sessionToken: c.SessionToken,
    },
  });
}

/** `allowed` or `refused`, from the simulator's decision. */
const verdict = (allowed: boolean) => (allowed ? 'allowed' : 'refused');
/** A real call: `allowed`, `refused` by IAM (AccessDenied), or `other:<error>` (not the fact's refusal). */
const outcomeOf = (refusal: Refusal | undefined) =>
  refusal === undefined ? 'allowed' : isRefusal(refusal, ACCESS_DENIED) ? 'refused' : `other:${refusal.name}`;

export const explicitDenyWins: Experiment<Output> = {
  name: 'Let an explicit Deny beat an Allow',
  fact: 'An explicit Deny in any policy wins over every Allow: the analyst may read the app parameters except those under secrets/, which its Allow also covers.',
  proof: 'behaviour',
  proofOn: { ministack: 'simulation' },
  mustFailWhen: {
    swapOutputs: ['AnalystRoleArn', 'DeveloperRoleArn'],
    why: 'the developer role has no Deny on the secrets: it reads the secret parameter',
    failsBecause: 'secret-readable',
  },
  measures: ['analystReadsSecret'],
  async run(context) {
    const role = outputOf(context, 'AnalystRoleArn');
    const configName = `${outputOf(context, 'ParameterPath')}/config/log-level`;
    const secretName = outputOf(context, 'SecureParameterName');
    let config: string;
    let secret: string;
    let how: string;
    if (simulates(context)) {
      const configDecision = await decision(
        context,
        role,
        'ssm:GetParameter',
        parameterArn(context, configName),
      );
      const secretDecision = await decision(
        context,
        role,
        'ssm:GetParameter',
        parameterArn(context, secretName),
      );
      config = verdict(configDecision === 'allowed');
      secret = verdict(secretDecision === 'allowed');
      how = `policy simulator, analyst: GetParameter ${configName} -> ${configDecision}; ${secretName} -> ${secretDecision}`;
      // The simulator names the kind of deny: only an explicit one is the fact's.
      if (secretDecision !== 'explicitDeny' && secret === 'refused') secret = `refused (${secretDecision})`;
    } else {
      const ssm = await ssmAs(context, role);
      const configRefusal = await refusalOf(() => ssm.send(new GetParameterCommand({ Name: configName })));
      const secretRefusal = await refusalOf(() => ssm.send(new GetParameterCommand({ Name: secretName })));
      config = outcomeOf(configRefusal);
      secret = outcomeOf(secretRefusal);
      how = `as the analyst role: GetParameter ${configName} -> ${describeRefusal(configRefusal)}; ${secretName} -> ${describeRefusal(secretRefusal)}`;
    }
    const because =
      config !== 'allowed'
        ? 'config-refused'
        : secret === 'allowed'
          ? 'secret-readable'
          : secret !== 'refused'
            ? `secret:${secret}`
            : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        how,
        'the config parameter readable; the secret refused (AccessDeniedException; in the simulator explicitDeny)',
        because,
      ),
      { analystReadsSecret: secret === 'refused' ? 'refused' : 'allowed' },
    );
  },
};

export const boundaryCapsRole: Experiment<Output> = {
  name: 'Cap a role with a permissions boundary',
  fact: "A permissions boundary caps a role: an action is allowed only if both the role's policies and the boundary allow it, so the developer's own Allow for PutParameter counts for nothing.",
  proof: 'behaviour',
  proofOn: { ministack: 'simulation' },
  mustFailWhen: {
    replaceOutput: ['DeveloperRoleArn', 'AnalystRoleArn'],
    why: 'the analyst role has no Allow for PutParameter in its own policy, so there is nothing for a boundary to cap',
    failsBecause: 'own-policy-refuses',
  },
  measures: ['developerPutParameter'],
  async run(context) {
    const role = outputOf(context, 'DeveloperRoleArn');
    const readName = `${outputOf(context, 'ParameterPath')}/config/log-level`;
    const writeName = `${outputOf(context, 'ParameterPath')}/config/${newRunId('boundary-probe')}`;
    // The role's own policies alone, without the boundary: they allow the write.
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
    const alone = documents.length
      ? ((
          await iam.send(
            new SimulateCustomPolicyCommand({
              PolicyInputList: documents,
              ActionNames: ['ssm:PutParameter'],
              ResourceArns: [parameterArn(context, writeName)],
            }),
          )
        ).EvaluationResults?.[0]?.EvalDecision ?? 'none')
      : 'no inline policy';
    let read: string;
    let write: string;
    let how: string;
    if (simulates(context)) {
      const r = await decision(context, role, 'ssm:GetParameter', parameterArn(context, readName));
      const w = await decision(context, role, 'ssm:PutParameter', parameterArn(context, writeName));
      read = verdict(r === 'allowed');
      write = verdict(w === 'allowed');
      how = `policy simulator, developer: GetParameter -> ${r}, PutParameter -> ${w}`;
    } else {
      const ssm = await ssmAs(context, role);
      const r = await refusalOf(() => ssm.send(new GetParameterCommand({ Name: readName })));
      const w = await refusalOf(() =>
        ssm.send(new PutParameterCommand({ Name: writeName, Value: 'probe', Type: 'String' })),
      );
      // Had the write gone through, the probe goes again (with the kit's own credentials).
      if (!w) await clientOf(SSMClient, context).send(new DeleteParameterCommand({ Name: writeName }));
      read = outcomeOf(r);
      write = outcomeOf(w);
      how = `as the developer role: GetParameter ${readName} -> ${describeRefusal(r)}, PutParameter ${writeName} -> ${describeRefusal(w)}`;
    }
    const because =
      alone !== 'allowed'
        ? 'own-policy-refuses'
        : read !== 'allowed'
          ? 'read-refused'
          : write === 'allowed'
            ? 'write-allowed'
            : write !== 'refused'
              ? `write:${write}`
              : undefined;
    return withMeasurements(
      expectThat(
        because === undefined,
        `${how}; its own policy alone (simulator): PutParameter -> ${alone}`,
        'GetParameter allowed, PutParameter refused, although its own policy alone allows it',
        because,
      ),
      { developerPutParameter: write === 'refused' ? 'refused' : 'allowed' },
    );
  },
};

export const policyVariablePerTeam: Experiment<Output> = {
  name: 'Scope one policy per principal with a policy variable',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable (or shell parameter), replaced by IAM or bash, not by JavaScript
  fact: "A policy variable such as ${aws:PrincipalTag/team} is replaced by the caller's own value: one policy gives each team role its own prefix and nothing of the other team's.",
  proof: 'behaviour',
  proofOn: { ministack: 'simulation' },
  mustFailWhen: {
    swapOutputs: ['TeamBlueRoleArn', 'AnalystRoleArn'],
    why: 'the analyst role has no team tag and no team policy: the own prefix is refused too',
    failsBecause: 'own-prefix-refused',
  },
  async run(context) {
    const iam = clientOf(IAMClient, context);
    const prefix = outputOf(context, 'TeamParameterPrefixArn');
    const prefixName = prefix.slice(prefix.indexOf(':parameter') + ':parameter'.length);
    const roles = [outputOf(context, 'TeamBlueRoleArn'), outputOf(context, 'TeamGreenRoleArn')];
    // The tag only names the prefixes to try: IAM itself reads the caller's tag (the simulator is told it).
    const teams = await Promise.all(
      roles.map(
        async (arn) =>
          (await iam.send(new ListRoleTagsCommand({ RoleName: arn.split('/').pop() }))).Tags?.find(
            (t) => t.Key === 'team',
          )?.Value ?? 'none',
      ),
    );
    const others = teams.map((team, i) =>
      teams[1 - i] !== team && teams[1 - i] !== 'none' ? teams[1 - i] : 'blue',
    );
    const run = newRunId('probe');
    const seen: string[] = [];
    const because = new Set<string>();
    for (const [i, role] of roles.entries()) {
      let own: string;
      let theirs: string;
      let ownSaw: string;
      let theirsSaw: string;
      if (simulates(context)) {
        const entries = [{ key: 'aws:PrincipalTag/team', value: teams[i] }];
        ownSaw = await decision(context, role, 'ssm:GetParameter', `${prefix}${teams[i]}/${run}`, entries);
        theirsSaw = await decision(
          context,
          role,
          'ssm:GetParameter',
          `${prefix}${others[i]}/${run}`,
          entries,
        );
        own = verdict(ownSaw === 'allowed');
        theirs = verdict(theirsSaw === 'allowed');
      } else {
        // A name that does not exist: ParameterNotFound means IAM let the call through.
        const ssm = await ssmAs(context, role);
        const get = (team: string) => () =>
          ssm.send(new GetParameterCommand({ Name: `${prefixName}${team}/${run}` }));
        const ownRefusal = await refusalOf(get(teams[i]));
        const theirRefusal = await refusalOf(get(others[i]));
        own = isRefusal(ownRefusal, ['ParameterNotFound']) ? 'allowed' : 'refused';
        theirs = outcomeOf(theirRefusal);
        ownSaw = describeRefusal(ownRefusal);
        theirsSaw = describeRefusal(theirRefusal);
      }
      if (own !== 'allowed') because.add('own-prefix-refused');
      if (theirs !== 'refused') because.add('other-prefix-allowed');
      seen.push(`team ${teams[i]}: own prefix -> ${ownSaw}, team ${others[i]}'s -> ${theirsSaw}`);
    }
    return expectThat(
      because.size === 0,
      `${simulates(context) ? 'policy simulator' : 'as each team role'}, GetParameter of a name that does not exist: ${seen.join('; ')}`,
      "each team let through under its own prefix (ParameterNotFound; simulator: allowed), refused under the other team's",
      [...because].join(','),
    );
  },
};
