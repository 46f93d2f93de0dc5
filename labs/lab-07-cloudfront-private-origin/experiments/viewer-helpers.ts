/**
 * How lab-07's experiments reach the lab: objects written to the private bucket (and deleted
 * afterwards), and a viewer's requests through the distribution.
 *
 * On a local emulator the distribution is reached on the emulator's port with the Host header
 * `<label>.cloudfront.localhost` (MiniStack serves a distribution's viewer traffic by Host), and
 * HTTPS is stated with `X-Forwarded-Proto: https` (MiniStack listens on plain HTTP only).
 */

import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import axios from 'axios';
import { clientOf, isLocal } from '../../../lib/experiments/clients';
import { type ExperimentContext, outputOf } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

// The lab's documented facts (stack.ts), stated here on purpose: the experiments check the deployed
// distribution against the guide, not against whatever the template says.
export const HSTS_HEADER = 'strict-transport-security';
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';
export const NOT_FOUND_KEY = 'errors/not-found.html';
export const NOT_FOUND_STATUS = 404;

export const s3Of = (context: ExperimentContext<Output>) =>
  clientOf(S3Client, context, { forcePathStyle: true });

export interface ViewerAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A viewer's GET of `path` through the distribution: HTTPS unless `plainHttp`; redirects are not
 * followed (the experiment looks at them).
 */
export async function viewerGet(
  context: ExperimentContext<Output>,
  path: string,
  plainHttp = false,
): Promise<ViewerAnswer> {
  const domain = outputOf(context, 'DistributionDomainName');
  let url: string;
  const headers: Record<string, string> = {};
  if (isLocal(context)) {
    const endpoint = new URL(String(context.clientConfig.endpoint));
    url = `${endpoint.origin}${path}`;
    headers.host = `${domain.split('.')[0]}.cloudfront.localhost:${endpoint.port}`;
    if (!plainHttp) headers['x-forwarded-proto'] = 'https';
  } else {
    url = `${plainHttp ? 'http' : 'https'}://${domain}${path}`;
  }
  const response = await axios.get<string>(url, {
    headers,
    maxRedirects: 0,
    responseType: 'text',
    transformResponse: (data: string) => data,
    validateStatus: () => true,
    timeout: 30_000,
  });
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) flat[name.toLowerCase()] = String(value);
  return { status: response.status, body: response.data, headers: flat };
}

export async function putObject(
  context: ExperimentContext<Output>,
  key: string,
  body: string,
  contentType = 'text/html',
) {
  await s3Of(context).send(
    new PutObjectCommand({
      Bucket: outputOf(context, 'SiteBucketName'),
      Key: key,
      Body: body,
      ContentType: contentType,
    }),
  );
}

async function deleteObjects(context: ExperimentContext<Output>, keys: string[]) {
  const bucket = outputOf(context, 'SiteBucketName');
  for (const key of keys) await s3Of(context).send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
}

/** Runs `body` with objects written first and deleted afterwards, whatever happens. */
export async function withObjects<T>(
  context: ExperimentContext<Output>,
  objects: Record<string, string>,
  body: () => Promise<T>,
): Promise<T> {
  for (const [key, content] of Object.entries(objects))
    await putObject(context, key, content, key.endsWith('.json') ? 'application/json' : 'text/html');
  try {
    return await body();
  } finally {
    await deleteObjects(context, Object.keys(objects));
  }
}

export const page = (text: string) => `<!doctype html><title>${text}</title><p>${text}</p>\n`;
export const xCache = (answer: ViewerAnswer) => answer.headers['x-cache'] ?? 'none';
