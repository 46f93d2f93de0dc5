import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { type RotationEvent, rotate } from './rotate';

const sm = new SecretsManagerClient({});

/** The rotation function Secrets Manager invokes four times per rotation (see rotate.ts). */
export async function handler(event: RotationEvent): Promise<string> {
  const done = await rotate(sm, event);
  console.log(done);
  return done;
}
