import { resolve4 } from 'node:dns/promises';
import axios from 'axios';
import { type Experiment, expectThat, outputOf, withMeasurements } from '../../../lib/experiments/experiment';
import type { Output } from '../outputs';

const NO_NETWORKS_ON_MINISTACK =
  'MiniStack does not emulate networks: its load balancers answer any caller on 127.0.0.1, so isolation ' +
  'cannot be observed there.';

const PRIVATE_ADDRESS = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/;

export const isolation: Experiment<Output> = {
  name: 'Keep the service out of reach from outside the VPC',
  fact: 'An internal load balancer has private addresses only; the internet cannot reach the service',
  proof: 'behaviour',
  measures: ['reachableFromOutside'],
  skipOn: { ministack: NO_NETWORKS_ON_MINISTACK },
  mustFailWhen: {
    replaceOutput: ['ServiceUrl', 'FailedDeliveriesQueueUrl'],
    why: "the queue's URL is a public AWS endpoint: its name resolves to public addresses, and it answers from anywhere",
    failsBecause: 'public-address',
  },
  async run(context) {
    const url = outputOf(context, 'ServiceUrl');
    const addresses = await resolve4(new URL(url).hostname);
    const attempt = await axios
      .post(url, {}, { timeout: 5000, validateStatus: () => true })
      .then((response) => `answered HTTP ${response.status}`)
      .catch((error: { code?: string; message: string }) => `no answer (${error.code ?? error.message})`);
    const privateOnly = addresses.length > 0 && addresses.every((a) => PRIVATE_ADDRESS.test(a));
    return withMeasurements(
      expectThat(
        privateOnly && attempt.startsWith('no answer'),
        `${new URL(url).hostname} resolves to ${addresses.join(', ')}; a POST from this machine: ${attempt}`,
        'private addresses only, and no answer from outside the VPC',
        privateOnly ? 'answered' : 'public-address',
      ),
      { reachableFromOutside: attempt.startsWith('no answer') ? 'no' : 'yes' },
    );
  },
};
