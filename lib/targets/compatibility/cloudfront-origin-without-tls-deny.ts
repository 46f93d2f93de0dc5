import { Lazy, type Stack } from 'aws-cdk-lib';
import { CfnBucketPolicy } from 'aws-cdk-lib/aws-s3';
import type { CompatibilityStep } from './step';

interface PolicyStatement {
  readonly Effect?: string;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** The statement CDK's `enforceSSL` writes: deny everyone when aws:SecureTransport is false. */
const isTlsDeny = (s: PolicyStatement) =>
  s.Effect === 'Deny' && String(s.Condition?.Bool?.['aws:SecureTransport']) === 'false';
/** A statement that lets CloudFront (Origin Access Control) read the bucket. */
const admitsCloudFront = (s: PolicyStatement) =>
  s.Effect === 'Allow' && JSON.stringify(s.Principal ?? '').includes('"Service":"cloudfront.amazonaws.com"');

const statementsOf = (document: unknown): PolicyStatement[] =>
  ((document as { Statement?: PolicyStatement[] } | undefined)?.Statement ?? []) as PolicyStatement[];

/**
 * On MiniStack, leaves the deny-without-TLS statement out of bucket policies that admit CloudFront:
 * MiniStack evaluates the policy for a distribution's origin fetch with aws:SecureTransport false
 * (it records a request's transport only when started with AUTH=true), so that statement would
 * refuse CloudFront's every read. On AWS the statement stays: CloudFront reads an S3 origin over
 * HTTPS when the viewer used HTTPS, which the labs' redirect-to-https behaviours ensure.
 */
export const cloudFrontOriginWithoutTlsDeny: CompatibilityStep = {
  name: 'cloudfront-origin-without-tls-deny',
  target: 'ministack',
  why:
    "MiniStack evaluates a bucket policy for CloudFront's OAC origin fetches with aws:SecureTransport false " +
    '(it records the transport only under AUTH=true), so a deny-without-TLS statement refuses every read of the ' +
    'distribution; on MiniStack that statement is left out of bucket policies that admit CloudFront (it still ' +
    'applies on AWS).',
  covers: {
    resourceTypes: ['AWS::S3::BucketPolicy'],
    behaviour: 'bucket policies that admit cloudfront.amazonaws.com and deny requests without TLS',
    appliesTo: (template) =>
      Object.values(template.Resources ?? {}).some((r) => {
        if (r.Type !== 'AWS::S3::BucketPolicy') return false;
        const statements = statementsOf(r.Properties?.PolicyDocument);
        return statements.some(isTlsDeny) && statements.some(admitsCloudFront);
      }),
  },
  phase: 'synth',
  transform(node, stack: Stack) {
    if (!(node instanceof CfnBucketPolicy)) return;
    const original = node.policyDocument;
    node.policyDocument = Lazy.any({
      produce: () => {
        const document = stack.resolve(original) as { Statement?: PolicyStatement[] };
        const statements = statementsOf(document);
        if (!statements.some(admitsCloudFront)) return document;
        return { ...document, Statement: statements.filter((s) => !isTlsDeny(s)) };
      },
    });
  },
};
