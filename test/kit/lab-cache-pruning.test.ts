import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneLabCaches } from '../support/global-setup';

test('old lab caches of other source trees are pruned; the current, recent and newest ones stay', () => {
  const root = mkdtempSync(join(tmpdir(), 'labkit-cache-pruning-'));
  try {
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    const make = (name: string, used: Date) => {
      mkdirSync(join(root, name));
      utimesSync(join(root, name), used, used);
    };
    make('current', hoursAgo(100)); // old, but in use now: touched, kept
    make('just-used', hoursAgo(0.5)); // another checkout's run going on now
    for (let i = 1; i <= 6; i++) make(`old-${i}`, hoursAgo(10 * i));
    make('dead-build.12345', hoursAgo(200));
    pruneLabCaches(root, join(root, 'current'));
    expect(readdirSync(root).sort()).toEqual(['current', 'just-used', 'old-1', 'old-2', 'old-3']);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
