import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-07 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A company serves images from an S3 bucket through CloudFront. Users must not be able to download the images with the S3 URL. What is the recommended setup?',
    choices: [
      'Make the bucket public and use CloudFront signed URLs',
      'Keep the bucket private, add an Origin Access Control to the origin, and allow cloudfront.amazonaws.com in the bucket policy with an AWS:SourceArn condition for the distribution',
      'Attach an IAM role to the distribution with s3:GetObject',
      'Put the bucket in a VPC and allow only the CloudFront security group',
    ],
    answer: [1],
    explanation:
      'OAC makes CloudFront sign its origin requests; the bucket policy admits the CloudFront service principal only for that distribution (AWS:SourceArn). A distribution cannot assume an IAM role, and buckets have no security groups. OAI is the legacy form of the same idea.',
    shownBy: { experiment: 'policyAdmitsOnlyDistribution' },
    domain: 'secure',
  },
  {
    question:
      'After moving a bucket behind CloudFront, every request through the distribution returns 403 AccessDenied from S3, although the objects exist. The bucket policy allows cloudfront.amazonaws.com with the correct AWS:SourceArn. What is the most likely cause?',
    choices: [
      'The objects are encrypted with SSE-S3',
      'The origin has no Origin Access Control, so CloudFront reads the bucket anonymously',
      'The distribution uses the PriceClass_100 price class',
      'The cache policy has a default TTL of one day',
    ],
    answer: [1],
    explanation:
      'Without an OAC on the origin CloudFront sends unsigned requests, which the bucket policy does not cover; Block Public Access then refuses them. SSE-S3 is transparent to readers; price class and TTLs do not affect access.',
    shownBy: { challenge: 'whole-site-down' },
    domain: 'secure',
  },
  {
    question:
      'A static website behind CloudFront was updated in S3, but users still see the old version of index.html. The team needs the change visible within minutes today, and on every future release. Which TWO actions fit best?',
    choices: [
      'Create an invalidation for /index.html now',
      'Turn on S3 versioning',
      'Give changed assets new file names (versioned names) on future releases',
      'Switch the distribution to HTTPS only',
      'Disable the edge cache for the whole distribution',
    ],
    answer: [0, 2],
    explanation:
      'The edge keeps an object until its TTL ends. An invalidation removes it now (the first 1,000 paths a month are free); versioned file names make each release a new cache key, so nothing must be invalidated. S3 versioning does not reach the edge cache, and disabling caching throws away what CloudFront is for.',
    shownBy: { experiment: 'staleUntilInvalidation' },
    domain: 'performing',
  },
  {
    question:
      'A distribution serves a static site and a /api/* path whose answers change per request. How should the API path be configured?',
    choices: [
      'The same cache behaviour as the site, with a long default TTL',
      'A separate cache behaviour for /api/* with the CachingDisabled managed cache policy',
      'A second distribution for the API with a geo restriction',
      'An invalidation of /api/* after every request',
    ],
    answer: [1],
    explanation:
      'Cache behaviours are chosen by path pattern; /api/* gets its own behaviour with caching disabled (TTL 0), so every API request reaches the origin, while the default behaviour caches the static objects with long TTLs.',
    shownBy: { experiment: 'edgeCachesStaticOnly' },
    domain: 'performing',
  },
  {
    question:
      'A private bucket behind CloudFront answers 403 for missing objects, and users see an XML error. The company wants a friendly page with status 404. What should be configured?',
    choices: [
      'S3 static website hosting with an error document',
      'A custom error response on the distribution mapping 403 (and 404) to an error page object with response code 404',
      'A Lambda@Edge origin-request function that lists the bucket',
      'Grant s3:ListBucket to everyone',
    ],
    answer: [1],
    explanation:
      'Without s3:ListBucket, S3 answers 403 rather than 404 for a missing key. A custom error response replaces the origin error with a page of your choice and the status you choose. Website hosting needs a public website endpoint, which defeats OAC; granting ListBucket to everyone exposes the key list.',
    shownBy: { experiment: 'missingPageGetsErrorPage' },
    domain: 'performing',
  },
  {
    question:
      'A company must add security headers to every response of its distribution, with sub-millisecond overhead and no origin changes. Which option is the most cost-effective?',
    choices: [
      'A Lambda@Edge function on the origin-response event',
      'A CloudFront Function on the viewer-response event (or a response headers policy)',
      'An Application Load Balancer in front of the bucket',
      'AWS WAF with a custom rule',
    ],
    answer: [1],
    explanation:
      'CloudFront Functions run lightweight JavaScript at the edge for viewer events, at a fraction of the Lambda@Edge price; a response headers policy does the same without code. Lambda@Edge fits heavier work (network calls, origin events). Note that a viewer-response function does not run on origin errors (400 and above).',
    shownBy: { experiment: 'hstsHeaderAdded' },
    domain: 'performing',
  },
  {
    question:
      'Visitors who type http:// must end up on the HTTPS version of every page of a CloudFront site. What is the simplest configuration?',
    choices: [
      'Set the viewer protocol policy of every cache behaviour to Redirect HTTP to HTTPS',
      'Set the origin protocol policy to HTTPS only',
      'Add a bucket policy that denies aws:SecureTransport false',
      'Use a CloudFront Function that rewrites the URI',
    ],
    answer: [0],
    explanation:
      'The viewer protocol policy governs viewer-to-CloudFront connections: redirect-to-https answers 301 to the https:// URL. The origin protocol policy and the bucket policy govern CloudFront-to-origin traffic, which the visitor never sees.',
    shownBy: { challenge: 'clear-text-pages' },
    domain: 'secure',
  },
];
