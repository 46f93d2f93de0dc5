/**
 * How lab-08's experiments reach the API: a stage's URL, an API key's value, plain GETs, and the
 * tallies they report.
 *
 * On a local emulator the stages are reached through the emulator's path form of the data plane,
 * `<endpoint>/_aws/execute-api/<api id>/<stage>/<path>` (MiniStack and LocalStack both route it);
 * on AWS through the stage's own URL.
 */

import { APIGatewayClient, GetApiKeyCommand } from '@aws-sdk/client-api-gateway';
import axios from 'axios';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import type { ExperimentContext } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

/** The URL of `path` on a stage, from the value of the stage URL output (`https://<id>.execute-api.<region>.<suffix>/<stage>/`). */
export function stageUrl(context: ExperimentContext<Output>, stageUrlOutput: string, path: string): string {
  const url = new URL(stageUrlOutput);
  if (!isLocal(context)) return `${url.origin}${url.pathname.replace(/\/$/, '')}${path}`;
  const apiId = url.hostname.split('.')[0];
  const stage = url.pathname.split('/').filter(Boolean)[0];
  const endpoint = new URL(String(context.clientConfig.endpoint));
  return `${endpoint.origin}/_aws/execute-api/${apiId}/${stage}${path}`;
}

/** The value of an API key (GetApiKey with includeValue). */
export async function keyValue(context: ExperimentContext<Output>, keyId: string) {
  const key = await clientOf(APIGatewayClient, context).send(
    new GetApiKeyCommand({ apiKey: keyId, includeValue: true }),
  );
  if (!key.value) throw new Error(`GetApiKey returned no value for key ${keyId}`);
  return key.value;
}

export interface Answer {
  readonly status: number;
  readonly body: string;
}

export async function get(url: string, apiKey?: string): Promise<Answer> {
  const response = await axios.get<string>(url, {
    headers: apiKey ? { 'x-api-key': apiKey } : {},
    responseType: 'text',
    transformResponse: (data: string) => data,
    validateStatus: () => true,
    timeout: 30_000,
  });
  return { status: response.status, body: response.data };
}

/** `count` identical requests, for {@link mapWithConcurrency}. */
export const requests = (count: number) => Array.from({ length: count }, (_, i) => i);

/** The function version a greeting reports, or undefined when the answer is not a greeting. */
export function versionOf(answer: Answer): string | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const version = (JSON.parse(answer.body) as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/** Counts of each value, as `a x3, b x1`. */
export function tally(values: readonly (string | number | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v ?? 'none'), (counts.get(String(v ?? 'none')) ?? 0) + 1);
  return [...counts.entries()]
    .sort()
    .map(([v, n]) => `${v} x${n}`)
    .join(', ');
}
