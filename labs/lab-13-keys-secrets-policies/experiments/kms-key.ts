/** The KMS key: the 4 KB Encrypt limit, envelope encryption, the encryption context, the grant, yearly rotation. */

import { createDecipheriv, createHash } from 'node:crypto';
import {
  DecryptCommand,
  EncryptCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListGrantsCommand,
} from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { clientOf } from '../../../lib/experiments/clients';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { describeRefusal, isRefusal, newRunId, refusalOf } from '../../../lib/experiments/helpers';
import { invokeForAnswer } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';

// The lab's documented facts, stated here on purpose: the experiments check the deployed lab
// against the guide, not against whatever the template says.
const KMS_ENCRYPT_LIMIT = 4096;
const ENVELOPE_PAYLOAD = 1024 * 1024;
const ENVELOPE_CONTEXT = { purpose: 'lab-13-envelope' };
const GRANT_OPERATIONS = ['Decrypt', 'GenerateDataKey'];
/** "Every year": the default rotation period of a customer managed key. */
const ROTATION_PERIOD_DAYS = 365;

interface Envelope {
  plaintextBytes: number;
  plaintextSha256: string;
  encryptionContext: Record<string, string>;
  encryptedDataKey: string;
  iv: string;
  authTag: string;
  ciphertext: string;
  roundTrip: boolean;
}

export const kmsEncryptLimit: Experiment<Output> = {
  name: 'Encrypt up to 4 KB with KMS directly',
  fact: 'KMS Encrypt takes at most 4,096 bytes of plaintext: 4,096 are accepted, one byte more is refused.',
  proof: 'behaviour',
  measures: ['encrypt4097Bytes'],
  async run(context) {
    const kms = clientOf(KMSClient, context);
    const encrypt = (bytes: number) => () =>
      kms.send(new EncryptCommand({ KeyId: outputOf(context, 'KeyArn'), Plaintext: Buffer.alloc(bytes, 7) }));
    const atLimit = await refusalOf(encrypt(KMS_ENCRYPT_LIMIT));
    const over = await refusalOf(encrypt(KMS_ENCRYPT_LIMIT + 1));
    // KMS refuses an over-long plaintext as a request that fails validation, not for any other reason.
    const overRefused = isRefusal(over, ['ValidationException']);
    return withMeasurements(
      expectThat(
        atLimit === undefined && overRefused,
        `Encrypt of ${KMS_ENCRYPT_LIMIT} bytes: ${describeRefusal(atLimit)}; of ${KMS_ENCRYPT_LIMIT + 1} bytes: ${describeRefusal(over)}`,
        `${KMS_ENCRYPT_LIMIT} bytes accepted, ${KMS_ENCRYPT_LIMIT + 1} refused (ValidationException)`,
        atLimit !== undefined ? 'limit-refused' : 'over-limit-accepted',
      ),
      { encrypt4097Bytes: over ? 'refused' : 'accepted' },
    );
  },
};

export const envelopeEncryption: Experiment<Output> = {
  name: 'Envelope-encrypt 1 MiB with a data key',
  fact: 'Envelope encryption: GenerateDataKey returns a data key in plaintext and encrypted; the payload (of any size) is encrypted locally, only the encrypted data key is kept, and KMS decrypts that key to read the payload back.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['EnvelopeFunctionName', 'ConfigReaderFunctionName'],
    why: 'the parameter reader returns parameters, not an envelope',
    failsBecause: 'no-envelope',
  },
  measures: ['envelopeRoundTrip'],
  async run(context) {
    const envelope = await invokeForAnswer<Envelope>(
      clientOf(LambdaClient, context),
      outputOf(context, 'EnvelopeFunctionName'),
      {
        sizeBytes: ENVELOPE_PAYLOAD,
      },
    );
    if (!envelope.encryptedDataKey || !envelope.ciphertext)
      return fail(
        `the function answered no envelope: ${JSON.stringify(envelope).slice(0, 200)}`,
        'an envelope: an encrypted data key and the ciphertext',
        'no-envelope',
      );
    // Open it here, as a reader elsewhere would: KMS decrypts the data key, AES-GCM the payload.
    const dataKey = await clientOf(KMSClient, context).send(
      new DecryptCommand({
        CiphertextBlob: Buffer.from(envelope.encryptedDataKey, 'base64'),
        EncryptionContext: envelope.encryptionContext,
      }),
    );
    const decipher = createDecipheriv(
      'aes-256-gcm',
      dataKey.Plaintext ?? new Uint8Array(),
      Buffer.from(envelope.iv, 'base64'),
    );
    decipher.setAuthTag(Buffer.from(envelope.authTag, 'base64'));
    const plaintext = Buffer.concat([
      decipher.update(Buffer.from(envelope.ciphertext, 'base64')),
      decipher.final(),
    ]);
    const same = createHash('sha256').update(plaintext).digest('hex') === envelope.plaintextSha256;
    const ok = envelope.roundTrip && same && plaintext.length === ENVELOPE_PAYLOAD;
    return withMeasurements(
      expectThat(
        ok,
        `sealed ${envelope.plaintextBytes} bytes under a ${Buffer.from(envelope.encryptedDataKey, 'base64').length}-byte encrypted data key (context ${JSON.stringify(envelope.encryptionContext)}); the function's own round trip ${envelope.roundTrip ? 'matched' : 'did not match'}; decrypted here: ${plaintext.length} bytes, ${same ? 'same SHA-256' : 'different SHA-256'}`,
        `${ENVELOPE_PAYLOAD} bytes back with the same SHA-256, in the function and here`,
        'round-trip-differs',
      ),
      { envelopeRoundTrip: ok ? 'yes' : 'no' },
    );
  },
};

export const wrongContextRefused: Experiment<Output> = {
  name: 'Refuse a decrypt with the wrong encryption context',
  fact: 'The encryption context is bound to the ciphertext (additional authenticated data): Decrypt with a different context is refused, with the same one it succeeds.',
  proof: 'behaviour',
  measures: ['wrongContextDecrypt'],
  async run(context) {
    const kms = clientOf(KMSClient, context);
    const run = newRunId('context');
    const encryptionContext = { ...ENVELOPE_CONTEXT, run };
    const sealed = await kms.send(
      new EncryptCommand({
        KeyId: outputOf(context, 'KeyArn'),
        Plaintext: Buffer.from(`lab-13 ${run}`),
        EncryptionContext: encryptionContext,
      }),
    );
    const decrypt = (ctx: Record<string, string>) => () =>
      kms.send(new DecryptCommand({ CiphertextBlob: sealed.CiphertextBlob, EncryptionContext: ctx }));
    const wrong = await refusalOf(decrypt({ ...encryptionContext, purpose: 'something-else' }));
    const right = await refusalOf(decrypt(encryptionContext));
    // A context that does not match fails the ciphertext's authentication: KMS names it so.
    const wrongRefused = isRefusal(wrong, ['InvalidCiphertextException']);
    return withMeasurements(
      expectThat(
        wrongRefused && right === undefined,
        `Decrypt with purpose=something-else: ${describeRefusal(wrong)}; with the context used to encrypt: ${describeRefusal(right)}`,
        'refused with the wrong context (InvalidCiphertextException), accepted with the right one',
        !wrongRefused ? 'wrong-context-accepted' : 'right-context-refused',
      ),
      { wrongContextDecrypt: wrong ? 'refused' : 'accepted' },
    );
  },
};

export const grantToEnvelopeRole: Experiment<Output> = {
  name: 'Give the envelope function the key through a grant',
  fact: "A grant lets one principal use a key for listed operations, here only with the lab's encryption context, without changing the key policy or the principal's IAM policy.",
  proof: 'configuration',
  async run(context) {
    const grantee = outputOf(context, 'EnvelopeRoleArn');
    const grants =
      (await clientOf(KMSClient, context).send(new ListGrantsCommand({ KeyId: outputOf(context, 'KeyArn') })))
        .Grants ?? [];
    const describe = (g: (typeof grants)[number]) =>
      `${g.Name ?? g.GrantId?.slice(0, 12)}: ${[...(g.Operations ?? [])].sort().join(', ')} if context ${JSON.stringify(g.Constraints?.EncryptionContextSubset ?? {})}`;
    const theirs = grants.filter((g) => g.GranteePrincipal === grantee);
    const ok = theirs.some(
      (g) =>
        [...(g.Operations ?? [])].sort().join() === GRANT_OPERATIONS.join() &&
        JSON.stringify(g.Constraints?.EncryptionContextSubset ?? {}) === JSON.stringify(ENVELOPE_CONTEXT),
    );
    return expectThat(
      ok,
      `${grants.length} grant(s) on the key; for the envelope role: ${theirs.map(describe).join('; ') || 'none'}`,
      `a grant to the envelope role for ${GRANT_OPERATIONS.join(' and ')}, only with ${JSON.stringify(ENVELOPE_CONTEXT)}`,
      theirs.length === 0 ? 'no-grant' : 'grant-differs',
    );
  },
};

export const keyRotationEnabled: Experiment<Output> = {
  name: 'Rotate the key material yearly',
  fact: 'Automatic rotation of a customer managed key makes new key material every year (by default); the key id stays, and older ciphertexts still decrypt because KMS keeps every earlier material.',
  proof: 'configuration',
  async run(context) {
    const rotation = await clientOf(KMSClient, context).send(
      new GetKeyRotationStatusCommand({ KeyId: outputOf(context, 'KeyArn') }),
    );
    const yearly = rotation.RotationPeriodInDays === ROTATION_PERIOD_DAYS;
    return expectThat(
      rotation.KeyRotationEnabled === true && yearly,
      `GetKeyRotationStatus: KeyRotationEnabled ${rotation.KeyRotationEnabled}, RotationPeriodInDays ${rotation.RotationPeriodInDays ?? 'not reported'}`,
      `KeyRotationEnabled true, every ${ROTATION_PERIOD_DAYS} days`,
      rotation.KeyRotationEnabled !== true ? 'rotation-off' : 'not-yearly',
    );
  },
};
