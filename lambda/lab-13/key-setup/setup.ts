import { randomBytes } from 'node:crypto';
import { CreateGrantCommand, type KMSClient, RevokeGrantCommand } from '@aws-sdk/client-kms';
import { DeleteParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';

export type Kms = Pick<KMSClient, 'send'>;
export type Ssm = Pick<SSMClient, 'send'>;

/** Custom::KmsGrant properties (as CloudFormation passes them). */
export interface GrantProperties {
  readonly KeyId: string;
  readonly GranteePrincipal: string;
  readonly Operations: string[];
  readonly EncryptionContextSubset?: Record<string, string>;
  readonly Name?: string;
}

/** Custom::SecureStringParameter properties. */
export interface SecureStringProperties {
  readonly Name: string;
  readonly KeyId: string;
}

/** Runs `call`, treating an error whose name matches `gone` as success (the thing is already gone). */
async function unlessGone(gone: RegExp, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!gone.test((error as Error).name)) throw error;
  }
}

/** Creates the grant; returns its id (the custom resource's physical id). */
export async function createGrant(kms: Kms, props: GrantProperties): Promise<string> {
  const context = props.EncryptionContextSubset;
  const created = await kms.send(
    new CreateGrantCommand({
      KeyId: props.KeyId,
      GranteePrincipal: props.GranteePrincipal,
      Operations: props.Operations as never,
      Name: props.Name,
      Constraints:
        context && Object.keys(context).length > 0 ? { EncryptionContextSubset: context } : undefined,
    }),
  );
  if (!created.GrantId) throw new Error('CreateGrant returned no grant id');
  return created.GrantId;
}

export async function revokeGrant(kms: Kms, keyId: string, grantId: string): Promise<void> {
  await unlessGone(/NotFound|InvalidGrantId|KMSInvalidState/, () =>
    kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: grantId })),
  );
}

/**
 * Creates the SecureString parameter with a random value, encrypted under the given key; returns its
 * name (the physical id). The value is made here, so it is in no template and no log.
 */
export async function putSecureString(ssm: Ssm, props: SecureStringProperties): Promise<string> {
  await ssm.send(
    new PutParameterCommand({
      Name: props.Name,
      Type: 'SecureString',
      KeyId: props.KeyId,
      Value: randomBytes(24).toString('base64url'),
      Description: 'lab-13: a SecureString, made by a custom resource (CloudFormation cannot create one)',
      Overwrite: true,
    }),
  );
  return props.Name;
}

export async function deleteParameter(ssm: Ssm, name: string): Promise<void> {
  await unlessGone(/ParameterNotFound/, () => ssm.send(new DeleteParameterCommand({ Name: name })));
}
