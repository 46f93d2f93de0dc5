import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A payload sealed locally with AES-256-GCM under a data key. */
export interface Sealed {
  readonly iv: Buffer;
  readonly authTag: Buffer;
  readonly ciphertext: Buffer;
}

/** Encrypts `plaintext` with a 256-bit data key (AES-256-GCM, a fresh 96-bit IV). */
export function seal(plaintext: Buffer, dataKey: Uint8Array): Sealed {
  if (dataKey.length !== 32) throw new Error(`a 256-bit data key is needed, got ${dataKey.length * 8} bits`);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, authTag: cipher.getAuthTag(), ciphertext };
}

/** Decrypts what {@link seal} produced; throws when the key, IV, tag or ciphertext do not match. */
export function open(sealed: Sealed, dataKey: Uint8Array): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', dataKey, sealed.iv);
  decipher.setAuthTag(sealed.authTag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
