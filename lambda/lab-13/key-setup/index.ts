import { KMSClient } from '@aws-sdk/client-kms';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { CloudFormationCustomResourceEvent } from 'aws-lambda';
import { answerCustomResource } from '../../kit/custom-resource-response';
import {
  createGrant,
  deleteParameter,
  type GrantProperties,
  type Kms,
  putSecureString,
  revokeGrant,
  type SecureStringProperties,
  type Ssm,
} from './setup';

/** Carries out one custom resource; returns its physical id. Exported for the handler tests. */
export async function apply(event: CloudFormationCustomResourceEvent, kms: Kms, ssm: Ssm): Promise<string> {
  const physicalId = event.RequestType === 'Create' ? undefined : event.PhysicalResourceId;
  switch (event.ResourceType) {
    case 'Custom::KmsGrant': {
      const props = event.ResourceProperties as unknown as GrantProperties;
      if (event.RequestType === 'Delete') {
        if (physicalId?.endsWith('-failed') === false) await revokeGrant(kms, props.KeyId, physicalId);
        return physicalId ?? '';
      }
      // A grant cannot be changed: a new one replaces it (CloudFormation then deletes the old id).
      return createGrant(kms, props);
    }
    case 'Custom::SecureStringParameter': {
      const props = event.ResourceProperties as unknown as SecureStringProperties;
      if (event.RequestType === 'Delete') {
        if (physicalId?.startsWith('/')) await deleteParameter(ssm, physicalId);
        return physicalId ?? '';
      }
      if (event.RequestType === 'Update' && physicalId === props.Name) return physicalId;
      return putSecureString(ssm, props);
    }
    default:
      throw new Error(`unknown resource type ${event.ResourceType}`);
  }
}

let clients: { kms: Kms; ssm: Ssm } | undefined;

/**
 * Custom resources for what CloudFormation cannot create: a KMS grant (there is no grant type) and
 * a SecureString parameter (AWS::SSM::Parameter refuses that type). Always answers the response URL.
 */
export async function handler(event: CloudFormationCustomResourceEvent): Promise<void> {
  clients ??= { kms: new KMSClient({}), ssm: new SSMClient({}) };
  const { kms, ssm } = clients;
  await answerCustomResource(event, `${event.ResourceType} ${event.RequestType} failed`, () =>
    apply(event, kms, ssm),
  );
}
