import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

/** What to predict before `npx labs verify lab-13`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'envelope-1mib',
    question:
      'KMS Encrypt takes at most 4 KB. Can the envelope function encrypt a 1 MiB payload with the same key and get it back intact? (yes / no)',
    experiment: 'envelopeEncryption',
    measure: 'envelopeRoundTrip',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: 'KMS only encrypts the 32-byte data key; the payload is encrypted locally, so its size is not limited by KMS.',
  },
  {
    id: 'wrong-context',
    question:
      'A ciphertext was made with encryption context purpose=lab-13-envelope. Decrypt is called with purpose=something-else by a caller allowed to use the key. (refused / accepted)',
    experiment: 'wrongContextRefused',
    measure: 'wrongContextDecrypt',
    answer: { kind: 'choice', choices: ['refused', 'accepted'] },
    fact: 'The encryption context is authenticated with the ciphertext: a different context makes Decrypt fail whatever the permissions.',
  },
  {
    id: 'parameters-by-path',
    question:
      'The app tree holds two String parameters under config/ and one SecureString under secrets/. How many parameters does one recursive GetParametersByPath of the app path return?',
    experiment: 'parametersByPath',
    measure: 'parametersUnderPath',
    answer: { kind: 'number' },
    fact: 'Recursive reads every level below the path, SecureStrings included (encrypted unless decryption is asked for).',
  },
  {
    id: 'deny-beats-allow',
    question:
      'The analyst role allows ssm:GetParameter on the whole app tree and denies it on app/secrets/*. Can it read the secret parameter? (allowed / refused)',
    experiment: 'explicitDenyWins',
    measure: 'analystReadsSecret',
    answer: { kind: 'choice', choices: ['allowed', 'refused'] },
    fact: 'An explicit Deny wins over any Allow, however specific the Allow is.',
  },
  {
    id: 'rotation-changes-password',
    question: 'After the four rotation steps run, is the password AWSCURRENT points at a new one? (yes / no)',
    experiment: 'fourRotationSteps',
    measure: 'passwordChanged',
    answer: { kind: 'choice', choices: ['yes', 'no'] },
    fact: 'createSecret stores a new value as AWSPENDING and finishSecret moves AWSCURRENT to it; the old version keeps AWSPREVIOUS.',
  },
];
