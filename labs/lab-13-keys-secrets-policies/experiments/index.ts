/**
 * lab-13 experiments: KMS is driven directly (Encrypt, Decrypt) and through the envelope function;
 * Parameter Store is read by path by a function without kms:Decrypt; the secret is rotated; IAM's
 * policy evaluation is asked through the policy simulator about the lab's roles.
 */

import type { ExperimentSet } from '../../../lib/experiments/experiment';
import { boundaryCapsRole, explicitDenyWins, policyVariablePerTeam } from './iam-policies';
import {
  envelopeEncryption,
  grantToEnvelopeRole,
  keyRotationEnabled,
  kmsEncryptLimit,
  wrongContextRefused,
} from './kms-key';
import { parametersByPath, secureStringNeedsKmsDecrypt } from './parameter-store';
import { fourRotationSteps, secretRotated } from './secret-rotation';

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  kmsEncryptLimit,
  envelopeEncryption,
  wrongContextRefused,
  grantToEnvelopeRole,
  keyRotationEnabled,
  parametersByPath,
  secureStringNeedsKmsDecrypt,
  secretRotated,
  fourRotationSteps,
  explicitDenyWins,
  boundaryCapsRole,
  policyVariablePerTeam,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
