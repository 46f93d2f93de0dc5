import type { LabFact } from '../../lib/lab/facts';
import type { ExperimentId } from './experiments';

const OAC =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html';
const ERROR_PAGES =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/GeneratingCustomErrorResponses.html';
const HTTPS_VIEWERS =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html';
const FUNCTIONS =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-function-restrictions-all.html';
const CACHING_DISABLED =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html';
const INVALIDATION = 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/Invalidation.html';
const SIGNED = 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PrivateContent.html';
const KEY_GROUPS =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-trusted-signers.html';
const ACM_REGIONS = 'https://docs.aws.amazon.com/acm/latest/userguide/acm-regions.html';
const CUSTOM_CERTS =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html';
const GEO = 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/georestrictions.html';
const WAF = 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-web-awswaf.html';
const EDGE_CHOICE =
  'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/edge-functions-choosing.html';

/** The exam facts lab-07 teaches, each with the study notes it comes from and what proves it. */
export const facts: LabFact<ExperimentId>[] = [
  {
    fact: 'Keep the bucket private and let only CloudFront read it: Origin Access Control signs the origin requests, and the bucket policy admits the cloudfront.amazonaws.com principal with AWS:SourceArn set to the one distribution',
    notes:
      '`001_06aa89305e27a1ca.txt` - OAI (the notes name the origin access identity, now legacy: see errata)',
    sources: [OAC],
    experiments: ['servedThroughDistribution', 'policyAdmitsOnlyDistribution'],
    templateTests: ['the origin uses OAC (SigV4, always) and no OAI'],
  },
  {
    fact: "The same object fetched straight from the bucket's S3 URL is refused (403): viewers must go through CloudFront",
    notes: '`001_06aa89305e27a1ca.txt` - OAI: users cannot use a direct URL to the S3 bucket',
    sources: [OAC],
    experiments: ['directS3Refused'],
  },
  {
    fact: 'A distribution picks the cache behaviour by path pattern (first match, default last): static objects are cached with long TTLs, /api/* uses the managed CachingDisabled policy',
    notes:
      '`004_290acbaf18f7d933.txt` - CloudFront: behaviours configure content by URL path; static and dynamic content',
    sources: [CACHING_DISABLED],
    experiments: ['edgeCachesStaticOnly'],
    templateTests: ['the static behaviour caches 1 h to 365 d (1 d by default); /api/* uses CachingDisabled'],
  },
  {
    fact: 'A changed object stays cached at the edge until its TTL ends; an invalidation removes it sooner (the first 1,000 paths a month are free)',
    notes:
      '`004_290acbaf18f7d933.txt` - CloudFront: wait for the TTL, or request an invalidation (console, API)',
    sources: [INVALIDATION],
    experiments: ['staleUntilInvalidation'],
  },
  {
    fact: 'Without s3:ListBucket, S3 answers 403 (not 404) for a missing key; a custom error response maps 403 and 404 to a page of your own, with the status you choose',
    notes: '`004_290acbaf18f7d933.txt` - CloudFront (error pages are not in the notes)',
    sources: [ERROR_PAGES],
    experiments: ['missingPageGetsErrorPage'],
    templateTests: ['403 and 404 become the 404 page, cached 10 s'],
  },
  {
    fact: 'The viewer protocol policy redirect-to-https answers a plain HTTP GET with a 301 to the HTTPS URL',
    notes: '`001_06aa89305e27a1ca.txt` - SNI and TLS at CloudFront',
    sources: [HTTPS_VIEWERS],
    experiments: ['httpRedirectedToHttps'],
    templateTests: ['both behaviours redirect HTTP to HTTPS and add the HSTS function on viewer response'],
  },
  {
    fact: 'CloudFront Functions run JavaScript at the edge on viewer request or viewer response events (Lambda@Edge also on origin events); a viewer-response function does not run when the origin answers 400 or more',
    notes: '`004_290acbaf18f7d933.txt` - CloudFront (functions are not in the notes)',
    sources: [FUNCTIONS],
    experiments: ['hstsHeaderAdded', 'missingPageGetsErrorPage'],
  },
  {
    fact: 'The private origin is encrypted at rest and refuses plain-HTTP requests; nothing in it is public',
    notes: '`001_06aa89305e27a1ca.txt` - S3 encryption',
    templateTests: ['the bucket blocks public access, encrypts with SSE-S3 and denies requests without TLS'],
  },
  {
    fact: 'To serve content only to chosen viewers, CloudFront checks signed URLs (one object each) or signed cookies (many objects at once) against a trusted key group: public keys you upload, with no root user needed (the older CloudFront key pairs need the root user)',
    notes: 'not in the notes (private content for chosen viewers)',
    sources: [SIGNED, KEY_GROUPS],
    remark:
      'not shown here: the lab keeps the origin private but serves every viewer; signing would need a private key the kit would have to create and keep',
  },
  {
    fact: 'A custom domain on a distribution needs an ACM certificate requested or imported in US East (N. Virginia), us-east-1, wherever the stack and origin are; an ALB or a regional API uses a certificate from its own Region',
    notes: '`001_06aa89305e27a1ca.txt` - SNI and TLS at CloudFront',
    sources: [ACM_REGIONS, CUSTOM_CERTS],
    remark:
      'not shown here: the lab uses the default *.cloudfront.net name and certificate, since a custom name needs a domain to validate',
  },
  {
    fact: 'Geo restriction allows or blocks viewers by country (a blocked viewer gets 403); AWS WAF filters by IP, rate, headers or managed rules with a web ACL of scope CLOUDFRONT, which lives in us-east-1',
    notes: '`004_290acbaf18f7d933.txt` - CloudFront: geo restriction',
    sources: [GEO, WAF],
    remark:
      'not shown here: geo restriction would lock out learners in other countries, and a web ACL bills per month and rule, more than the lab itself',
  },
  {
    fact: 'CloudFront Functions (JavaScript, viewer events only, under a millisecond, no network calls or request body) suit header changes, redirects and cache-key rewrites; Lambda@Edge (Node.js or Python, viewer and origin events, network access, seconds of run time) suits heavier work and is created in us-east-1',
    notes: '`004_290acbaf18f7d933.txt` - CloudFront (edge functions are not in the notes)',
    sources: [EDGE_CHOICE, FUNCTIONS],
    remark:
      'the lab runs a CloudFront Function only (the HSTS experiment shows it); no Lambda@Edge function is deployed to compare',
  },
];
