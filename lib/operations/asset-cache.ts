import { chmodSync, existsSync, lstatSync, readdirSync, renameSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePrivateDir, PRIVATE_DIR_MODE, STATE_DIR } from '../core/paths';

/**
 * Bundled Lambda code kept between runs (`.labs/assets/asset.<hash>`). Lab functions are staged
 * under a hash of their sources (lib/constructs/lab-function.ts); when the cloud assembly directory
 * already holds an asset, the CDK does not bundle it again. Each run's temporary cloud assembly
 * gets links to the kept assets before it synthesizes, and keeps the ones it bundled.
 */
const ASSET_CACHE_DIR = join(STATE_DIR, 'assets');

/**
 * The CDK stages each asset in a directory of mode 0777: in the cache it is made 0700 like the rest
 * of `.labs` (the files in it keep their modes: Lambda needs them readable by its runtime user).
 */
function makeAssetDirPrivate(dir: string): void {
  if ((statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Links every cached asset into `outdir` (tightening one an older kit left 0777). */
export function linkCachedAssets(outdir: string, cacheDir = ASSET_CACHE_DIR): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    if (!name.startsWith('asset.')) continue;
    makeAssetDirPrivate(join(cacheDir, name));
    symlinkSync(join(cacheDir, name), join(outdir, name), 'dir');
  }
}

/** Moves the assets this run bundled into the cache (0700), leaving links in `outdir`. */
export function keepNewAssets(outdir: string, cacheDir = ASSET_CACHE_DIR): void {
  try {
    ensurePrivateDir(cacheDir);
    for (const name of readdirSync(outdir)) {
      const staged = join(outdir, name);
      if (!name.startsWith('asset.') || !lstatSync(staged).isDirectory()) continue;
      const kept = join(cacheDir, name);
      if (existsSync(kept)) continue;
      // Move it into the cache and leave a link: the toolkit publishes it from the assembly.
      makeAssetDirPrivate(staged);
      renameSync(staged, kept);
      symlinkSync(kept, staged, 'dir');
    }
  } catch {
    // A cache only: another run keeping the same asset at once, a read-only checkout.
  }
}
