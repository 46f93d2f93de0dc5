/** The edge cache: static objects are cached (and served stale until an invalidation), /api/* never. */

import { CreateInvalidationCommand, GetInvalidationCommand } from '@aws-sdk/client-cloudfront';
import {
  type Experiment,
  expectThat,
  fail,
  outputOf,
  withMeasurements,
} from '../../../lib/experiments/experiment';
import { newRunId, pollUntil, sleep } from '../../../lib/experiments/helpers';
import { cloudFrontClient } from '../../../lib/resources/cloudfront';
import type { Output } from '../outputs';
import { page, putObject, type ViewerAnswer, viewerGet, withObjects, xCache } from './viewer-helpers';

const NO_EDGE_CACHE_ON_MINISTACK =
  'MiniStack 1.5.33 keeps no edge cache: every answer of a distribution is fetched from the origin again and ' +
  'carries X-Cache: Miss from cloudfront (services/cloudfront.py handle_viewer_request), so hits, TTLs and ' +
  'invalidations cannot be observed there.';

export const edgeCachesStaticOnly: Experiment<Output> = {
  name: 'Cache static objects at the edge, never /api/*',
  fact: 'The static behaviour caches (the second request is a hit); the /api/* behaviour uses CachingDisabled (every request is a miss).',
  proof: 'behaviour',
  skipOn: { ministack: NO_EDGE_CACHE_ON_MINISTACK },
  measures: ['secondStaticRequest', 'secondApiRequest'],
  async run(context) {
    const run = newRunId('cache');
    const staticKey = `static/${run}.html`;
    const apiKey = `api/${run}.json`;
    return withObjects(context, { [staticKey]: page(run), [apiKey]: JSON.stringify({ run }) }, async () => {
      await viewerGet(context, `/${staticKey}`);
      await viewerGet(context, `/${apiKey}`);
      const secondStatic = await viewerGet(context, `/${staticKey}`);
      const secondApi = await viewerGet(context, `/${apiKey}`);
      const hit = (a: ViewerAnswer) => (/^Hit/i.test(xCache(a)) ? 'hit' : 'miss');
      return withMeasurements(
        expectThat(
          hit(secondStatic) === 'hit' && hit(secondApi) === 'miss',
          `second request: /${staticKey} X-Cache ${xCache(secondStatic)}; /${apiKey} X-Cache ${xCache(secondApi)}`,
          'a Hit for the static object, a Miss for the /api/ object',
          hit(secondStatic) !== 'hit' ? 'static-not-cached' : 'api-cached',
        ),
        { secondStaticRequest: hit(secondStatic), secondApiRequest: hit(secondApi) },
      );
    });
  },
};

export const staleUntilInvalidation: Experiment<Output> = {
  name: 'Serve the old object until an invalidation',
  fact: 'A changed object is served stale from the edge until its TTL ends or an invalidation removes it; after the invalidation the new one is served.',
  proof: 'behaviour',
  skipOn: { ministack: NO_EDGE_CACHE_ON_MINISTACK },
  measures: ['staleAfterChange'],
  async run(context) {
    const key = `static/${newRunId('invalidate')}.html`;
    const [before, after] = [page(`${key} version 1`), page(`${key} version 2`)];
    return withObjects(context, { [key]: before }, async () => {
      const first = await viewerGet(context, `/${key}`);
      if (first.body !== before)
        return fail(
          `the first GET did not return version 1 (HTTP ${first.status})`,
          'version 1 of the page on the first GET',
          'not-served',
        );
      await putObject(context, key, after);
      const changed = await viewerGet(context, `/${key}`);
      const stale = changed.body === before;
      const distributionId = outputOf(context, 'DistributionId');
      const cloudfront = await cloudFrontClient({ ...context.clientConfig });
      const created = await cloudfront.send(
        new CreateInvalidationCommand({
          DistributionId: distributionId,
          InvalidationBatch: { Paths: { Quantity: 1, Items: [`/${key}`] }, CallerReference: key },
        }),
      );
      const invalidationId = created.Invalidation?.Id;
      if (!invalidationId)
        return fail(
          'CreateInvalidation returned no invalidation id',
          'an invalidation id from CreateInvalidation',
          'no-invalidation',
        );
      context.progress(`invalidation ${invalidationId} in progress`);
      const status = await pollUntil(5 * 60_000, 10_000, async () => {
        const got = await cloudfront.send(
          new GetInvalidationCommand({ DistributionId: distributionId, Id: invalidationId }),
        );
        return got.Invalidation?.Status === 'Completed' ? 'Completed' : undefined;
      });
      await sleep(1_000);
      const fresh = await viewerGet(context, `/${key}`);
      return withMeasurements(
        expectThat(
          stale && status === 'Completed' && fresh.body === after,
          `after the change: ${stale ? 'version 1 (stale)' : 'version 2 at once'}; invalidation ${invalidationId} ${status ?? 'not completed in 5 min'}; then: ${fresh.body === after ? 'version 2' : fresh.body === before ? 'still version 1' : `HTTP ${fresh.status}`}`,
          'version 1 after the change, version 2 after the invalidation completed',
          !stale ? 'not-stale' : status !== 'Completed' ? 'invalidation-not-completed' : 'still-stale',
        ),
        { staleAfterChange: stale ? 'yes' : 'no' },
      );
    });
  },
};
