/**
 * The bundled-asset cache under `.labs/assets`: private to the user like the rest of `.labs`, also
 * for the asset directories the CDK stages with mode 0777.
 */
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepNewAssets, linkCachedAssets } from '../../lib/operations/asset-cache';

const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'asset-cache-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** An asset directory as the CDK stages it: 0777, a 0644 file inside. */
function stagedAsset(dir: string, name: string): string {
  const asset = join(dir, name);
  mkdirSync(asset, { recursive: true });
  chmodSync(asset, 0o777);
  writeFileSync(join(asset, 'index.js'), 'exports.handler = async () => 1;\n', { mode: 0o644 });
  return asset;
}

test('a bundled asset is kept 0700 in a 0700 cache; its files keep their modes (Lambda reads them)', () => {
  const outdir = join(root, 'assembly');
  const cache = join(root, 'labs', 'assets');
  stagedAsset(outdir, 'asset.abc');
  keepNewAssets(outdir, cache);
  expect(mode(cache)).toBe(0o700);
  expect(mode(join(cache, 'asset.abc'))).toBe(0o700);
  expect(mode(join(cache, 'asset.abc', 'index.js'))).toBe(0o644);
  expect(lstatSync(join(outdir, 'asset.abc')).isSymbolicLink()).toBe(true);
  expect(readFileSync(join(outdir, 'asset.abc', 'index.js'), 'utf8')).toContain('handler');
});

test('an asset an older kit cached 0777 is made 0700 when the next run links it', () => {
  const cache = join(root, 'labs', 'assets');
  mkdirSync(cache, { recursive: true, mode: 0o700 });
  stagedAsset(cache, 'asset.old');
  const outdir = join(root, 'assembly');
  mkdirSync(outdir);
  linkCachedAssets(outdir, cache);
  expect(mode(join(cache, 'asset.old'))).toBe(0o700);
  expect(lstatSync(join(outdir, 'asset.old')).isSymbolicLink()).toBe(true);
});
