/** The bucket stays private: objects are served through the distribution only, by its bucket policy. */

import { GetBucketPolicyCommand, GetPublicAccessBlockCommand } from '@aws-sdk/client-s3';
import axios from 'axios';
import { isLocal } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { page, s3Of, viewerGet, withObjects, xCache } from './viewer-helpers';

export const servedThroughDistribution: Experiment<Output> = {
  name: 'Serve a private object through the distribution',
  fact: 'CloudFront reads the private bucket through Origin Access Control: a viewer gets the object over HTTPS.',
  proof: 'behaviour',
  mustFailWhen: {
    swapOutputs: ['DistributionDomainName', 'SiteBucketRegionalDomainName'],
    why: 'addressed to the bucket instead of the distribution, the request never reaches CloudFront',
    failsBecause: 'not-served',
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
          'not-served',
        ),
        { throughDistributionStatus: answer.status },
      );
    });
  },
};

export const directS3Refused: Experiment<Output> = {
  name: 'Refuse the same object straight from S3',
  fact: 'The bucket stays private: the same object fetched from its S3 URL without credentials is refused (403).',
  proof: 'behaviour',
  mustFailWhen: {
    replaceOutput: ['SiteBucketRegionalDomainName', 'DistributionDomainName'],
    why: "sent to the distribution's domain instead of the bucket's, the unsigned GET is served (200), not refused",
    failsBecause: 'not-refused',
  },
  measures: ['directS3Status'],
  async run(context) {
    const key = `static/${newRunId('direct')}.html`;
    return withObjects(context, { [key]: page('lab-07 direct') }, async () => {
      const domain = outputOf(context, 'SiteBucketRegionalDomainName');
      // Locally no DNS resolves the bucket's domain: S3 is addressed path-style on the emulator's
      // port, and a domain that is the distribution's (the miswiring) goes to its local data plane.
      const toDistribution = isLocal(context) && domain === outputOf(context, 'DistributionDomainName');
      const url = !isLocal(context)
        ? `https://${domain}/${key}`
        : toDistribution
          ? `the distribution ${domain}/${key}`
          : `${new URL(String(context.clientConfig.endpoint)).origin}/${outputOf(context, 'SiteBucketName')}/${key}`;
      const answer = toDistribution
        ? await viewerGet(context, `/${key}`)
        : await axios.get<string>(url, { validateStatus: () => true, timeout: 30_000 });
      // Through the distribution the same key is served, so the refusal is about the path taken.
      const viaCloudFront = await viewerGet(context, `/${key}`);
      return withMeasurements(
        expectThat(
          answer.status === 403 && viaCloudFront.status === 200,
          `unsigned GET ${url}: HTTP ${answer.status}; through the distribution: HTTP ${viaCloudFront.status}`,
          'HTTP 403 from S3 and HTTP 200 through the distribution',
          answer.status !== 403 ? 'not-refused' : 'not-served',
        ),
        { directS3Status: answer.status },
      );
    });
  },
};

export const policyAdmitsOnlyDistribution: Experiment<Output> = {
  name: 'Admit only this distribution in the bucket policy',
  fact: "The bucket policy lets the CloudFront service principal read objects only with AWS:SourceArn equal to this distribution's ARN, and Block Public Access is on.",
  proof: 'configuration',
  mustFailWhen: {
    replaceOutput: ['DistributionArn', 'DistributionId'],
    why: 'the policy names this distribution by its ARN: checked against any other value, its AWS:SourceArn does not match',
    failsBecause: 'source-arn',
  },
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
    const grant =
      only !== undefined &&
      JSON.stringify(only.Principal) === JSON.stringify({ Service: 'cloudfront.amazonaws.com' }) &&
      [only.Action].flat().join() === 's3:GetObject' &&
      [only.Resource].flat().join() === `arn:aws:s3:::${bucket}/*`;
    const sourceArn = condition?.['AWS:SourceArn'] === distributionArn;
    const blockAll = [
      'BlockPublicAcls',
      'IgnorePublicAcls',
      'BlockPublicPolicy',
      'RestrictPublicBuckets',
    ].every((k) => block?.[k as keyof typeof block] === true);
    return expectThat(
      grant && sourceArn && blockAll,
      `Allow statements: ${allows.map(describe).join('; ') || 'none'}; Block Public Access: ${JSON.stringify(block)}`,
      `one Allow: cloudfront.amazonaws.com s3:GetObject on arn:aws:s3:::${bucket}/* if AWS:SourceArn = ${distributionArn}; all four Block Public Access settings on`,
      !grant ? 'grant' : !sourceArn ? 'source-arn' : 'public-access',
    );
  },
};
