import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { experimentsOf } from '../../lib/experiments/registry';
import { findLab } from '../../lib/lab/catalogue';
import { checkMiniStackPatches } from '../../lib/operations/doctor';
import {
  FIDELITY_DIFFERENCES,
  patchedCell,
  patchesOf,
  renderFidelityTable,
  stockCell,
} from '../../lib/targets/fidelity';
import { MINISTACK } from '../../lib/targets/ministack-host';
import {
  APPLIED_RECORD,
  MINISTACK_PATCH_APPLIER,
  miniStackPatches,
  patchesFor,
} from '../../lib/targets/ministack-patches';

// Issue 26, lever 2: small MiniStack bugs fixed by pinned patches. The patches themselves are
// proven against stock and patched MiniStack in test/e2e/ministack-patches.e2e.test.ts.

const patches = miniStackPatches();

describe('the pinned MiniStack patches', () => {
  test('each says what it fixes, what stock MiniStack does, and the hash of every file it changes', () => {
    expect(patches.length).toBeGreaterThan(0);
    for (const patch of patches) {
      expect([patch.name, patch.subject]).toEqual([patch.name, expect.stringMatching(/^[A-Za-z0-9 ]+: \S/)]);
      expect([patch.name, patch.stock]).toEqual([patch.name, expect.stringMatching(/\S/)]);
      expect(Object.keys(patch.files).length).toBeGreaterThan(0);
      for (const [file, sha] of Object.entries(patch.files)) {
        expect(file).toMatch(/^ministack\/[\w/]+\.py$/);
        expect(sha).toMatch(/^[0-9a-f]{64}$/);
      }
    }
  });

  test('patches that change the same file were all written against the same wheel file', () => {
    const hashes = new Map<string, Set<string>>();
    for (const patch of patches)
      for (const [file, sha] of Object.entries(patch.files))
        hashes.set(file, (hashes.get(file) ?? new Set()).add(sha));
    expect([...hashes].filter(([, shas]) => shas.size > 1).map(([file]) => file)).toEqual([]);
  });

  test('each lets experiments run that exist and are no longer skipped on MiniStack', () => {
    const problems: string[] = [];
    for (const patch of patches) {
      if (patch.experiments.length === 0) problems.push(`${patch.name} names no experiment`);
      for (const { lab, experiment } of patch.experiments) {
        const found = experimentsOf(findLab(lab)).find((e) => e.id === experiment);
        if (!found) problems.push(`${patch.name}: ${lab} has no experiment ${experiment}`);
        else if (found.skipOn?.ministack)
          problems.push(`${patch.name}: ${lab} ${experiment} is still skipped`);
      }
    }
    expect(problems).toEqual([]);
    expect(patchesFor('lab-02', 'numericFilterType', patches).map((p) => p.name)).toEqual([
      'sns-numeric-filter-number-attributes',
    ]);
  });

  test('are applied after the install, and a changed patch reinstalls (the venv stamp covers them)', () => {
    expect(MINISTACK.afterInstall).toBe(MINISTACK_PATCH_APPLIER);
    for (const patch of patches) expect(MINISTACK.stampFiles).toContain(patch.path);
    expect(MINISTACK.stampFiles).toContain(MINISTACK_PATCH_APPLIER);
  });

  test('doctor lists the patches a venv records, and says when they are missing or differ', () => {
    const venv = mkdtempSync(join(tmpdir(), 'labkit-doctor-'));
    try {
      expect(checkMiniStackPatches(venv)).toMatchObject({ ok: false, detail: /^not applied yet/ });
      const names = patches.map((p) => p.name);
      writeFileSync(join(venv, APPLIED_RECORD), JSON.stringify({ patches: names.map((name) => ({ name })) }));
      expect(checkMiniStackPatches(venv)).toMatchObject({
        ok: true,
        detail: `${names.length} applied: ${names.join(', ')}`,
      });
      writeFileSync(join(venv, APPLIED_RECORD), JSON.stringify({ patches: [{ name: 'an-old-patch' }] }));
      expect(checkMiniStackPatches(venv)).toMatchObject({
        ok: false,
        detail: /^applied an-old-patch, the kit/,
      });
    } finally {
      rmSync(venv, { recursive: true, force: true });
    }
  });

  test('the fidelity table shows stock MiniStack, MiniStack with the patches, and AWS', () => {
    const table = renderFidelityTable();
    expect(table.split('\n')[0]).toMatch(/MiniStack \(stock\) \| MiniStack \(with the kit's patches\)/);
    for (const patch of patches) {
      // A patch may serve experiments of several rows (the IAM evaluator's fixes): each row names it.
      const rows = FIDELITY_DIFFERENCES.filter((d) => patchesOf(d).some((p) => p.name === patch.name));
      expect([patch.name, rows.length > 0]).toEqual([patch.name, true]);
      for (const row of rows) {
        expect(stockCell(row)).toContain(patch.stock);
        expect(patchedCell(row)).toMatch(/^with the kit's patch(es)? .*: as on AWS$/);
        expect(patchedCell(row)).toContain(`\`${patch.name}\``);
        expect(table).toContain(patchedCell(row) ?? 'a patched cell');
      }
    }
  });
});
