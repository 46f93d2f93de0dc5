import { Match } from 'aws-cdk-lib/assertions';
import {
  API_PATH_PATTERN,
  EDGE_HEADER,
  EDGE_HEADER_VALUE,
  NOT_FOUND_PAGE,
  STATIC_TTL,
} from '../../labs/lab-07-cloudfront-private-origin/stack';
import { estimateHourlyCost } from '../../lib/cost/estimate';
import { type CfnTemplate, renderMermaid } from '../../lib/docs/diagram';
import { findLab } from '../../lib/lab/catalogue';
import { stepsFor } from '../../lib/targets/compatibility';
import { labTemplate, resourcesOfType, stableTemplate } from '../support/synth';

const lab = findLab('lab-07');
const template = labTemplate('lab-07');
const ministackTemplate = labTemplate('lab-07', { target: 'ministack' });

const [[distributionId, distribution]] = resourcesOfType(template, 'AWS::CloudFront::Distribution');
const config = distribution.Properties?.DistributionConfig as Record<string, any>;
const [[bucketId]] = resourcesOfType(template, 'AWS::S3::Bucket');
const [[, bucketPolicy]] = resourcesOfType(template, 'AWS::S3::BucketPolicy');
const statements = (bucketPolicy.Properties!.PolicyDocument as { Statement: Record<string, any>[] })
  .Statement;

test('matches the snapshot', () => {
  expect(stableTemplate(template)).toMatchSnapshot();
});

test('the origin uses OAC (SigV4, always) and no OAI', () => {
  template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
    OriginAccessControlConfig: Match.objectLike({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    }),
  });
  template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
  const [origin] = config.Origins;
  expect(config.Origins).toHaveLength(1);
  expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
  expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
  expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
});

test('the bucket policy admits only CloudFront, for objects, with AWS:SourceArn of this distribution', () => {
  const allows = statements.filter((s) => s.Effect === 'Allow');
  expect(allows).toEqual([
    expect.objectContaining({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
      Condition: {
        StringEquals: {
          'AWS:SourceArn': {
            'Fn::Join': ['', expect.arrayContaining([{ Ref: distributionId }])],
          },
        },
      },
    }),
  ]);
});

test('the bucket blocks public access, encrypts with SSE-S3 and denies requests without TLS', () => {
  template.hasResourceProperties('AWS::S3::Bucket', {
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
    BucketEncryption: {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    },
  });
  expect(statements).toContainEqual(
    expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
  );
});

test('the static behaviour caches 1 h to 365 d (1 d by default); /api/* uses CachingDisabled', () => {
  template.hasResourceProperties('AWS::CloudFront::CachePolicy', {
    CachePolicyConfig: Match.objectLike({
      MinTTL: STATIC_TTL.min.toSeconds(),
      DefaultTTL: STATIC_TTL.default.toSeconds(),
      MaxTTL: STATIC_TTL.max.toSeconds(),
    }),
  });
  expect(config.DefaultCacheBehavior.CachePolicyId).toEqual({
    Ref: expect.stringMatching(/^StaticCachePolicy/),
  });
  expect(config.CacheBehaviors).toHaveLength(1);
  const [api] = config.CacheBehaviors;
  expect(api.PathPattern).toBe(API_PATH_PATTERN);
  // The AWS managed CachingDisabled policy (TTLs 0).
  expect(api.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
});

test('both behaviours redirect HTTP to HTTPS and add the HSTS function on viewer response', () => {
  const [fnId, fn] = resourcesOfType(template, 'AWS::CloudFront::Function')[0];
  expect(fn.Properties?.AutoPublish).toBe(true);
  expect(fn.Properties?.FunctionConfig).toEqual(expect.objectContaining({ Runtime: 'cloudfront-js-2.0' }));
  expect(fn.Properties?.FunctionCode).toContain(
    `response.headers['${EDGE_HEADER}'] = { value: '${EDGE_HEADER_VALUE}' }`,
  );
  for (const behaviour of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
    expect(behaviour.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(behaviour.FunctionAssociations).toEqual([
      { EventType: 'viewer-response', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } },
    ]);
  }
});

test('403 and 404 become the 404 page, cached 10 s', () => {
  expect(config.CustomErrorResponses).toEqual(
    [403, 404].map((ErrorCode) => ({
      ErrorCode,
      ResponseCode: 404,
      ResponsePagePath: NOT_FOUND_PAGE,
      ErrorCachingMinTTL: 10,
    })),
  );
  expect(config.DefaultRootObject).toBe('index.html');
});

test('the cheapest price class, HTTP/2, and no geo restriction or WAF (acknowledged in cdk-nag)', () => {
  expect(config.PriceClass).toBe('PriceClass_100');
  expect(config.HttpVersion).toBe('http2');
  expect(config.WebACLId).toBeUndefined();
  expect(config.Restrictions).toBeUndefined();
});

test('the bucket is emptied before it is deleted (a custom resource), nothing retained', () => {
  template.hasResourceProperties('Custom::EmptyBucketOnDelete', {
    BucketName: { Ref: bucketId },
  });
  for (const [, resource] of Object.entries(template.toJSON().Resources as Record<string, any>)) {
    expect(resource.DeletionPolicy ?? 'Delete').toBe('Delete');
  }
});

test('costs nothing per hour: CloudFront, S3, Functions and Lambda bill by use', () => {
  const estimate = estimateHourlyCost(template.toJSON() as CfnTemplate);
  expect(estimate.perHour).toBe(0);
  expect(estimate.notPriced).toEqual([]);
  expect(estimate.usagePriced.join('\n')).toMatch(/CloudFront: .*per GB/);
  expect(estimate.usagePriced.join('\n')).toMatch(/CloudFront Functions: \$0.10 per million/);
});

test('the diagram shows the distribution reading the bucket through OAC', () => {
  const diagram = renderMermaid(template.toJSON() as CfnTemplate);
  expect(diagram).toMatch(new RegExp(`${distributionId} -->\\|"origin, OAC \\(SigV4\\)"\\| ${bucketId}`));
});

test('on MiniStack it needs these compatibility steps (computed from its template)', () => {
  const steps = stepsFor(template.toJSON() as Parameters<typeof stepsFor>[0], 'ministack');
  expect(steps.map((step) => step.name)).toEqual([
    's3-bucket-configuration',
    'late-log-groups',
    'cloudfront-origin-without-tls-deny',
  ]);
  // On MiniStack only: the TLS deny is left out, the CloudFront allow stays.
  const [[, ministackPolicy]] = resourcesOfType(ministackTemplate, 'AWS::S3::BucketPolicy');
  const effects = (
    ministackPolicy.Properties!.PolicyDocument as { Statement: { Effect: string }[] }
  ).Statement.map((s) => s.Effect);
  expect(effects).toEqual(['Allow']);
  expect(lab.support.ministack.level).toBe('partial');
});
