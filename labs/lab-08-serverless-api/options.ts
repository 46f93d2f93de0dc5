import type { Node } from 'constructs';
import { LabInputError } from '../../lib/core/errors';
import { type LabOption, readString } from '../../lib/lab/context-options';

/** `-c apiCache=true`: a 0.5 GB cache on the prod stage (billed by the hour while deployed). */
export const API_CACHE_OPTION: LabOption = {
  name: 'apiCache',
  description:
    'true adds a 0.5 GB API cache to the prod stage (GET /cached cached for 60 s); it bills by the hour while deployed.',
  default: 'false: no cache',
  sample: 'true',
};

/**
 * Whether the prod stage gets a cache cluster.
 * @throws LabInputError for a value other than true or false
 */
export function readApiCache(node: Node): boolean {
  const value = readString(node, API_CACHE_OPTION.name) ?? 'false';
  if (value !== 'true' && value !== 'false') {
    throw new LabInputError(
      `Context option apiCache="${value}" is not allowed. Use true or false (for example -c apiCache=true).`,
    );
  }
  return value === 'true';
}
