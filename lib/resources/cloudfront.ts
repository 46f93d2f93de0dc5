import { referencedId } from './support';
import { type ClientConfig, defineService } from './types';

/** A CloudFront API client: the API is global, in us-east-1 whatever region the lab is in. */
export async function cloudFrontClient(config: ClientConfig) {
  const { CloudFrontClient } = await import('@aws-sdk/client-cloudfront');
  return new CloudFrontClient({ ...config, region: 'us-east-1' });
}

/** Amazon CloudFront: distributions and what configures them (OAC, cache policies, functions). */
export const cloudfront = defineService({
  prefix: 'AWS::CloudFront',
  types: {
    'AWS::CloudFront::Distribution': {
      price: {
        usage:
          'CloudFront: $0.085 per GB out to viewers and per 10,000 HTTPS requests $0.0100 in the United States and $0.0120 in Europe; the always-free tier covers 1 TB and 10 million requests a month; invalidations: 1,000 paths a month free, then $0.005 per path',
      },
      diagram: {
        node: { label: 'CloudFront distribution', group: 'Edge', internet: () => 'HTTPS (HTTP redirected)' },
        edges: (id, props, { drawn }) => {
          const config = (props.DistributionConfig ?? {}) as { Origins?: Record<string, unknown>[] };
          return (config.Origins ?? []).flatMap((origin) => {
            const target = referencedId(origin.DomainName);
            if (!target || !drawn.has(target)) return [];
            return [
              {
                from: id,
                to: target,
                label: origin.OriginAccessControlId ? 'origin, OAC (SigV4)' : 'origin',
              },
            ];
          });
        },
      },
      leftovers: {
        exists: async (id, config) => {
          const { GetDistributionCommand } = await import('@aws-sdk/client-cloudfront');
          const client = await cloudFrontClient(config);
          try {
            await client.send(new GetDistributionCommand({ Id: id }));
            return true;
          } catch (error) {
            if ((error as Error).name === 'NoSuchDistribution') return false;
            throw error;
          }
        },
      },
    },
    'AWS::CloudFront::OriginAccessControl': {
      price: { free: 'a setting that distributions use' },
      diagram: { hidden: 'drawn as the edge from the distribution to its bucket' },
      leftovers: {
        cannotOutlive: 'CloudFormation deletes it with the stack; it holds nothing and bills nothing',
      },
    },
    'AWS::CloudFront::CachePolicy': {
      price: { free: 'a setting of cache behaviours' },
      diagram: { hidden: 'a setting of the distribution' },
      leftovers: {
        cannotOutlive: 'CloudFormation deletes it with the stack; it holds nothing and bills nothing',
      },
    },
    'AWS::CloudFront::Function': {
      price: {
        usage:
          'CloudFront Functions: $0.10 per million invocations; the always-free tier covers 2 million a month',
      },
      diagram: { hidden: 'runs inside the distribution (a viewer event of its cache behaviours)' },
      leftovers: { cannotOutlive: 'CloudFormation deletes it with the stack; it bills only per invocation' },
    },
  },
});
