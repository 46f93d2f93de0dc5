import type { Prediction } from '../../../lib/practice/predictions';
import type { ExperimentId } from '../experiments';

const YES_NO = { kind: 'choice', choices: ['yes', 'no'] } as const;
const HIT_MISS = { kind: 'choice', choices: ['hit', 'miss'] } as const;

/** What to predict before `npx labs verify lab-07`: each is measured by an experiment. */
export const predictions: Prediction<ExperimentId>[] = [
  {
    id: 'missing-page-status',
    question:
      'A visitor asks the distribution for a page that is not in the bucket. Which HTTP status does the visitor get?',
    experiment: 'missingPageGetsErrorPage',
    measure: 'missingPageStatus',
    answer: { kind: 'number' },
    fact: 'S3 answers 403 (CloudFront may not list the bucket), and the custom error response maps 403 to the 404 page with status 404.',
  },
  {
    id: 'http-status',
    question: 'A visitor types the http:// URL of an object. Which HTTP status does CloudFront answer with?',
    experiment: 'httpRedirectedToHttps',
    measure: 'httpStatus',
    answer: { kind: 'number' },
    fact: 'redirect-to-https answers a GET over HTTP with 301 Moved Permanently to the https:// URL.',
  },
  {
    id: 'hsts-on-error-page',
    question:
      'The viewer-response function adds Strict-Transport-Security. Does the custom 404 page carry it? (yes/no)',
    experiment: 'missingPageGetsErrorPage',
    measure: 'hstsOnErrorPage',
    answer: YES_NO,
    fact: 'A viewer-response function does not run when the origin answered 400 or more, so the error page goes out without the header: put such headers in a response headers policy instead.',
  },
  {
    id: 'direct-s3-status',
    question:
      "The same object is fetched from the bucket's own S3 URL, without credentials. Which HTTP status?",
    experiment: 'directS3Refused',
    measure: 'directS3Status',
    answer: { kind: 'number' },
    fact: 'The bucket is private (Block Public Access, a policy that admits only the distribution): S3 answers 403 Access Denied.',
  },
  {
    id: 'second-api-request',
    question:
      'The same /api/ object is requested twice in a row. Is the second request a cache hit or a miss?',
    experiment: 'edgeCachesStaticOnly',
    measure: 'secondApiRequest',
    answer: HIT_MISS,
    fact: '/api/* uses the managed CachingDisabled policy (TTL 0): every request goes to the origin (X-Cache: Miss from cloudfront).',
  },
  {
    id: 'stale-after-change',
    question:
      'An object is cached, then overwritten in the bucket. Is the old version still served before any invalidation? (yes/no)',
    experiment: 'staleUntilInvalidation',
    measure: 'staleAfterChange',
    answer: YES_NO,
    fact: 'The edge keeps the object until its TTL (1 day by default here) ends; an invalidation, or a new object name, is how a change reaches viewers sooner.',
  },
];
