import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { selectedLabs } from '../../lib/cdk/app';
import { skippedOn } from '../../lib/experiments/gaps';
import { experimentsOf } from '../../lib/experiments/registry';
import { allLabs, findLab, runsSomewhere, TARGETS } from '../../lib/lab/catalogue';

const root = join(__dirname, '..', '..');

test('lab ids are lab-NN, unique, in order, and each slug starts with its id', () => {
  const ids = allLabs().map((lab) => lab.id);
  expect(ids).toEqual([...new Set(ids)].sort());
  for (const lab of allLabs()) {
    expect(lab.id).toMatch(/^lab-\d{2}$/);
    expect(lab.slug).toMatch(new RegExp(`^${lab.id}-[a-z0-9-]+$`));
  }
});

test('every lab has a guide folder, note files that exist, and a support entry per target', () => {
  for (const lab of allLabs()) {
    expect(existsSync(join(root, 'labs', lab.slug, 'README.md'))).toBe(true);
    // A lab that runs somewhere cites the notes it teaches from (a new, scaffolded lab runs nowhere yet).
    if (runsSomewhere(lab)) expect(lab.notes.length).toBeGreaterThan(0);
    for (const note of lab.notes) expect(note.file).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
    for (const target of TARGETS) {
      const support = lab.support[target];
      // Anything short of full support must say why: its note, or the experiments it skips there
      // (the support matrix lists them from their skipOn).
      if (support.level === 'none') expect(support.note.length).toBeGreaterThan(20);
      if (support.level === 'partial')
        expect(support.note.length > 20 || skippedOn(experimentsOf(lab), target).length > 0).toBe(true);
    }
  }
});

test('no lab claims a run on AWS in its code: AWS proof comes from run records only', () => {
  // The kit's CI has no AWS account: a lab's AWS entry says it is written for AWS (`unproven`) or
  // does not deploy there; the emulators' levels come from the e2e runs, which never leave one unproven.
  for (const lab of allLabs()) {
    expect([lab.id, lab.support.aws.level]).toEqual([lab.id, expect.stringMatching(/^(unproven|none)$/)]);
    for (const target of TARGETS.filter((t) => t !== 'aws'))
      expect([lab.id, target, lab.support[target].level]).not.toEqual([lab.id, target, 'unproven']);
  }
});

test('a lab is "full" on a target only if none of its experiments is skipped there', () => {
  const overclaimed = allLabs().flatMap((lab) =>
    TARGETS.filter((target) => lab.support[target].level === 'full').flatMap((target) =>
      experimentsOf(lab)
        .filter((e) => e.skipOn?.[target])
        .map((e) => `${lab.id} on ${target}: "${e.name}" is skipped there`),
    ),
  );
  expect(overclaimed).toEqual([]);
});

// The app registers one stack per lab, named by its id (what `cdk ls` prints): with no selection it
// builds every catalogue lab in order (below), and each lab built alone is exactly its own stack
// (test/kit/lab-selection.test.ts). Building all of them in one app here held some 200 MiB with 18
// labs; `cdk ls` and `cdk synth --all` run as processes in CI (test/e2e/new-lab.e2e.test.ts, .ci/run).
test('with no lab selected the app builds every catalogue lab, in catalogue order', () => {
  expect(selectedLabs(undefined).map((lab) => lab.id)).toEqual(allLabs().map((lab) => lab.id));
  expect(selectedLabs('').map((lab) => lab.id)).toEqual(allLabs().map((lab) => lab.id));
});

test('an unknown lab id is refused with the list of known ones', () => {
  expect(() => findLab('lab-99')).toThrow(
    `Unknown lab "lab-99". Known labs: ${allLabs()
      .map((lab) => lab.id)
      .join(', ')}.`,
  );
});
