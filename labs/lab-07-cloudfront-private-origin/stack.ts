import { CfnOutput, CustomResource, Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { LabFunction } from '../../lib/constructs/lab-function';
import { LabStack, type LabStackProps } from '../../lib/constructs/lab-stack';
import type { Output } from './outputs';

/** The object a viewer gets instead of a missing or forbidden one (uploaded by the experiments). */
export const NOT_FOUND_PAGE = '/errors/not-found.html';
/** Paths under this pattern are the "API": never cached at the edge. */
export const API_PATH_PATTERN = '/api/*';
/** The header the viewer-response function adds to every successful answer. */
export const EDGE_HEADER = 'strict-transport-security';
export const EDGE_HEADER_VALUE = 'max-age=31536000; includeSubDomains';
/** TTLs of the static behaviour: long, because the objects change only with a release. */
export const STATIC_TTL = { min: Duration.hours(1), default: Duration.days(1), max: Duration.days(365) };
/** How long the edge keeps a 403/404 before asking the origin again (the default is 10 s). */
export const ERROR_CACHING_TTL = Duration.seconds(10);

/**
 * lab-07 CloudFront in front of a private S3 origin.
 *
 * A private bucket (Block Public Access, SSE-S3, TLS only) that only this distribution may read,
 * through Origin Access Control (requests signed with SigV4 by CloudFront, admitted by a bucket
 * policy with an `AWS:SourceArn` condition). The distribution redirects HTTP to HTTPS, caches the
 * static objects with long TTLs, never caches `/api/*`, answers a missing object (403 from S3 without
 * s3:ListBucket) with a custom 404 page, and a CloudFront Function adds an HSTS header to the answers.
 */
export class CloudfrontPrivateOriginStack extends LabStack {
  constructor(scope: Construct, id: string, props: LabStackProps) {
    super(scope, id, props);

    const site = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    });
    Validations.of(site).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Server access logs would need a second bucket and show nothing the lab is about; the bucket is private and read only through the distribution.',
    });

    // Empties the bucket before CloudFormation deletes it: S3 refuses to delete a bucket that holds
    // objects, and the experiments (or a learner) may have left some.
    const emptier = new LabFunction(this, 'BucketEmptier', {
      handlerFolder: 'lab-07/bucket-emptier',
      description: 'lab-07: deletes every object version of the site bucket when the stack is deleted',
      timeout: Duration.seconds(60),
    });
    emptier.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:ListBucketVersions'],
        resources: [site.bucketArn],
      }),
    );
    emptier.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
        resources: [site.arnForObjects('*')],
      }),
    );
    Validations.of(emptier.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::<SiteBucket397A1860.Arn>/*]',
      reason: 'It deletes every object of this one bucket, whose keys are not known in advance.',
    });
    new CustomResource(this, 'EmptySiteBucketOnDelete', {
      serviceToken: emptier.function.functionArn,
      resourceType: 'Custom::EmptyBucketOnDelete',
      properties: { BucketName: site.bucketName },
    });

    // Origin Access Control: CloudFront signs its origin requests; the bucket policy below decides.
    const originAccess = new cloudfront.S3OriginAccessControl(this, 'OriginAccessControl', {
      description: 'lab-07: CloudFront signs its requests to the site bucket',
      signing: cloudfront.Signing.SIGV4_ALWAYS,
    });
    const origin = origins.S3BucketOrigin.withBucketDefaults(site, {
      originAccessControlId: originAccess.originAccessControlId,
    });

    const staticCaching = new cloudfront.CachePolicy(this, 'StaticCachePolicy', {
      comment: 'lab-07: static objects, long TTLs; nothing of the request but the path in the key',
      minTtl: STATIC_TTL.min,
      defaultTtl: STATIC_TTL.default,
      maxTtl: STATIC_TTL.max,
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // cloudfront-js-2.0; runs at the edge on each answer that the origin gave with a status below 400.
    const addHsts = new cloudfront.Function(this, 'AddHstsHeader', {
      comment: 'lab-07: adds HSTS to every answer',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(
        [
          'function handler(event) {',
          '  var response = event.response;',
          `  response.headers['${EDGE_HEADER}'] = { value: '${EDGE_HEADER_VALUE}' };`,
          '  return response;',
          '}',
        ].join('\n'),
      ),
    });
    const functionAssociations = [
      { function: addHsts, eventType: cloudfront.FunctionEventType.VIEWER_RESPONSE },
    ];
    // Both behaviours: viewers on plain HTTP get a redirect to the same URL on HTTPS.
    const viewerProtocolPolicy = cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS;

    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'lab-07: private S3 origin through OAC',
      defaultRootObject: 'index.html',
      // The cheapest price class: edge locations in North America, Europe and Israel only.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: staticCaching,
        functionAssociations,
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin,
          viewerProtocolPolicy,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          functionAssociations,
        },
      },
      // S3 answers 403, not 404, for a missing key when the reader may not list the bucket.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 404,
        responsePagePath: NOT_FOUND_PAGE,
        ttl: ERROR_CACHING_TTL,
      })),
    });
    Validations.of(distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'Geo restriction is free but would lock out learners outside the listed countries; the lab restricts who reads the origin, not where viewers are.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'AWS WAF bills per web ACL and rule each month (and per request), more than the lab itself; the lab serves test objects only.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Standard access logs need a log bucket with ACLs enabled and show nothing the experiments need (they read X-Cache instead).',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The lab uses the default *.cloudfront.net certificate, for which CloudFront fixes the minimum TLS version itself; a TLSv1.2_2021 policy needs a custom domain and an ACM certificate.',
      },
    );

    // Only this distribution may read, and only objects: AWS:SourceArn names it.
    site.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ReadOnlyThroughThisDistribution',
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [site.arnForObjects('*')],
        conditions: { StringEquals: { 'AWS:SourceArn': distribution.distributionArn } },
      }),
    );

    const outputs: Record<Output, string> = {
      SiteBucketName: site.bucketName,
      SiteBucketRegionalDomainName: site.bucketRegionalDomainName,
      DistributionId: distribution.distributionId,
      DistributionArn: distribution.distributionArn,
      DistributionDomainName: distribution.distributionDomainName,
      OriginAccessControlId: originAccess.originAccessControlId,
    };
    for (const [name, value] of Object.entries(outputs)) new CfnOutput(this, name, { value });
  }
}
