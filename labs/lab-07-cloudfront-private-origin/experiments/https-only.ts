/** Viewers are held to HTTPS: plain HTTP is redirected, and every answer carries HSTS. */

import { type Experiment, expectThat, withMeasurements } from '../../../lib/experiments/experiment';
import { newRunId } from '../../../lib/experiments/helpers';
import type { Output } from '../outputs';
import { HSTS_HEADER, HSTS_VALUE, page, viewerGet, withObjects } from './viewer-helpers';

export const httpRedirectedToHttps: Experiment<Output> = {
  name: 'Redirect HTTP to HTTPS',
  fact: 'With the viewer protocol policy redirect-to-https, a plain HTTP request gets a 301 to the same URL on HTTPS.',
  proof: 'behaviour',
  measures: ['httpStatus'],
  async run(context) {
    const key = `static/${newRunId('redirect')}.html`;
    const path = `/${key}?from=http`;
    // A real object, so that a distribution that serves HTTP shows it (HTTP 200) instead of redirecting.
    return withObjects(context, { [key]: page(`lab-07 ${key}`) }, async () => {
      const answer = await viewerGet(context, path, true);
      const location = answer.headers.location ?? '';
      return withMeasurements(
        expectThat(
          answer.status === 301 && location.startsWith('https://') && location.endsWith(path),
          `plain HTTP GET ${path}: HTTP ${answer.status}, Location ${location || 'none'}`,
          `HTTP 301 with Location https://<the distribution's domain>${path}`,
          'not-redirected',
        ),
        { httpStatus: answer.status },
      );
    });
  },
};

export const hstsHeaderAdded: Experiment<Output> = {
  name: 'Add the HSTS header with a CloudFront Function',
  fact: 'A viewer-response CloudFront Function adds Strict-Transport-Security to the answers of both cache behaviours.',
  proof: 'behaviour',
  async run(context) {
    const run = newRunId('hsts');
    const staticKey = `static/${run}.html`;
    const apiKey = `api/${run}.json`;
    return withObjects(context, { [staticKey]: page(run), [apiKey]: JSON.stringify({ run }) }, async () => {
      const answers = [await viewerGet(context, `/${staticKey}`), await viewerGet(context, `/${apiKey}`)];
      const seen = answers.map(
        (a, i) =>
          `/${[staticKey, apiKey][i]}: HTTP ${a.status}, ${HSTS_HEADER} ${a.headers[HSTS_HEADER] ?? 'absent'}`,
      );
      return expectThat(
        answers.every((a) => a.status === 200 && a.headers[HSTS_HEADER] === HSTS_VALUE),
        seen.join('; '),
        `HTTP 200 with ${HSTS_HEADER}: ${HSTS_VALUE} on both`,
        answers.some((a) => a.status !== 200) ? 'not-served' : 'no-hsts',
      );
    });
  },
};
