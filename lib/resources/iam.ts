import { allReferencedIds, asList, DELETED_WITH_STACK, partOf, referencedId } from './support';
import { defineService } from './types';

const IAM_FREE = 'IAM is free';

/** AWS IAM: roles, policies (drawn as grant edges to data and messaging resources), managed policies. */
export const iam = defineService({
  prefix: 'AWS::IAM',
  types: {
    'AWS::IAM::Role': {
      price: { free: IAM_FREE },
      diagram: { hidden: 'drawn through its policies, as grant edges from the node that runs with it' },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
    'AWS::IAM::Policy': {
      price: { free: IAM_FREE },
      diagram: {
        hidden: 'drawn as IAM edges from the node running with its role to the resources it grants',
        edges: (_id, props, { drawn, roleOwners, grantServices }) => {
          const owner = asList(props.Roles)
            .map((r) => roleOwners.get(referencedId(r) ?? ''))
            .find(Boolean);
          const statements = asList((props.PolicyDocument as { Statement?: unknown })?.Statement) as {
            Action?: unknown;
            Resource?: unknown;
          }[];
          const edges = [];
          for (const statement of statements) {
            const actions = asList(statement.Action).map(String);
            const drawnActions = actions.filter((a) => grantServices.has(a.split(':')[0]));
            if (!owner || drawnActions.length === 0) continue;
            for (const target of allReferencedIds(statement.Resource)) {
              if (!drawn.has(target) || target === owner) continue;
              const verbs = [...new Set(drawnActions.map((a) => a.split(':')[1]))].sort();
              const text = verbs.length > 2 ? `${verbs.slice(0, 2).join(', ')}, ...` : verbs.join(', ');
              edges.push({ from: owner, to: target, label: `IAM: ${text}` });
            }
          }
          return edges;
        },
      },
      leftovers: { cannotOutlive: partOf('role') },
    },
    'AWS::IAM::ManagedPolicy': {
      price: { free: IAM_FREE },
      diagram: {
        hidden: 'a policy document attached to roles (or used as their permissions boundary), not a flow',
      },
      leftovers: { cannotOutlive: DELETED_WITH_STACK },
    },
  },
});
