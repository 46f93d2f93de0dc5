import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Caches that tools (jest, tsx, Node) keep in the temp dir on purpose: not a test's leftovers. */
const TOOL_CACHES = /^(jest_|tsx-|node-compile-cache$)/;

/**
 * What a test run left in its own temp dir (global-setup.ts points TMPDIR there; each test file
 * gets a subdirectory removed after it, file-tmp-environment.ts): anything but the tools' caches. Runs used to
 * leave ~73 `cdk.out*` and a dozen `labkit-records-*` in the system temp dir each (issue 24 item
 * 11). The system temp dir itself is not listed: the CLI and other checkouts' runs use it at the
 * same time, so its entries are not this run's to judge.
 */
export function tempLeftovers(scratch: string): string[] {
  return readdirSync(scratch)
    .filter((name) => !TOOL_CACHES.test(name))
    .map((name) => join(scratch, name));
}
