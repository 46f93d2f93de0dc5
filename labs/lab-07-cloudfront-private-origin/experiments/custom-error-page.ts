/** A missing page is answered with the custom error page, not S3's 403. */

import { isLocal } from '../../../lib/experiments/clients';
import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId, pollUntil } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { HSTS_HEADER, NOT_FOUND_KEY, NOT_FOUND_STATUS, page, viewerGet, withObjects } from './viewer-helpers';

export const missingPageGetsErrorPage: Experiment<Output> = {
  name: 'Answer a missing page with the custom error page',
  fact: 'S3 answers 403 for a missing key to a reader without s3:ListBucket; the custom error response turns it into the 404 page.',
  proof: 'behaviour',
  measures: ['missingPageStatus', 'hstsOnErrorPage'],
  async run(context) {
    const marker = newRunId('not-found');
    const errorPage = page(`lab-07 not found ${marker}`);
    return withObjects(context, { [NOT_FOUND_KEY]: errorPage }, async () => {
      // The edge may still hold an older error page for up to its error caching TTL (10 s).
      let answer = await viewerGet(context, `/static/${marker}-missing.html`);
      // Only an edge cache can hold an older page: locally the first answer is final.
      await pollUntil(isLocal(context) ? 0 : 30_000, 3_000, async () => {
        answer = await viewerGet(context, `/static/${marker}-missing-${Date.now()}.html`);
        return answer.body === errorPage ? answer : undefined;
      });
      const hsts = answer.headers[HSTS_HEADER] !== undefined;
      return withMeasurements(
        expectThat(
          answer.status === NOT_FOUND_STATUS && answer.body === errorPage,
          `GET of a key that does not exist: HTTP ${answer.status}, ${answer.body === errorPage ? `the page at /${NOT_FOUND_KEY}` : `body ${JSON.stringify(answer.body.slice(0, 120))}`}; ${HSTS_HEADER} ${hsts ? 'present' : 'absent'}`,
          `HTTP ${NOT_FOUND_STATUS} with the page at /${NOT_FOUND_KEY}`,
          'no-error-page',
        ),
        { missingPageStatus: answer.status, hstsOnErrorPage: hsts ? 'yes' : 'no' },
      );
    });
  },
};
