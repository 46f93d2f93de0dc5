import { randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { open, seal, sha256 } from './seal';

const kms = new KMSClient({});

/** What the experiments ask for: a random payload of this many bytes. */
export interface EnvelopeRequest {
  readonly sizeBytes?: number;
}

/** What the function returns: the envelope (never the plaintext data key) and its own round trip. */
export interface EnvelopeResult {
  readonly plaintextBytes: number;
  readonly plaintextSha256: string;
  readonly encryptionContext: Record<string, string>;
  /** The data key encrypted under the KMS key: what would be stored next to the ciphertext. */
  readonly encryptedDataKey: string;
  readonly iv: string;
  readonly authTag: string;
  readonly ciphertext: string;
  /** Whether decrypting the data key with KMS and the payload locally gave the plaintext back. */
  readonly roundTrip: boolean;
}

/**
 * Envelope encryption: asks KMS for a data key (GenerateDataKey returns it in plaintext and
 * encrypted under the KMS key), encrypts the payload locally with AES-256-GCM, drops the plaintext
 * key and keeps the encrypted one. To decrypt, KMS decrypts the data key (with the same encryption
 * context) and the payload is decrypted locally. KMS never sees the payload, so its size is not
 * limited by KMS's 4 KB Encrypt limit. The function's role has no KMS permission: a grant gives it
 * GenerateDataKey and Decrypt, only with the lab's encryption context.
 */
export async function handler(event: EnvelopeRequest): Promise<EnvelopeResult> {
  const size = Math.min(Math.max(Number(event.sizeBytes ?? 1024), 0), 4 * 1024 * 1024);
  const encryptionContext = JSON.parse(process.env.ENCRYPTION_CONTEXT ?? '{}') as Record<string, string>;
  const plaintext = randomBytes(size);
  const dataKey = await kms.send(
    new GenerateDataKeyCommand({
      KeyId: process.env.KEY_ID,
      KeySpec: 'AES_256',
      EncryptionContext: encryptionContext,
    }),
  );
  if (!dataKey.Plaintext || !dataKey.CiphertextBlob) throw new Error('GenerateDataKey returned no key');
  const sealed = seal(plaintext, dataKey.Plaintext);
  dataKey.Plaintext.fill(0);

  const decrypted = await kms.send(
    new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob, EncryptionContext: encryptionContext }),
  );
  if (!decrypted.Plaintext) throw new Error('Decrypt returned no key');
  const opened = open(sealed, decrypted.Plaintext);
  decrypted.Plaintext.fill(0);

  return {
    plaintextBytes: size,
    plaintextSha256: sha256(plaintext),
    encryptionContext,
    encryptedDataKey: Buffer.from(dataKey.CiphertextBlob).toString('base64'),
    iv: sealed.iv.toString('base64'),
    authTag: sealed.authTag.toString('base64'),
    ciphertext: sealed.ciphertext.toString('base64'),
    roundTrip: opened.equals(plaintext),
  };
}
