/** What every experiment does first: an SDK client for the target, and whether the target is local. */

import { isLocalTarget } from '../targets/target';
import type { ExperimentContext } from './experiment';

/**
 * An SDK client of `Client` with the target's endpoint, region and credentials, plus `settings`
 * (`{ forcePathStyle: true }`, `{ maxAttempts: 1 }`): `clientOf(SQSClient, context)`.
 */
export function clientOf<Client, Config extends object>(
  Client: new (config: Config) => Client,
  context: Pick<ExperimentContext, 'clientConfig'>,
  settings: Partial<Config> = {},
): Client {
  return new Client({ ...context.clientConfig, ...settings } as Config);
}

/** Whether the experiment runs against a local emulator (waits are shorter, URLs take the emulator's form). */
export const isLocal = (context: Pick<ExperimentContext, 'target'>) => isLocalTarget(context.target);
