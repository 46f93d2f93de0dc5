import { COMPAT_RESOURCE_TYPES } from '../../lambda/kit/emulator-compatibility/resource-types';
import { ARCHIVE_LEFTOVERS } from './events';
import { parameterExists } from './ssm';
import { asList, referencedId } from './support';
import { defineService } from './types';

const NOT_A_RESOURCE =
  'not a resource in the account: a call to its provider function at create, update and delete';

/** A compatibility step's custom resource: only ever in templates bound for a local emulator. */
const EMULATOR_STEP = {
  price: { free: 'emulator-only: never deployed to AWS' },
  diagram: { hidden: 'an emulator compatibility step, not part of the architecture' },
  leftovers: { cannotOutlive: NOT_A_RESOURCE },
} as const;

/** The kit's own custom resource types (`Custom::...`). */
export const custom = defineService({
  prefix: 'Custom',
  types: {
    'Custom::SesRuleSetActivator': {
      price: { free: 'its provider function is priced' },
      diagram: { hidden: 'a deploy-time step, not part of the running architecture' },
      leftovers: { cannotOutlive: NOT_A_RESOURCE },
    },
    'Custom::EmptyBucketOnDelete': {
      price: { free: 'its provider function is priced' },
      diagram: { hidden: 'a delete-time step (it empties a bucket), not part of the running architecture' },
      leftovers: { cannotOutlive: NOT_A_RESOURCE },
    },
    'Custom::LambdaReleaseMarker': {
      price: { free: 'its provider function is priced' },
      diagram: {
        hidden:
          'a deploy-time step (it marks a new release of a function), not part of the running architecture',
      },
      leftovers: { cannotOutlive: NOT_A_RESOURCE },
    },
    'Custom::S3AutoDeleteObjects': {
      price: { free: 'its provider function is priced' },
      diagram: {
        hidden: 'empties its bucket when the stack is deleted, not part of the running architecture',
      },
      leftovers: { cannotOutlive: NOT_A_RESOURCE },
    },
    'Custom::KmsGrant': {
      price: { free: 'a KMS grant is free; its key is priced' },
      diagram: {
        node: { label: 'KMS grant', group: 'Security' },
        // Key -> grant -> grantee (the node running with the grantee role, or the role when drawn).
        edges: (id, props, { roleOwners, drawn }) => {
          const key = referencedId(props.KeyId);
          const role = referencedId(props.GranteePrincipal);
          const grantee = role ? (roleOwners.get(role) ?? (drawn.has(role) ? role : undefined)) : undefined;
          const operations = asList(props.Operations).map(String).join(', ');
          const context = props.EncryptionContextSubset ? ' (with its encryption context)' : '';
          return [
            ...(key ? [{ from: key, to: id, label: 'grant', dotted: true }] : []),
            ...(grantee
              ? [{ from: id, to: grantee, label: `allows ${operations}${context}`, dotted: true }]
              : []),
          ];
        },
      },
      leftovers: {
        cannotOutlive:
          'revoked by its custom resource on delete, and a grant is unusable once its key is pending deletion (the key goes with the stack)',
      },
    },
    'Custom::SecureStringParameter': {
      price: { free: 'a standard SecureString parameter is free (the KMS key is priced)' },
      diagram: { node: { label: 'SSM SecureString parameter', group: 'Configuration' } },
      // Its physical id is the parameter's name; the SSM module's name scan covers it too.
      leftovers: { exists: parameterExists },
    },
    [COMPAT_RESOURCE_TYPES.securityGroupRule]: EMULATOR_STEP,
    [COMPAT_RESOURCE_TYPES.fifoTopicAttributes]: EMULATOR_STEP,
    [COMPAT_RESOURCE_TYPES.targetGroupTargets]: EMULATOR_STEP,
    [COMPAT_RESOURCE_TYPES.bucketConfiguration]: EMULATOR_STEP,
    [COMPAT_RESOURCE_TYPES.functionReservedConcurrency]: EMULATOR_STEP,
    [COMPAT_RESOURCE_TYPES.rotationSchedule]: EMULATOR_STEP,
    // It stands for an archive and creates a real one in the emulator: the scan looks for it.
    [COMPAT_RESOURCE_TYPES.eventArchive]: { ...EMULATOR_STEP, leftovers: ARCHIVE_LEFTOVERS },
  },
});
