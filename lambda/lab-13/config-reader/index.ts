import { GetParametersByPathCommand, SSMClient } from '@aws-sdk/client-ssm';

const ssm = new SSMClient({});

export interface ReadRequest {
  /** Ask Parameter Store to decrypt SecureString values (needs kms:Decrypt on their key). */
  readonly decrypt?: boolean;
}

export interface ReadResult {
  readonly path: string;
  readonly parameters: { name: string; type: string; value: string }[];
  /** The error Parameter Store answered, when it refused. */
  readonly error?: { name: string; message: string };
}

/** Reads every parameter under PARAMETER_PATH, recursively, page by page; reports a refusal. */
export async function handler(event: ReadRequest): Promise<ReadResult> {
  const path = process.env.PARAMETER_PATH ?? '/';
  const parameters: ReadResult['parameters'] = [];
  try {
    let NextToken: string | undefined;
    do {
      const page = await ssm.send(
        new GetParametersByPathCommand({
          Path: path,
          Recursive: true,
          WithDecryption: event.decrypt === true,
          NextToken,
        }),
      );
      for (const p of page.Parameters ?? [])
        parameters.push({ name: p.Name ?? '', type: p.Type ?? '', value: p.Value ?? '' });
      NextToken = page.NextToken;
    } while (NextToken);
    return { path, parameters };
  } catch (error) {
    const e = error as Error;
    return { path, parameters, error: { name: e.name, message: e.message } };
  }
}
