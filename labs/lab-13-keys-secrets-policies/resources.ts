import type { ExperimentResources } from '../../lib/lab/catalogue';
import type { ExperimentId } from './experiments';

/** lab-13: the resources each experiment is about, by their names in the guide's diagram (which must draw them). */
export const experimentResources: ExperimentResources<ExperimentId> = {
  kmsEncryptLimit: ['LabKey'],
  envelopeEncryption: ['EnvelopeFunction', 'EnvelopeGrant', 'LabKey'],
  wrongContextRefused: ['LabKey'],
  grantToEnvelopeRole: ['LabKey', 'EnvelopeGrant', 'EnvelopeFunction'],
  keyRotationEnabled: ['LabKey'],
  parametersByPath: ['ConfigReaderFunction', 'FeatureFlags', 'LogLevel', 'DbPassword'],
  secureStringNeedsKmsDecrypt: ['ConfigReaderFunction', 'DbPassword', 'LabKey'],
  secretRotated: ['AppSecret', 'RotationFunction'],
  fourRotationSteps: ['AppSecret', 'RotationFunction'],
  explicitDenyWins: ['AnalystRole', 'FeatureFlags', 'DbPassword'],
  boundaryCapsRole: ['DeveloperRole', 'ReadOnlyBoundary'],
  policyVariablePerTeam: ['TeamBlueRole', 'TeamGreenRole', 'TeamScopedPolicy'],
};
