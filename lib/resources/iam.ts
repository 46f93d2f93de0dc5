import { allReferencedIds, asList, DELETED_WITH_STACK, partOf, referencedId } from './support';
import type { CfnResources, DiagramContext, DiagramEdge } from './types';
import { defineService } from './types';

const IAM_FREE = 'IAM is free';

type Statement = { Effect?: unknown; Action?: unknown; Resource?: unknown };
const statementsOf = (document: unknown) =>
  asList((document as { Statement?: unknown } | undefined)?.Statement) as Statement[];

/** Whether a role's trust policy lets AWS principals (users, roles, accounts) assume it, not only services. */
const assumedByPrincipals = (props: Record<string, unknown>) =>
  statementsOf(props.AssumeRolePolicyDocument).some(
    (s) => (s as { Principal?: { AWS?: unknown } }).Principal?.AWS !== undefined,
  );

/** The drawn nodes that name a role in their properties without running with it (they assume it). */
const assumersOf = (role: string, { drawn, resources, roleOwners }: DiagramContext) =>
  [...drawn].filter(
    (id) =>
      id !== role &&
      roleOwners.get(role) !== id &&
      allReferencedIds(resources[id]?.Properties ?? {}).has(role),
  );

/**
 * A policy's `Resource` as a glob, where it is built with `Fn::Join` (a parameter ARN from the
 * partition, region and account): its literal parts kept, the rest and policy variables as `*`.
 */
function arnPattern(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!Array.isArray(join)) return undefined;
  return join[1].map((part) => (typeof part === 'string' ? part : '*')).join(join[0]);
}

/** Drawn SSM parameters whose name a policy resource such as `arn:...:parameter/lab-13/app/*` covers. */
function parametersCovered(resource: unknown, resources: CfnResources, drawn: ReadonlySet<string>): string[] {
  const pattern = arnPattern(resource)?.split(':parameter')[1];
  if (!pattern) return [];
  const glob = new RegExp(
    `^${pattern
      .replace(/\$\{[^}]*\}/g, '*')
      .replace(/[.+?^$()|[\]\\{}]/g, '\\$&')
      .replace(/\*/g, '.*')}$`,
  );
  return [...drawn].filter((id) => {
    const name = resources[id]?.Properties?.Name;
    return typeof name === 'string' && /SSM::Parameter|SecureStringParameter/.test(resources[id].Type)
      ? glob.test(name)
      : false;
  });
}

/** The grant edges of one policy document, from the node acting with it to the drawn resources it names. */
function grantEdges(
  owner: string,
  document: unknown,
  context: DiagramContext,
  prefix = 'IAM',
): DiagramEdge[] {
  const { drawn, resources, grantServices } = context;
  // One edge per target and effect, the actions of every statement that names it together.
  const verbsByTarget = new Map<string, Set<string>>();
  for (const statement of statementsOf(document)) {
    const actions = asList(statement.Action).map(String);
    const drawnActions = actions.filter((a) => grantServices.has(a.split(':')[0]));
    if (drawnActions.length === 0) continue;
    const targets = new Set([
      ...allReferencedIds(statement.Resource),
      ...asList(statement.Resource).flatMap((r) => parametersCovered(r, resources, drawn)),
    ]);
    for (const target of targets) {
      if (!drawn.has(target) || target === owner) continue;
      const key = `${statement.Effect === 'Deny' ? 'deny' : 'allow'} ${target}`;
      const verbs = verbsByTarget.get(key) ?? new Set<string>();
      for (const action of drawnActions) verbs.add(action.split(':')[1]);
      verbsByTarget.set(key, verbs);
    }
  }
  return [...verbsByTarget].map(([key, set]) => {
    const [effect, target] = key.split(' ');
    const verbs = [...set].sort();
    const text = verbs.length > 2 ? `${verbs.slice(0, 2).join(', ')}, ...` : verbs.join(', ');
    const deny = effect === 'deny';
    return { from: owner, to: target, label: `${prefix}${deny ? ' deny' : ''}: ${text}`, dotted: deny };
  });
}

/** The node acting with a role: the drawn node that runs with it, else the role itself when drawn. */
const actorOf = (role: string | undefined, { roleOwners, drawn }: DiagramContext) =>
  role === undefined ? undefined : (roleOwners.get(role) ?? (drawn.has(role) ? role : undefined));

/** AWS IAM: roles, policies (drawn as grant edges to data and messaging resources), managed policies. */
export const iam = defineService({
  prefix: 'AWS::IAM',
  types: {
    'AWS::IAM::Role': {
      price: { free: IAM_FREE },
      diagram: {
        // A role a drawn node runs with is drawn through its policies, as grant edges from that node.
        node: {
          label: 'IAM role',
          group: 'Security',
          drawnWhen: (id, props, context) =>
            !context.roleOwners.has(id) && (assumedByPrincipals(props) || assumersOf(id, context).length > 0),
        },
        edges: (id, props, context) => {
          if (!context.drawn.has(id)) return [];
          const edges: DiagramEdge[] = assumersOf(id, context).map((from) => ({
            from,
            to: id,
            label: 'assumes',
            dotted: true,
          }));
          const boundary = referencedId(props.PermissionsBoundary);
          if (boundary) edges.push({ from: id, to: boundary, label: 'permissions boundary', dotted: true });
          for (const policy of asList(props.ManagedPolicyArns).map(referencedId))
            if (policy) edges.push({ from: id, to: policy, label: 'managed policy', dotted: true });
          return edges;
        },
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::IAM::Policy': {
      price: { free: IAM_FREE },
      diagram: {
        hidden: 'drawn as IAM edges from the node acting with its role to the resources it allows or denies',
        edges: (_id, props, context) => {
          const owner = asList(props.Roles)
            .map((r) => actorOf(referencedId(r), context))
            .find(Boolean);
          return owner ? grantEdges(owner, props.PolicyDocument, context) : [];
        },
      },
      leftovers: { cannotOutlive: partOf('role') },
    },
    'AWS::IAM::ManagedPolicy': {
      price: { free: IAM_FREE },
      diagram: {
        // Drawn where a drawn role uses it (attached or as its permissions boundary): lab-13's lesson.
        node: {
          label: 'IAM managed policy',
          group: 'Security',
          drawnWhen: (id, props, { drawn, resources }) =>
            asList(props.Roles).some((r) => drawn.has(referencedId(r) ?? '')) ||
            [...drawn].some((role) => {
              const p = resources[role]?.Properties ?? {};
              return (
                resources[role]?.Type === 'AWS::IAM::Role' &&
                (referencedId(p.PermissionsBoundary) === id ||
                  asList(p.ManagedPolicyArns).some((arn) => referencedId(arn) === id))
              );
            }),
        },
        edges: (id, props, context) => {
          if (!context.drawn.has(id)) return [];
          const edges: DiagramEdge[] = [];
          for (const role of asList(props.Roles).map(referencedId))
            if (role && context.drawn.has(role))
              edges.push({ from: role, to: id, label: 'managed policy', dotted: true });
          // A permissions boundary allows nothing by itself: its edges say what it caps.
          const boundary = [...context.drawn].some(
            (role) => referencedId(context.resources[role]?.Properties?.PermissionsBoundary) === id,
          );
          return [...edges, ...grantEdges(id, props.PolicyDocument, context, boundary ? 'at most' : 'IAM')];
        },
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
