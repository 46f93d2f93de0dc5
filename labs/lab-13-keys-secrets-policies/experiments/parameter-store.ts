/** Parameter Store: a branch read by path; a SecureString's decryption needs kms:Decrypt. */

import { LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { clientOf } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { invokeForAnswer } from '../../../lib/experiments/lambda';
import type { Output } from '../outputs';

interface ReadResult {
  parameters?: { name: string; type: string; value: string }[];
  error?: { name: string; message: string };
}

export const parametersByPath: Experiment<Output> = {
  name: 'Read the parameter hierarchy by path',
  fact: 'GetParametersByPath with Recursive reads a whole branch of the Parameter Store hierarchy in one call; without decryption a SecureString comes back still encrypted.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['ConfigReaderFunctionName', 'EnvelopeFunctionName'],
    why: 'the envelope function returns an envelope, not parameters: no branch is read',
    failsBecause: 'branch-not-read',
  },
  measures: ['parametersUnderPath'],
  async run(context) {
    const read = await invokeForAnswer<ReadResult>(
      clientOf(LambdaClient, context),
      outputOf(context, 'ConfigReaderFunctionName'),
      {
        decrypt: false,
      },
    );
    const parameters = read.parameters ?? [];
    const secureName = outputOf(context, 'SecureParameterName');
    const plaintext = (
      await clientOf(SSMClient, context).send(
        new GetParameterCommand({ Name: secureName, WithDecryption: true }),
      )
    ).Parameter?.Value;
    const secure = parameters.find((p) => p.name === secureName);
    const strings = parameters.filter((p) => p.type === 'String');
    const ok =
      read.error === undefined &&
      strings.length === 2 &&
      strings.every((p) => p.value.length > 0) &&
      secure?.type === 'SecureString' &&
      plaintext !== undefined &&
      secure.value !== plaintext;
    return withMeasurements(
      expectThat(
        ok,
        `${parameters.length} parameter(s) under ${outputOf(context, 'ParameterPath')}: ${parameters.map((p) => `${p.name} (${p.type}${p.type === 'String' ? ` = ${p.value}` : ''})`).join(', ') || 'none'}${read.error ? `; refused: ${read.error.name}` : ''}; the SecureString without decryption ${secure ? (secure.value !== plaintext ? 'is not the plaintext' : 'equals the plaintext') : 'not among them'}`,
        'two String values and one SecureString whose value, undecrypted, is not the plaintext',
        read.error !== undefined || strings.length !== 2 || secure === undefined
          ? 'branch-not-read'
          : 'secure-string-in-plaintext',
      ),
      { parametersUnderPath: parameters.length },
    );
  },
};

export const secureStringNeedsKmsDecrypt: Experiment<Output> = {
  name: 'Refuse a SecureString decryption without kms:Decrypt',
  fact: 'Reading a SecureString with decryption needs kms:Decrypt on its key as well as the ssm:Get* permission: the reader, allowed the path but not the key, is refused.',
  proof: 'behaviour',
  mustFailWhen: {
    replaceOutput: ['ConfigReaderFunctionName', 'EnvelopeFunctionName'],
    why: 'the envelope function reads no parameter, so nothing refuses it: the check needs the refusal itself',
    failsBecause: 'decrypt-not-refused',
  },
  async run(context) {
    const read = await invokeForAnswer<ReadResult>(
      clientOf(LambdaClient, context),
      outputOf(context, 'ConfigReaderFunctionName'),
      {
        decrypt: true,
      },
    );
    const plain = await invokeForAnswer<ReadResult>(
      clientOf(LambdaClient, context),
      outputOf(context, 'ConfigReaderFunctionName'),
      {
        decrypt: false,
      },
    );
    // Parameter Store passes on the refusal KMS gives a caller without kms:Decrypt on the key.
    const refused =
      read.error !== undefined && ['AccessDeniedException', 'AccessDenied'].includes(read.error.name);
    return expectThat(
      refused && plain.error === undefined,
      `with decryption: ${read.error ? `refused (${read.error.name}: ${read.error.message.slice(0, 160)})` : `accepted (${read.parameters?.length ?? 0} parameters)`}; without: ${plain.error ? `refused (${plain.error.name})` : 'accepted'}`,
      'refused with decryption (AccessDeniedException: kms:Decrypt missing), accepted without',
      !refused ? 'decrypt-not-refused' : 'plain-read-refused',
    );
  },
};
