import type { Challenge } from '../../../lib/practice/challenges';
import type { ExperimentId } from '../experiments';

const SERVE = 'servedThroughDistribution';

/**
 * The AWS CLI steps every distribution change takes: read the config and its ETag, edit the config
 * (with python3, which reads and writes JSON safely), send it back with --if-match the ETag.
 * `edit` is a Python expression statement over `c`, the DistributionConfig.
 */
const updateDistribution = (edit: string) =>
  [
    `config=$(mktemp)`,
    `etag=$(aws cloudfront get-distribution-config --id $DistributionId --query ETag --output text)`,
    `aws cloudfront get-distribution-config --id $DistributionId --query DistributionConfig > "$config"`,
    `python3 -c 'import json,sys; p=sys.argv[1]; c=json.load(open(p)); ${edit}; json.dump(c, open(p, "w"))' "$config"`,
    `aws cloudfront update-distribution --id $DistributionId --if-match "$etag" --distribution-config "file://$config" > /dev/null`,
    `rm -f "$config"`,
  ].join('\n');

/** The behaviours of a DistributionConfig (default first), as a Python expression. */
const BEHAVIOURS = '[c["DefaultCacheBehavior"]] + c.get("CacheBehaviors", {}).get("Items", [])';

/**
 * lab-07's break-fix exercises. Each breaks one setting of the distribution in stack.ts; the
 * experiments that read objects through the distribution judge the fix.
 */
export const challenges: Challenge<ExperimentId>[] = [
  {
    name: 'whole-site-down',
    scenario:
      'A private S3 origin needs Origin Access Control on the origin: without it CloudFront reads anonymously and the bucket refuses',
    symptom:
      'Since a clean-up of the CDN configuration every page of the site, the home page included, answers with a ' +
      'short XML document saying AccessDenied; the objects are all still in the bucket and nobody touched the bucket.',
    break: [
      {
        find: 'origins.S3BucketOrigin.withBucketDefaults(site, {\n      originAccessControlId: originAccess.originAccessControlId,\n    });',
        replace: 'origins.S3BucketOrigin.withBucketDefaults(site);',
      },
    ],
    checks: [SERVE],
    hints: [
      'The XML is S3 refusing CloudFront, for every object and for the error page too: who does S3 think is asking?',
      'Compare the origin of the distribution (aws cloudfront get-distribution-config, or the origin in stack.ts) with what the bucket policy admits (aws s3api get-bucket-policy).',
      'The bucket policy admits the CloudFront service principal only for requests that CloudFront signs for this distribution, which it does when the origin has an Origin Access Control; without one CloudFront reads anonymously and a private bucket says 403.',
    ],
    fix: {
      cli: updateDistribution('c["Origins"]["Items"][0]["OriginAccessControlId"] = "$OriginAccessControlId"'),
      stack:
        'Give the S3 origin the Origin Access Control again (originAccessControlId: originAccess.originAccessControlId in withBucketDefaults), then npx labs deploy lab-07.',
    },
  },
  {
    name: 'clear-text-pages',
    scenario:
      'Viewer protocol policy: redirect-to-https sends plain-HTTP viewers to HTTPS; allow-all serves them over HTTP',
    symptom:
      'A security scan reports that the site answers http:// requests with the page itself, in clear text. ' +
      'Before the last release anyone typing http:// ended up on the https:// address.',
    break: [
      {
        find: 'const viewerProtocolPolicy = cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS;',
        replace: 'const viewerProtocolPolicy = cloudfront.ViewerProtocolPolicy.ALLOW_ALL;',
      },
    ],
    checks: ['httpRedirectedToHttps'],
    hints: [
      'HTTPS still works; only plain HTTP changed: what decides, per path, what CloudFront does with a viewer on HTTP?',
      'Look at the cache behaviours of the distribution (aws cloudfront get-distribution-config: DefaultCacheBehavior and CacheBehaviors), or viewerProtocolPolicy in stack.ts.',
      'Each cache behaviour has a viewer protocol policy: allow-all serves HTTP, https-only refuses it (403), redirect-to-https answers 301 to the https:// URL.',
    ],
    fix: {
      cli: updateDistribution(`[b.update(ViewerProtocolPolicy="redirect-to-https") for b in ${BEHAVIOURS}]`),
      stack:
        'Set viewerProtocolPolicy back to cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS (both behaviours use it), then npx labs deploy lab-07.',
    },
  },
  {
    name: 'dead-links-show-xml',
    scenario:
      'Custom error responses: the page path must exist at an origin CloudFront can read, or the viewer gets the origin error',
    symptom:
      "Visitors following an old link used to land on the site's friendly not-found page; since the last release " +
      'they get a bare XML document saying AccessDenied. Existing pages load as before.',
    break: [
      {
        find: "export const NOT_FOUND_PAGE = '/errors/not-found.html';",
        replace: "export const NOT_FOUND_PAGE = '/error/not-found.html';",
      },
    ],
    checks: ['missingPageGetsErrorPage'],
    hints: [
      'The XML is what S3 says to CloudFront for a key it cannot give: which object does CloudFront fetch when the requested one is missing?',
      'Look at the custom error responses of the distribution (aws cloudfront get-distribution-config: CustomErrorResponses) and list the bucket (aws s3 ls --recursive).',
      "A custom error response serves the object at its ResponsePagePath; when that object cannot be fetched either, CloudFront passes the origin's own error to the viewer.",
    ],
    fix: {
      cli: updateDistribution(
        '[r.update(ResponsePagePath="/errors/not-found.html") for r in c["CustomErrorResponses"]["Items"]]',
      ),
      stack: "Set NOT_FOUND_PAGE back to '/errors/not-found.html', then npx labs deploy lab-07.",
    },
  },
  {
    name: 'api-answers-lack-a-header',
    scenario:
      'CloudFront Functions are associated per cache behaviour: a behaviour without the association does not run the function',
    symptom:
      'A security scan reports that the answers under /api/ lack the header that tells browsers to use HTTPS only; ' +
      'the pages of the site still carry it.',
    break: [
      {
        find: 'cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,\n          functionAssociations,',
        replace: 'cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,',
      },
    ],
    checks: ['hstsHeaderAdded'],
    hints: [
      'Only the answers under one path lost the header: what does CloudFront configure per path?',
      'Compare the default cache behaviour with the /api/* one (aws cloudfront get-distribution-config: FunctionAssociations), or the behaviours in stack.ts.',
      'A function runs only for the cache behaviours it is associated with; the /api/* behaviour no longer has the viewer-response function that adds Strict-Transport-Security.',
    ],
    fix: {
      cli: updateDistribution(
        '[b.update(FunctionAssociations=c["DefaultCacheBehavior"]["FunctionAssociations"]) for b in c["CacheBehaviors"]["Items"]]',
      ),
      stack: 'Give the /api/* behaviour functionAssociations again, then npx labs deploy lab-07.',
    },
  },
  {
    name: 'origin-sees-every-request',
    scenario:
      'The cache policy of a behaviour decides whether the edge keeps objects: CachingDisabled sends every request to the origin',
    symptom:
      'The bucket behind the site now serves every single page view, and a page changed in the bucket shows up ' +
      'for visitors at once, although the site was set up to be served from the edge.',
    break: [
      {
        find: 'cachePolicy: staticCaching,',
        replace: 'cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,',
      },
    ],
    checks: ['edgeCachesStaticOnly', 'staleUntilInvalidation'],
    hints: [
      'Nothing is kept at the edge any more for the static pages: which setting of a behaviour decides what the edge keeps, and for how long?',
      'Look at the CachePolicyId of the default cache behaviour (aws cloudfront get-distribution-config), or the default behaviour in stack.ts.',
      "The default behaviour now uses the managed CachingDisabled policy (all TTLs 0); the static behaviour needs the lab's own cache policy with long TTLs.",
    ],
    fix: {
      cli: [
        'policy=$(aws cloudfront list-cache-policies --type custom --query "CachePolicyList.Items[?contains(CachePolicy.CachePolicyConfig.Comment, \'lab-07\')].CachePolicy.Id | [0]" --output text)',
        updateDistribution('c["DefaultCacheBehavior"]["CachePolicyId"] = "\'"$policy"\'"'),
      ].join('\n'),
      stack: 'Give the default behaviour cachePolicy: staticCaching again, then npx labs deploy lab-07.',
    },
  },
];
