import type { QuizQuestion } from '../../../lib/practice/quiz';
import type { ExperimentId } from '../experiments';

/** Exam-style questions that lab-07 answers. */
export const quiz: QuizQuestion<ExperimentId>[] = [
  {
    question:
      'A company serves images from an S3 bucket through CloudFront. Users must not be able to download the images with the S3 URL. What is the recommended setup?',
    choices: [
      {
        text: "Keep the bucket private, add an Origin Access Control, and allow the CloudFront service principal in the bucket policy for this distribution's ARN",
        right: true,
      },
      {
        text: 'Make the bucket public so that CloudFront can read it, and hand out CloudFront signed URLs to users for every image',
        wrong: 'a public bucket serves the S3 URL to anyone; signed URLs only guard the distribution',
      },
      {
        text: 'Attach an IAM role with s3:GetObject to the distribution, and deny every principal but that role in the bucket policy',
        wrong: 'a distribution cannot assume an IAM role',
      },
      {
        text: 'Put the bucket in a VPC behind a gateway endpoint, and allow only the CloudFront managed prefix list in the bucket policy',
        wrong: 'buckets do not live in a VPC, and a bucket policy cannot name a managed prefix list',
      },
    ],
    explanation:
      'OAC makes CloudFront sign its origin requests; the bucket policy admits the CloudFront service principal only for that distribution (AWS:SourceArn). OAI is the legacy form of the same idea.',
    shownBy: { experiment: 'policyAdmitsOnlyDistribution' },
    domain: 'secure',
  },
  {
    question:
      'After moving a bucket behind CloudFront, every request through the distribution returns 403 AccessDenied from S3, although the objects exist. The bucket policy allows cloudfront.amazonaws.com with the correct AWS:SourceArn. What is the most likely cause?',
    choices: [
      {
        text: 'The objects are encrypted with SSE-S3, which CloudFront cannot decrypt when it reads them',
        wrong: 'SSE-S3 is transparent to every reader that may GET the object',
      },
      {
        text: "The distribution uses the PriceClass_100 price class, which leaves out the bucket's Region",
        wrong: 'a price class picks the edge locations; it has no say in origins or access',
      },
      {
        text: 'The origin has no Origin Access Control, so CloudFront reads the bucket anonymously',
        right: true,
      },
      {
        text: 'The cache policy has a default TTL of one day, so the first 403 answers are still cached',
        wrong: 'error answers are cached for 10 seconds by default, and S3 refused in the first place',
      },
    ],
    explanation:
      'Without an OAC on the origin CloudFront sends unsigned requests, which the bucket policy does not cover; Block Public Access then refuses them.',
    shownBy: { challenge: 'whole-site-down' },
    domain: 'secure',
  },
  {
    question:
      'A static website behind CloudFront was updated in S3, but users still see the old version of index.html. The team needs the change visible within minutes today, and on every future release. Which two actions fit best?',
    choices: [
      {
        text: 'Turn on S3 versioning on the origin bucket',
        wrong: 'S3 versions never reach the edge cache, which keeps its copy until the TTL ends',
      },
      { text: 'Create an invalidation for /index.html now', right: true },
      {
        text: 'Switch the viewer protocol policy to HTTPS only',
        wrong: 'the protocol changes nothing about what the edge has cached',
      },
      { text: 'Give changed assets new file names (versioned names) on future releases', right: true },
      {
        text: 'Disable the edge cache for the whole distribution',
        wrong: 'every request would then go to the origin, throwing away what CloudFront is for',
      },
    ],
    explanation:
      'The edge keeps an object until its TTL ends. An invalidation removes it now (the first 1,000 paths a month are free); versioned file names make each release a new cache key, so nothing must be invalidated.',
    shownBy: { experiment: 'staleUntilInvalidation' },
    domain: 'performing',
  },
  {
    question:
      'A distribution serves a static site and a /api/* path whose answers change per request. How should the API path be configured?',
    choices: [
      {
        text: 'The same cache behaviour as the site, with a long default TTL and the query string in the key',
        wrong: 'answers that change per request would be cached and served stale to everyone',
      },
      {
        text: 'A second distribution for the API, with a geo restriction on the countries it serves',
        wrong: 'a geo restriction decides who may ask, not what is cached; one distribution can do both',
      },
      {
        text: "The site's cache behaviour, and an invalidation of /api/* after every request",
        wrong: 'answers stay cached until the invalidation lands, and paths beyond 1,000 a month are billed',
      },
      {
        text: 'A separate cache behaviour for /api/* with the CachingDisabled managed cache policy',
        right: true,
      },
    ],
    explanation:
      'Cache behaviours are chosen by path pattern; /api/* gets its own behaviour with caching disabled (TTL 0), so every API request reaches the origin, while the default behaviour caches the static objects with long TTLs.',
    shownBy: { experiment: 'edgeCachesStaticOnly' },
    domain: 'performing',
  },
  {
    question:
      'A private bucket behind CloudFront answers 403 for missing objects, and users see an XML error. The company wants a friendly page with status 404. What should be configured?',
    choices: [
      {
        text: "S3 static website hosting with an error document, with the website endpoint as the distribution's origin",
        wrong: 'the website endpoint must be public, which defeats the Origin Access Control',
      },
      {
        text: 'A custom error response on the distribution: 403 and 404 mapped to an error page with code 404',
        right: true,
      },
      {
        text: 'A Lambda@Edge origin-request function that lists the bucket to check each key first',
        wrong: 'a list call per request adds latency and cost for what a distribution setting does',
      },
      {
        text: 'A bucket policy that grants s3:ListBucket to everyone, so that S3 answers 404 for missing keys',
        wrong: 'it exposes the key list to the world, and Block Public Access refuses it',
      },
    ],
    explanation:
      'Without s3:ListBucket, S3 answers 403 rather than 404 for a missing key. A custom error response replaces the origin error with a page of your choice and the status you choose.',
    shownBy: { experiment: 'missingPageGetsErrorPage' },
    domain: 'performing',
  },
  {
    question:
      'A company must add security headers to every response of its distribution, with sub-millisecond overhead and no origin changes. Which option is the most cost-effective?',
    choices: [
      {
        text: 'A CloudFront Function on the viewer-response event (or a response headers policy)',
        right: true,
      },
      {
        text: 'A Lambda@Edge function on the origin-response event that sets the headers on each object',
        wrong: 'it works, but Lambda@Edge costs several times more and fits heavier work than a header',
      },
      {
        text: 'An Application Load Balancer in front of the bucket that adds the headers',
        wrong: 'it is an origin change, billed per hour, and an ALB cannot target a bucket directly',
      },
      {
        text: 'AWS WAF on the distribution with a custom rule that inserts the headers',
        wrong: 'WAF inserts headers only into the request it forwards to the origin, not into responses',
      },
    ],
    explanation:
      'CloudFront Functions run lightweight JavaScript at the edge for viewer events, at a fraction of the Lambda@Edge price; a response headers policy does the same without code. Note that a viewer-response function does not run on origin errors (400 and above).',
    shownBy: { experiment: 'hstsHeaderAdded' },
    domain: 'performing',
  },
  {
    question:
      'Visitors who type http:// must end up on the HTTPS version of every page of a CloudFront site. What is the simplest configuration?',
    choices: [
      {
        text: 'Set the origin protocol policy of the S3 origin to HTTPS only',
        wrong: 'it governs CloudFront-to-origin traffic, which the visitor never sees',
      },
      {
        text: 'Add a bucket policy that denies requests where aws:SecureTransport is false',
        wrong: "it governs requests that reach the bucket (CloudFront's), not the visitor's connection",
      },
      {
        text: 'Set the viewer protocol policy of every cache behaviour to Redirect HTTP to HTTPS',
        right: true,
      },
      {
        text: 'A CloudFront Function on viewer request that rewrites each http:// URI to https://',
        wrong: 'the URI a function sees has no scheme; rewriting it redirects nobody',
      },
    ],
    explanation:
      'The viewer protocol policy governs viewer-to-CloudFront connections: redirect-to-https answers 301 to the https:// URL.',
    shownBy: { challenge: 'clear-text-pages' },
    domain: 'secure',
  },
  {
    question:
      'Paying subscribers must download hundreds of video segments from a CloudFront distribution; nobody else may. The team wants no root user credentials involved. What do you use?',
    choices: [
      {
        text: 'Signed URLs for each segment, signed with a CloudFront key pair of the root user',
        wrong: 'a URL per segment is clumsy for hundreds of files, and key pairs need the root user',
      },
      {
        text: 'Signed cookies, checked against a trusted key group of uploaded public keys',
        right: true,
      },
      {
        text: 'An Origin Access Control, with the subscribers named in the bucket policy',
        wrong: 'OAC lets CloudFront read the bucket; it does not tell viewers apart',
      },
      {
        text: 'A geo restriction allow list holding the countries of the subscribers',
        wrong: 'it sorts viewers by country, not by whether they paid',
      },
    ],
    explanation:
      'Signed cookies cover many objects at once; a trusted key group holds public keys any IAM user with rights can upload. Signed URLs suit single files; OAC and geo restriction do not identify viewers.',
    shownBy: { guide: 'Exam facts' },
    domain: 'secure',
  },
  {
    question:
      'A stack in eu-west-1 creates a distribution for shop.example.com with an ACM certificate made in eu-west-1. The deployment fails on the certificate. What fixes it?',
    choices: [
      {
        text: 'Import the same certificate into IAM, then reference it from the origin',
        wrong: 'the viewer certificate is what is refused, and ACM is the supported store',
      },
      {
        text: 'Request the certificate again in eu-west-1 with email validation',
        wrong: 'the Region is the problem, not how the domain was validated',
      },
      {
        text: 'Switch the distribution to the price class covering all edge locations',
        wrong: 'the price class picks edge locations, not where certificates come from',
      },
      {
        text: 'Request or import the certificate in us-east-1 and use that one',
        right: true,
      },
    ],
    explanation:
      'CloudFront takes ACM certificates only from us-east-1, whatever Region the stack is in. Validation method and price class have nothing to do with it.',
    shownBy: { guide: 'Exam facts' },
    domain: 'secure',
  },
  {
    question:
      'A media site may not be shown in two countries for licensing reasons, and must also block a list of abusive IP ranges. What is the simplest pair of controls?',
    choices: [
      {
        text: 'CloudFront geo restriction, and an AWS WAF web ACL with an IP set',
        right: true,
      },
      {
        text: 'A bucket policy with aws:SourceIp, and a security group on the origin',
        wrong: 'viewers never reach the bucket, and S3 has no security groups',
      },
      {
        text: 'Network ACLs in the origin VPC, and a CloudFront Function per country',
        wrong: 'NACLs see CloudFront, not the viewers; a function is code to keep for a built-in',
      },
      {
        text: 'Route 53 geolocation records, and an Origin Access Control per region',
        wrong: 'DNS answers can be bypassed, and OAC controls origin reads only',
      },
    ],
    explanation:
      'Geo restriction blocks countries at the edge (403), and a WAF web ACL (scope CLOUDFRONT, us-east-1) blocks IP sets. The others act on the origin or on DNS, which viewers can get around.',
    shownBy: { guide: 'Exam facts' },
    domain: 'secure',
  },
  {
    question:
      'An edge function must call a licensing API over the network and inspect the request body before the origin is asked. Which choice can do it?',
    choices: [
      {
        text: 'A CloudFront Function on the viewer request event',
        wrong: 'CloudFront Functions cannot make network calls or read the body',
      },
      {
        text: 'A CloudFront Function on the viewer response event',
        wrong: 'it runs after the origin answered, and cannot call out either',
      },
      {
        text: 'Lambda@Edge on the origin request event',
        right: true,
      },
      {
        text: 'A custom error response with a Lambda function as its page',
        wrong: 'an error response serves an object path; it runs no code',
      },
    ],
    explanation:
      'Lambda@Edge can reach the network and see the body, on viewer or origin events. CloudFront Functions are for light work on headers and URLs, and error responses run no code.',
    shownBy: { guide: 'Exam facts' },
    domain: 'performing',
  },
];
