/**
 * Challenges: every lab's are sound (their faults still apply to stack.ts, their checks are the
 * lab's experiments, their CLI fixes name outputs the stack has), and check, hint and restore keep
 * the learner's work. That each fault makes its check fail, and each fix makes it pass, is proven on
 * MiniStack by test/e2e/challenges.e2e.test.ts.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { challengeCommand, checkCommand, hintCommand } from '../../lib/cli/challenge-commands';
import type { CommandIo } from '../../lib/cli/commands';
import { LabInputError } from '../../lib/core/errors';
import type { ExperimentResult } from '../../lib/experiments/runner';
import { allLabs, findLab, type LabDefinition } from '../../lib/lab/catalogue';
import {
  type ActiveChallenge,
  brokenSource,
  type Challenge,
  ChallengeStateUnreadable,
  ChallengeStore,
  challengeProblems,
  challengeTargets,
  checksBrokenOn,
  cliFixFor,
  judge,
  outputsReadBy,
  restoreSource,
  stackSourceOf,
  startChallenge,
  whyNotOn,
} from '../../lib/practice/challenges';
import { ProgressStore } from '../../lib/practice/progress';
import { cachedTemplate } from '../support/lab-cache';

let dir: string;
let store: ChallengeStore;
let progress: ProgressStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-challenges-'));
  store = new ChallengeStore(join(dir, 'state', 'challenges.json'));
  progress = new ProgressStore(join(dir, 'state', 'progress.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The contents of the copies restore kept of the learner's edits. */
function keptCopies(): string[] {
  const copies = join(dir, 'state', 'challenges');
  return readdirSync(copies, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(copies, entry.name), 'utf8'));
}

/** A repository root under the test's directory holding the lab's real stack.ts, and its path. */
function repoWithStack(lab: LabDefinition): { root: string; file: string; original: string } {
  const root = join(dir, 'repo');
  const file = stackSourceOf(lab, root);
  mkdirSync(join(file, '..'), { recursive: true });
  cpSync(stackSourceOf(lab), file);
  return { root, file, original: readFileSync(file, 'utf8') };
}

function io(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), progress: { line: (l) => lines.push(l), status() {} } };
}

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('has three or more sound challenges: faults that apply to stack.ts, checks that are its experiments', () => {
    expect(challengeProblems(lab)).toEqual([]);
  });

  test('a check the fault cannot break on a target is one of its checks, with judgedBy there, and others break', () => {
    for (const challenge of lab.challenges ?? []) {
      for (const target of challengeTargets(lab, challenge)) {
        const unbroken: readonly string[] = challenge.notBrokenOn?.[target] ?? [];
        expect(unbroken.filter((id) => !challenge.checks.includes(id))).toEqual([]);
        if (unbroken.length > 0)
          expect([challenge.name, challenge.judgedBy?.[target]]).toEqual([
            challenge.name,
            expect.any(String),
          ]);
        expect([challenge.name, checksBrokenOn(lab, challenge, target).length > 0]).toEqual([
          challenge.name,
          true,
        ]);
      }
    }
  });

  test("the CLI fixes read only outputs the lab's stack has", () => {
    const outputs = Object.keys((cachedTemplate(lab.id) as { Outputs?: object }).Outputs ?? {});
    for (const challenge of lab.challenges ?? []) {
      expect({
        challenge: challenge.name,
        missing: outputsReadBy(challenge).filter((o) => !outputs.includes(o)),
      }).toEqual({
        challenge: challenge.name,
        missing: [],
      });
    }
  });

  test('symptoms and names do not give the cause away (no setting named in them)', () => {
    const settings =
      /filter ?policy|maxReceiveCount|RawMessageDelivery|redrive|health.?check ?type|security group|egress|on-failure destination|ReportBatchItemFailures|bisect/i;
    for (const challenge of lab.challenges ?? []) {
      expect({
        name: challenge.name,
        symptom: settings.test(`${challenge.name} ${challenge.symptom}`),
      }).toEqual({
        name: challenge.name,
        symptom: false,
      });
    }
  });
});

const lab02 = () => findLab('lab-02');
const firstChallenge = (lab: LabDefinition): Challenge => (lab.challenges ?? [])[0];

describe('a fault in stack.ts', () => {
  test('is applied once, and refused with the way out when stack.ts no longer holds what it edits', () => {
    const lab = lab02();
    const challenge = firstChallenge(lab);
    const source = readFileSync(stackSourceOf(lab), 'utf8');
    const broken = brokenSource(lab, challenge, source);
    expect(broken).not.toBe(source);
    expect(broken).toContain(challenge.break[0].replace);
    expect(() => brokenSource(lab, challenge, broken)).toThrow(LabInputError);
    // The learner's edit is kept: never `git checkout <file>`, which discards every uncommitted edit in it.
    expect(() => brokenSource(lab, challenge, broken)).not.toThrow(/git checkout/);
    expect(() => brokenSource(lab, challenge, broken)).toThrow(
      /labs\/lab-02-fan-out\/stack.ts no longer holds .*keep your edits first \(git stash, a commit, or a copy of the file\)/,
    );
    const twice = source + challenge.break[0].find;
    expect(() => brokenSource(lab, challenge, twice)).toThrow(/holds 2 copies/);
  });

  test('is taken out again by restore; edits the learner made are kept in a copy, not lost', () => {
    const lab = lab02();
    const root = join(dir, 'repo');
    const file = stackSourceOf(lab, root);
    mkdirSync(join(file, '..'), { recursive: true });
    const active: ActiveChallenge = {
      name: 'x',
      target: 'ministack',
      startedAt: '2026-11-30T00:00:00Z',
      hintsShown: 0,
      original: 'original',
      broken: 'broken',
    };
    writeFileSync(file, 'broken');
    expect(restoreSource(lab, active, root, join(dir, 'state'))).toMatch(/put back/);
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(restoreSource(lab, active, root, join(dir, 'state'))).toMatch(/is as it was/);

    writeFileSync(file, 'the learner half-way through a fix');
    expect(restoreSource(lab, active, root, join(dir, 'state'))).toMatch(/your edited version is kept in/);
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(keptCopies()).toEqual(['the learner half-way through a fix']);
  });

  test('every restore of an edited stack.ts keeps a copy of its own; none is overwritten', () => {
    const lab = lab02();
    const root = join(dir, 'repo');
    const file = stackSourceOf(lab, root);
    mkdirSync(join(file, '..'), { recursive: true });
    const active = { name: 'x', original: 'original', broken: 'broken' };
    writeFileSync(file, 'first attempt');
    restoreSource(lab, active, root, join(dir, 'state'));
    writeFileSync(file, 'second attempt');
    restoreSource(lab, active, root, join(dir, 'state'));
    expect(keptCopies().sort()).toEqual(['first attempt', 'second attempt']);
    expect(
      readdirSync(join(dir, 'state', 'challenges')).every((f) => /^lab-02-x-.+-stack\.ts$/.test(f)),
    ).toBe(true);
  });
});

describe('where a challenge runs', () => {
  test('a challenge whose checks all skip on a target, or that says it cannot, does not run there', () => {
    const lab = lab02();
    const challenge = firstChallenge(lab);
    expect(whyNotOn(lab, challenge, 'ministack')).toBeUndefined();
    expect(whyNotOn(lab, { ...challenge, skipOn: { ministack: 'needs real instances' } }, 'ministack')).toBe(
      'needs real instances',
    );
    const skippedEverywhereButAws = {
      ...challenge,
      checks: ['numericFilterType'],
    };
    expect(whyNotOn(lab, skippedEverywhereButAws, 'ministack')).toMatch(
      /none of its checks runs on ministack/,
    );
    expect(challengeTargets(lab, skippedEverywhereButAws)).toEqual(['aws']);
  });
});

describe('judging', () => {
  const result = (status: 'pass' | 'fail' | 'skipped'): ExperimentResult =>
    ({
      name: status,
      fact: '',
      seconds: 0,
      outcome: status === 'skipped' ? { status, reason: 'r' } : { status, observed: 'o' },
    }) as unknown as ExperimentResult;

  test('solved only when every check that ran passed; nothing ran is no verdict', () => {
    expect(judge([result('pass'), result('skipped')]).kind).toBe('solved');
    expect(judge([result('pass'), result('fail')]).kind).toBe('failing');
    expect(judge([result('skipped')]).kind).toBe('cannot-judge');
  });
});

test('the CLI fix is printed with the lab outputs filled in, shell variables left alone', () => {
  const challenge: Challenge = {
    ...firstChallenge(lab02()),
    fix: {
      cli: 'x=$(aws sqs get-queue-attributes --queue-url $BillingQueueUrl)\necho "$x" $Missing',
      stack: 's',
    },
  };
  expect(cliFixFor(challenge, { BillingQueueUrl: 'http://q' })).toBe(
    'x=$(aws sqs get-queue-attributes --queue-url http://q)\necho "$x" $Missing',
  );
  expect(outputsReadBy(challenge)).toEqual(['BillingQueueUrl', 'Missing']);
});

describe('labs challenge, hint, check without an emulator', () => {
  test('challenge <lab> lists the challenges with their symptom and where each runs', async () => {
    const out = io();
    expect(await challengeCommand(out, ['lab-02'], {}, store, progress)).toBe(0);
    for (const challenge of lab02().challenges ?? []) {
      expect(
        out.lines.some((l) => l.includes(challenge.name) && l.includes('open; runs on aws, ministack')),
      ).toBe(true);
      expect(out.lines).toContain(`    ${challenge.symptom}`);
    }
  });

  test('hint and check need a challenge in progress, and say how to start one', async () => {
    expect(() => hintCommand(io(), ['lab-02'], store, progress)).toThrow(/npx labs challenge lab-02 <name>/);
    expect(() => hintCommand(io(), [], store, progress)).toThrow(
      /hint: name one lab, for example npx labs hint lab-02/,
    );
    await expect(checkCommand(io(), ['lab-02'], {}, store, progress)).rejects.toThrow(
      /no challenge in progress on lab-02/,
    );
    await expect(challengeCommand(io(), ['lab-02'], { restore: true }, store, progress)).rejects.toThrow(
      /no challenge in progress/,
    );
    await expect(challengeCommand(io(), ['lab-02', 'no-such'], {}, store, progress)).rejects.toThrow(
      /has no challenge "no-such"; its challenges: eu-dashboard-empty/,
    );
  });

  test('hint gives one more tier each time, then points to the solution; the count is recorded', () => {
    const challenge = firstChallenge(lab02());
    store.start('lab-02', {
      name: challenge.name,
      target: 'ministack',
      startedAt: 'now',
      hintsShown: 0,
      original: 'o',
      broken: 'b',
    });
    const tiers: string[][] = [];
    for (let i = 0; i < 4; i++) {
      const out = io();
      hintCommand(out, ['lab-02'], store, progress);
      tiers.push(out.lines);
    }
    expect(tiers.map((lines) => lines.filter((l) => l.startsWith('hint ')).length)).toEqual([1, 2, 3, 3]);
    expect(tiers[0][0]).toBe(`hint 1/3: ${challenge.hints[0]}`);
    expect(tiers[3].at(-1)).toMatch(/no more hints; npx labs challenge lab-02 eu-dashboard-empty --solution/);
    expect(store.active('lab-02')?.hintsShown).toBe(3);
    // With one challenge in progress, the lab may be left out.
    const out = io();
    hintCommand(out, [], store, progress);
    expect(out.lines[0]).toBe(`hint 1/3: ${challenge.hints[0]}`);
    expect(progress.read()['lab-02']?.challenges?.[challenge.name]?.hintsUsed).toBe(3);
  });
});

describe("challenge state never loses the learner's work", () => {
  test('a failed state write leaves stack.ts untouched (the original is saved before the fault is written)', () => {
    const lab = lab02();
    const { root, file, original } = repoWithStack(lab);
    // The state directory cannot be created: a file stands where it should be.
    writeFileSync(join(dir, 'blocked'), '');
    const blocked = new ChallengeStore(join(dir, 'blocked', 'challenges.json'));
    expect(() => startChallenge(lab, firstChallenge(lab), 'ministack', blocked, root)).toThrow(/ENOTDIR/);
    expect(readFileSync(file, 'utf8')).toBe(original);
  });

  test('a failed write of the fault leaves stack.ts as it was, and no record or copy behind', () => {
    const lab = lab02();
    const { root, file, original } = repoWithStack(lab);
    // A directory where the fault's temporary file goes: the write fails (as root too, unlike a chmod).
    const inTheWay = `${file}.${process.pid}.tmp`;
    mkdirSync(inTheWay);
    expect(() => startChallenge(lab, firstChallenge(lab), 'ministack', store, root)).toThrow(/EISDIR/);
    rmSync(inTheWay, { recursive: true });
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(readdirSync(join(file, '..'))).toEqual(['stack.ts']);
    expect(store.active('lab-02')).toBeUndefined();
    expect(store.savedSources('lab-02')).toBeUndefined();
  });

  test('a started challenge has its original saved on its own and the record written whole, private', () => {
    const lab = lab02();
    const { root, file, original } = repoWithStack(lab);
    const active = startChallenge(lab, firstChallenge(lab), 'ministack', store, root);
    expect(readFileSync(file, 'utf8')).toBe(active.broken);
    expect(store.savedSources('lab-02')).toEqual({ original, broken: active.broken });
    expect(store.active('lab-02')?.original).toBe(original);
    const state = join(dir, 'state');
    expect(readdirSync(state).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(statSync(join(state, 'challenges.json')).mode & 0o777).toBe(0o600);
  });

  test('a truncated challenges.json is reported with its path; no command reads it as "no challenge" or rewrites it', async () => {
    const lab = lab02();
    const { root, file, original } = repoWithStack(lab);
    const active = startChallenge(lab, firstChallenge(lab), 'ministack', store, root);
    const record = join(dir, 'state', 'challenges.json');
    const truncated = readFileSync(record, 'utf8').slice(0, 40);
    writeFileSync(record, truncated);
    const unreadable = new RegExp(
      `${record.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} cannot be read .*--restore`,
    );

    expect(() => store.active('lab-02')).toThrow(ChallengeStateUnreadable);
    expect(() => store.active('lab-02')).toThrow(unreadable);
    expect(() => hintCommand(io(), ['lab-02'], store, progress)).toThrow(unreadable);
    expect(() => hintCommand(io(), [], store, progress)).toThrow(unreadable);
    await expect(checkCommand(io(), ['lab-02'], {}, store, progress)).rejects.toThrow(unreadable);
    await expect(challengeCommand(io(), ['lab-02'], {}, store, progress, root)).rejects.toThrow(unreadable);
    expect(() => store.start('lab-03', { ...active, name: 'other' })).toThrow(unreadable);
    expect(() => store.end('lab-02')).toThrow(unreadable);
    expect(readFileSync(record, 'utf8')).toBe(truncated);

    // --restore still puts stack.ts back, from the copy saved when the challenge started.
    writeFileSync(file, `${active.broken}// the learner's own edit\n`);
    const out = io();
    expect(await challengeCommand(out, ['lab-02'], { restore: true }, store, progress, root)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(out.lines.join('\n')).toMatch(/your edited version is kept in/);
    expect(out.lines.join('\n')).toContain(`${record} cannot be read and is left as it is`);
    expect(keptCopies()).toEqual([`${active.broken}// the learner's own edit\n`]);
    expect(readFileSync(record, 'utf8')).toBe(truncated);
  });

  test('a saved original with no record (a crash before the record) is never overwritten by a new start', async () => {
    const lab = lab02();
    const { root, file, original } = repoWithStack(lab);
    const active = startChallenge(lab, firstChallenge(lab), 'ministack', store, root);
    // The record is gone, the fault still in stack.ts: only the saved copy knows the original.
    rmSync(join(dir, 'state', 'challenges.json'));
    expect(() => startChallenge(lab, (lab.challenges ?? [])[1], 'ministack', store, root)).toThrow(
      /a saved copy of lab-02's stack.ts from an earlier challenge is in .*--restore puts it back/,
    );
    expect(readFileSync(file, 'utf8')).toBe(active.broken);
    const out = io();
    expect(await challengeCommand(out, ['lab-02'], { restore: true }, store, progress, root)).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(original);
    expect(store.savedSources('lab-02')).toBeUndefined();
  });

  test('starting and restoring the same challenge twice keeps both edited copies', async () => {
    const lab = lab02();
    const { root, file, original } = repoWithStack(lab);
    for (const attempt of ['first', 'second']) {
      const active = startChallenge(lab, firstChallenge(lab), 'ministack', store, root);
      writeFileSync(file, `${active.broken}// ${attempt} attempt\n`);
      expect(await challengeCommand(io(), ['lab-02'], { restore: true }, store, progress, root)).toBe(0);
      expect(readFileSync(file, 'utf8')).toBe(original);
    }
    expect(
      keptCopies()
        .map((c) => c.split('\n').at(-2))
        .sort(),
    ).toEqual(['// first attempt', '// second attempt']);
    expect(store.active('lab-02')).toBeUndefined();
    expect(store.savedSources('lab-02')).toBeUndefined();
  });
});
