/**
 * lab-07 experiments: objects are written to the private bucket, then read as a viewer would, over
 * HTTP(S) through the distribution's domain name, and straight from S3. Each experiment writes its
 * own objects under a run id and deletes them afterwards.
 *
 * On a local emulator the distribution is reached on the emulator's port with the Host header
 * `<label>.cloudfront.localhost` (MiniStack serves a distribution's viewer traffic by Host), and
 * HTTPS is stated with `X-Forwarded-Proto: https` (MiniStack listens on plain HTTP only).
 */

import { CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import {
  DeleteObjectCommand,
  GetBucketPolicyCommand,
  GetPublicAccessBlockCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import axios from 'axios';
import {
  type Experiment,
  type ExperimentContext,
  type ExperimentSet,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import { cloudFrontClient } from '../../../lib/resources/cloudfront';
import type { Output } from '../outputs';

// The lab's documented facts (stack.ts), stated here on purpose: the experiments check the deployed
// distribution against the guide, not against whatever the template says.
const HSTS_HEADER = 'strict-transport-security';
const HSTS_VALUE = 'max-age=31536000; includeSubDomains';
const NOT_FOUND_KEY = 'errors/not-found.html';
const NOT_FOUND_STATUS = 404;

const NO_EDGE_CACHE_ON_MINISTACK =
  'MiniStack 1.5.33 keeps no edge cache: every answer of a distribution is fetched from the origin again and ' +
  'carries X-Cache: Miss from cloudfront (services/cloudfront.py handle_viewer_request), so hits, TTLs and ' +
  'invalidations cannot be observed there.';
const ANONYMOUS_IS_OWNER_ON_MINISTACK =
  'MiniStack runs without AUTH=true (the kit does not set it), so an unsigned S3 request counts as the ' +
  "account owner's and is answered with the object: Block Public Access and the bucket policy are not " +
  'applied to it there. (The distribution side is: MiniStack evaluates the bucket policy for OAC fetches.)';

const s3Of = (context: ExperimentContext<Output>) =>
  new S3Client({ ...context.clientConfig, forcePathStyle: true });
const isLocal = (context: ExperimentContext<Output>) => context.target !== 'aws';

interface ViewerAnswer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A viewer's GET of `path` through the distribution: HTTPS unless `plainHttp`; redirects are not
 * followed (the experiment looks at them).
 */
async function viewerGet(
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

async function putObject(
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
async function withObjects<T>(
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

const page = (text: string) => `<!doctype html><title>${text}</title><p>${text}</p>\n`;
const xCache = (answer: ViewerAnswer) => answer.headers['x-cache'] ?? 'none';

const servePrivateObjectThrough: Experiment<Output> = {
  name: 'Serve a private object through the distribution',
  fact: 'CloudFront reads the private bucket through Origin Access Control: a viewer gets the object over HTTPS.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['DistributionDomainName', 'SiteBucketRegionalDomainName'],
    why: 'addressed to the bucket instead of the distribution, the request never reaches CloudFront',
  },
  measures: ['throughDistributionStatus'],
  async run(context) {
    const key = `static/${newRunId('object')}.html`;
    const content = page(`lab-07 ${key}`);
    return withObjects(context, { [key]: content }, async () => {
      const answer = await viewerGet(context, `/${key}`);
      return withMeasurements(
        expectThat(
          answer.status === 200 && answer.body === content,
          `GET /${key} through the distribution: HTTP ${answer.status}, ${answer.body === content ? 'the object written' : `body ${JSON.stringify(answer.body.slice(0, 80))}`}; X-Cache ${xCache(answer)}`,
          'HTTP 200 with the object just written to the bucket',
        ),
        { throughDistributionStatus: answer.status },
      );
    });
  },
};

const refuseSameObjectStraight: Experiment<Output> = {
  name: 'Refuse the same object straight from S3',
  fact: 'The bucket stays private: the same object fetched from its S3 URL without credentials is refused (403).',
  proof: 'behaviour',
  skipOn: { ministack: ANONYMOUS_IS_OWNER_ON_MINISTACK },
  measures: ['directS3Status'],
  async run(context) {
    const key = `static/${newRunId('direct')}.html`;
    return withObjects(context, { [key]: page('lab-07 direct') }, async () => {
      const bucket = outputOf(context, 'SiteBucketName');
      const url = isLocal(context)
        ? `${new URL(String(context.clientConfig.endpoint)).origin}/${bucket}/${key}`
        : `https://${outputOf(context, 'SiteBucketRegionalDomainName')}/${key}`;
      const answer = await axios.get<string>(url, { validateStatus: () => true, timeout: 30_000 });
      // Through the distribution the same key is served, so the refusal is about the path taken.
      const viaCloudFront = await viewerGet(context, `/${key}`);
      return withMeasurements(
        expectThat(
          answer.status === 403 && viaCloudFront.status === 200,
          `unsigned GET ${url}: HTTP ${answer.status}; through the distribution: HTTP ${viaCloudFront.status}`,
          'HTTP 403 from S3 and HTTP 200 through the distribution',
        ),
        { directS3Status: answer.status },
      );
    });
  },
};

const admitThisDistributionBucket: Experiment<Output> = {
  name: 'Admit only this distribution in the bucket policy',
  fact: "The bucket policy lets the CloudFront service principal read objects only with AWS:SourceArn equal to this distribution's ARN, and Block Public Access is on.",
  proof: 'configuration',
  async run(context) {
    const bucket = outputOf(context, 'SiteBucketName');
    const distributionArn = outputOf(context, 'DistributionArn');
    const s3 = s3Of(context);
    const policy = JSON.parse(
      (await s3.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy ?? '{}',
    ) as { Statement?: Record<string, unknown>[] };
    const block = (await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })))
      .PublicAccessBlockConfiguration;
    const allows = (policy.Statement ?? []).filter((s) => s.Effect === 'Allow');
    const describe = (s: Record<string, unknown>) =>
      `${JSON.stringify(s.Principal)} ${JSON.stringify(s.Action)} on ${JSON.stringify(s.Resource)} if ${JSON.stringify(s.Condition)}`;
    const only = allows.length === 1 ? allows[0] : undefined;
    const condition = (only?.Condition as Record<string, Record<string, unknown>> | undefined)?.StringEquals;
    const ok =
      only !== undefined &&
      JSON.stringify(only.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }) &&
      [only.Action].flat().join() === 's3:GetObject' &&
      [only.Resource].flat().join() === `arn:aws:s3:::${bucket}/*` &&
      condition?.['AWS:SourceArn'] === distributionArn;
    const blockAll = [
      'BlockPublicAcls',
      'IgnorePublicAcls',
      'BlockPublicPolicy',
      'RestrictPublicBuckets',
    ].every((k) => block?.[k as keyof typeof block] === true);
    return expectThat(
      ok && blockAll,
      `Allow statements: ${allows.map(describe).join('; ') || 'none'}; Block Public Access: ${JSON.stringify(block)}`,
      `one Allow: cloudfront.amazonaws.com s3:GetObject on arn:aws:s3:::${bucket}/* if AWS:SourceArn = ${distributionArn}; all four Block Public Access settings on`,
    );
  },
};

const redirectHttpHttps: Experiment<Output> = {
  name: 'Redirect HTTP to HTTPS',
  fact: 'With the viewer protocol policy redirect-to-https, a plain HTTP request gets a 301 to the same URL on HTTPS.',
  proof: 'behaviour',
  measures: ['httpStatus'],
  async run(context) {
    const key = `static/${newRunId('redirect')}.html`;
    const path = `/${key}?from=http`;
    // A real object, so that a distribution that serves HTTP shows it (HTTP 200) instead of redirecting.
    return withObjects(context, { [key]: page(`lab-07 ${key}`) }, async () => {
      const answer = await viewerGet(context, path, true);
      const location = answer.headers.location ?? '';
      return withMeasurements(
        expectThat(
          answer.status === 301 && location.startsWith('https://') && location.endsWith(path),
          `plain HTTP GET ${path}: HTTP ${answer.status}, Location ${location || 'none'}`,
          `HTTP 301 with Location https://<the distribution's domain>${path}`,
        ),
        { httpStatus: answer.status },
      );
    });
  },
};

const answerMissingPageCustom: Experiment<Output> = {
  name: 'Answer a missing page with the custom error page',
  fact: 'S3 answers 403 for a missing key to a reader without s3:ListBucket; the custom error response turns it into the 404 page.',
  proof: 'behaviour',
  measures: ['missingPageStatus', 'hstsOnErrorPage'],
  async run(context) {
    const marker = newRunId('not-found');
    const errorPage = page(`lab-07 not found ${marker}`);
    return withObjects(context, { [NOT_FOUND_KEY]: errorPage }, async () => {
      // The edge may still hold an older error page for up to its error caching TTL (10 s).
      let answer = await viewerGet(context, `/static/${marker}-missing.html`);
      // Only an edge cache can hold an older page: locally the first answer is final.
      await pollUntil(isLocal(context) ? 0 : 30_000, 3_000, async () => {
        answer = await viewerGet(context, `/static/${marker}-missing-${Date.now()}.html`);
        return answer.body === errorPage ? answer : undefined;
      });
      const hsts = answer.headers[HSTS_HEADER] !== undefined;
      return withMeasurements(
        expectThat(
          answer.status === NOT_FOUND_STATUS && answer.body === errorPage,
          `GET of a key that does not exist: HTTP ${answer.status}, ${answer.body === errorPage ? `the page at /${NOT_FOUND_KEY}` : `body ${JSON.stringify(answer.body.slice(0, 120))}`}; ${HSTS_HEADER} ${hsts ? 'present' : 'absent'}`,
          `HTTP ${NOT_FOUND_STATUS} with the page at /${NOT_FOUND_KEY}`,
        ),
        { missingPageStatus: answer.status, hstsOnErrorPage: hsts ? 'yes' : 'no' },
      );
    });
  },
};

const addHstsHeaderCloudfront: Experiment<Output> = {
  name: 'Add the HSTS header with a CloudFront Function',
  fact: 'A viewer-response CloudFront Function adds Strict-Transport-Security to the answers of both cache behaviours.',
  proof: 'behaviour',
  async run(context) {
    const run = newRunId('hsts');
    const staticKey = `static/${run}.html`;
    const apiKey = `api/${run}.json`;
    return withObjects(context, { [staticKey]: page(run), [apiKey]: JSON.stringify({ run }) }, async () => {
      const answers = [await viewerGet(context, `/${staticKey}`), await viewerGet(context, `/${apiKey}`)];
      const seen = answers.map(
        (a, i) =>
          `/${[staticKey, apiKey][i]}: HTTP ${a.status}, ${HSTS_HEADER} ${a.headers[HSTS_HEADER] ?? 'absent'}`,
      );
      return expectThat(
        answers.every((a) => a.status === 200 && a.headers[HSTS_HEADER] === HSTS_VALUE),
        seen.join('; '),
        `HTTP 200 with ${HSTS_HEADER}: ${HSTS_VALUE} on both`,
      );
    });
  },
};

const cacheStaticObjectsEdge: Experiment<Output> = {
  name: 'Cache static objects at the edge, never /api/*',
  fact: 'The static behaviour caches (the second request is a hit); the /api/* behaviour uses CachingDisabled (every request is a miss).',
  proof: 'behaviour',
  skipOn: { ministack: NO_EDGE_CACHE_ON_MINISTACK },
  measures: ['secondStaticRequest', 'secondApiRequest'],
  async run(context) {
    const run = newRunId('cache');
    const staticKey = `static/${run}.html`;
    const apiKey = `api/${run}.json`;
    return withObjects(context, { [staticKey]: page(run), [apiKey]: JSON.stringify({ run }) }, async () => {
      await viewerGet(context, `/${staticKey}`);
      await viewerGet(context, `/${apiKey}`);
      const secondStatic = await viewerGet(context, `/${staticKey}`);
      const secondApi = await viewerGet(context, `/${apiKey}`);
      const hit = (a: ViewerAnswer) => (/^Hit/i.test(xCache(a)) ? 'hit' : 'miss');
      return withMeasurements(
        expectThat(
          hit(secondStatic) === 'hit' && hit(secondApi) === 'miss',
          `second request: /${staticKey} X-Cache ${xCache(secondStatic)}; /${apiKey} X-Cache ${xCache(secondApi)}`,
          'a Hit for the static object, a Miss for the /api/ object',
        ),
        { secondStaticRequest: hit(secondStatic), secondApiRequest: hit(secondApi) },
      );
    });
  },
};

const serveOldObjectUntil: Experiment<Output> = {
  name: 'Serve the old object until an invalidation',
  fact: 'A changed object is served stale from the edge until its TTL ends or an invalidation removes it; after the invalidation the new one is served.',
  proof: 'behaviour',
  skipOn: { ministack: NO_EDGE_CACHE_ON_MINISTACK },
  measures: ['staleAfterChange'],
  async run(context) {
    const key = `static/${newRunId('invalidate')}.html`;
    const [before, after] = [page(`${key} version 1`), page(`${key} version 2`)];
    return withObjects(context, { [key]: before }, async () => {
      const first = await viewerGet(context, `/${key}`);
      if (first.body !== before) return fail(`the first GET did not return version 1 (HTTP ${first.status})`);
      await putObject(context, key, after);
      const changed = await viewerGet(context, `/${key}`);
      const stale = changed.body === before;
      const distributionId = outputOf(context, 'DistributionId');
      const cloudfront = await cloudFrontClient({ ...context.clientConfig });
      const created = await cloudfront.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: { Paths: { Quantity: 1, Items: [`/${key}`] }, CallerReference: key },
        }),
      );
      const invalidationId = created.Invalidation?.Id;
      if (!invalidationId) return fail('CreateInvalidation returned no invalidation id');
      context.progress(`invalidation ${invalidationId} in progress`);
      const status = await pollUntil(5 * 60_000, 10_000, async () => {
        const got = await cloudfront.send(
          new GetInvalidationCommand({ DistributionId: distributionId, Id: invalidationId }),
        );
        return got.Invalidation?.Status === 'Completed' ? 'Completed' : undefined;
      });
      await sleep(1_000);
      const fresh = await viewerGet(context, `/${key}`);
      return withMeasurements(
        expectThat(
          stale && status === 'Completed' && fresh.body === after,
          `after the change: ${stale ? 'version 1 (stale)' : 'version 2 at once'}; invalidation ${invalidationId} ${status ?? 'not completed in 5 min'}; then: ${fresh.body === after ? 'version 2' : fresh.body === before ? 'still version 1' : `HTTP ${fresh.status}`}`,
          'version 1 after the change, version 2 after the invalidation completed',
        ),
        { staleAfterChange: stale ? 'yes' : 'no' },
      );
    });
  },
};

/** The lab's experiments by id, in run order: facts, predictions, quiz and challenges refer to these ids. */
export const experiments = {
  servePrivateObjectThrough,
  refuseSameObjectStraight,
  admitThisDistributionBucket,
  redirectHttpHttps,
  answerMissingPageCustom,
  addHstsHeaderCloudfront,
  cacheStaticObjectsEdge,
  serveOldObjectUntil,
} satisfies ExperimentSet<string>;

/** The ids of the lab's experiments. */
export type ExperimentId = keyof typeof experiments;
