import { createHash, createHmac } from 'node:crypto';
import axios from 'axios';
import { referencedId } from './support';
import { defineService } from './types';

/**
 * A few calls of the CloudFront REST API (2020-05-31), signed with Signature Version 4 here: the kit
 * installs no CloudFront SDK client, and the leftover scan and lab-07's experiments need only these
 * (axios and node:crypto only: loading this module costs the synth path no SDK client).
 * Local emulators ignore the signature; AWS checks it.
 */

export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

const sha256 = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/**
 * The Authorization header of a SigV4 request (headers names lower case; `amzDate` like
 * 20150830T123600Z). Exported for the test against AWS's published signing example.
 */
export function signatureV4(request: {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly query?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly amzDate: string;
  readonly region: string;
  readonly service: string;
  readonly credentials: SigningCredentials;
}): string {
  const headers: Record<string, string> = {
    ...request.headers,
    host: request.host,
    'x-amz-date': request.amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonical = [
    request.method,
    request.path,
    request.query ?? '',
    ...names.map((n) => `${n}:${headers[n].trim()}`),
    '',
    names.join(';'),
    sha256(request.body),
  ].join('\n');
  const day = request.amzDate.slice(0, 8);
  const scope = `${day}/${request.region}/${request.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', request.amzDate, scope, sha256(canonical)].join('\n');
  let key = hmac(`AWS4${request.credentials.secretAccessKey}`, day);
  for (const part of [request.region, request.service, 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${request.credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}

/** What an SDK client configuration carries: an endpoint (local targets) and credentials. */
export interface CloudFrontApiConfig {
  readonly endpoint?: unknown;
  readonly credentials?: unknown;
}

async function credentialsOf(config: CloudFrontApiConfig): Promise<SigningCredentials> {
  if (config.credentials) {
    const given = config.credentials as SigningCredentials | (() => Promise<SigningCredentials>);
    return typeof given === 'function' ? given() : given;
  }
  // No credentials given (the AWS target): the SDK's default chain, through a client that has it.
  const { STSClient } = await import('@aws-sdk/client-sts');
  return new STSClient({}).config.credentials();
}

export interface CloudFrontApiAnswer {
  readonly status: number;
  readonly body: string;
  readonly etag?: string;
}

/** One CloudFront API call; answers with any status (the caller decides what is an error). */
export async function cloudFrontApi(
  config: CloudFrontApiConfig,
  method: 'GET' | 'POST',
  path: string,
  body = '',
): Promise<CloudFrontApiAnswer> {
  const base = typeof config.endpoint === 'string' ? config.endpoint : 'https://cloudfront.amazonaws.com';
  const url = new URL(`/2020-05-31${path}`, base);
  const credentials = await credentialsOf(config);
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const headers: Record<string, string> = body ? { 'content-type': 'application/xml' } : {};
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const authorization = signatureV4({
    method,
    host: url.host,
    path: url.pathname,
    headers,
    body,
    amzDate,
    // CloudFront is global: its API signs in us-east-1.
    region: 'us-east-1',
    service: 'cloudfront',
    credentials,
  });
  const response = await axios.request<string>({
    method,
    url: url.toString(),
    data: body || undefined,
    headers: { ...headers, 'x-amz-date': amzDate, authorization },
    responseType: 'text',
    transformResponse: (data: string) => data,
    validateStatus: () => true,
    timeout: 30_000,
  });
  return { status: response.status, body: response.data, etag: response.headers.etag as string | undefined };
}

/** The text of the first `<tag>` in an XML answer, or undefined. */
export const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1];

/** Amazon CloudFront: distributions and what configures them (OAC, cache policies, functions). */
export const cloudfront = defineService({
  prefix: 'AWS::CloudFront',
  types: {
    'AWS::CloudFront::Distribution': {
      price: {
        usage:
          'CloudFront: $0.085 per GB out to viewers and $0.01 per 10,000 HTTPS requests (North America and Europe); the always-free tier covers 1 TB and 10 million requests a month; invalidations: 1,000 paths a month free, then $0.005 per path',
      },
      diagram: {
        node: { label: 'CloudFront distribution', group: 'Edge', internet: () => 'HTTPS (HTTP redirected)' },
        edges: (id, props, { drawn }) => {
          const config = (props.DistributionConfig ?? {}) as { Origins?: Record<string, unknown>[] };
          return (config.Origins ?? []).flatMap((origin) => {
            const target = referencedId(origin.DomainName);
            if (!target || !drawn.has(target)) return [];
            return [
              {
                from: id,
                to: target,
                label: origin.OriginAccessControlId ? 'origin, OAC (SigV4)' : 'origin',
              },
            ];
          });
        },
      },
      leftovers: {
        exists: async (id, config) => {
          const answer = await cloudFrontApi(config, 'GET', `/distribution/${encodeURIComponent(id)}`);
          if (answer.status === 404) return false;
          if (answer.status === 200) return true;
          throw new Error(
            `GetDistribution ${id} answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`,
          );
        },
      },
    },
    'AWS::CloudFront::OriginAccessControl': {
      price: { free: 'a setting that distributions use' },
      diagram: { hidden: 'drawn as the edge from the distribution to its bucket' },
      leftovers: {
        cannotOutlive: 'CloudFormation deletes it with the stack; it holds nothing and bills nothing',
      },
    },
    'AWS::CloudFront::CachePolicy': {
      price: { free: 'a setting of cache behaviours' },
      diagram: { hidden: 'a setting of the distribution' },
      leftovers: {
        cannotOutlive: 'CloudFormation deletes it with the stack; it holds nothing and bills nothing',
      },
    },
    'AWS::CloudFront::Function': {
      price: {
        usage:
          'CloudFront Functions: $0.10 per million invocations; the always-free tier covers 2 million a month',
      },
      diagram: { hidden: 'runs inside the distribution (a viewer event of its cache behaviours)' },
      leftovers: { cannotOutlive: 'CloudFormation deletes it with the stack; it bills only per invocation' },
    },
  },
});
