import { main } from '../../lib/cli/main';
import { allLabs, findLab, labMeant } from '../../lib/lab/catalogue';
import { RecordingProgress } from '../../lib/operations/progress';
import { challengeTargets } from '../../lib/practice/challenges';
import { nextStep } from '../../lib/practice/next-steps';

const lab02 = findLab('lab-02');
const challenges = (lab02.challenges ?? []).filter((c) => challengeTargets(lab02, c).includes('ministack'));
const solved = (names: readonly string[]) =>
  Object.fromEntries(names.map((name) => [name, { solvedAt: '2026-12-01T00:00:00Z' }]));

test('after verify: the first challenge not solved yet, with the quiz and destroy as the other ways on', () => {
  expect(challenges.length).toBeGreaterThan(1);
  expect(nextStep('verified', lab02, 'ministack', undefined)).toBe(
    `next: npx labs challenge lab-02 ${challenges[0].name}   (break-fix practice; or npx labs quiz lab-02; done: npx labs destroy lab-02)`,
  );
  expect(nextStep('verified', lab02, 'ministack', { challenges: solved([challenges[0].name]) })).toMatch(
    new RegExp(`^next: npx labs challenge lab-02 ${challenges[1].name} `),
  );
});

test('after a solved check: the next challenge, then the quiz, then the next lab', () => {
  const allSolved = solved(challenges.map((c) => c.name));
  expect(nextStep('solved', lab02, 'ministack', { challenges: solved([challenges[0].name]) })).toMatch(
    new RegExp(`^next: npx labs challenge lab-02 ${challenges[1].name} `),
  );
  expect(nextStep('solved', lab02, 'ministack', { challenges: allSolved })).toBe(
    'next: npx labs quiz lab-02   (done: npx labs destroy lab-02)',
  );
  expect(
    nextStep('solved', lab02, 'ministack', {
      challenges: allSolved,
      quiz: { at: '2026-12-01T00:00:00Z', right: [true] },
    }),
  ).toBe(
    'next: npx labs deploy lab-03   (destroy lab-02 first if you are done with it: npx labs destroy lab-02)',
  );
});

test('after the quiz: the next lab that runs on the target, with its flag; after the last, progress', () => {
  const onAws = nextStep('quiz', lab02, 'aws', undefined);
  expect(onAws).toBe(
    'next: npx labs deploy lab-03 --target aws   (destroy lab-02 first if you are done with it: npx labs destroy lab-02 --target aws)',
  );
  // LocalStack skips the labs it cannot deploy.
  const onLocalStack = nextStep('quiz', lab02, 'localstack', undefined);
  const expected = allLabs().find((l) => l.id > 'lab-02' && l.support.localstack.level !== 'none');
  expect(onLocalStack).toMatch(new RegExp(`^next: npx labs deploy ${expected?.id} --target localstack `));
  const last = allLabs().at(-1);
  if (!last) throw new Error('no labs');
  expect(nextStep('quiz', last, 'ministack', undefined)).toBe(
    `next: npx labs progress shows what is left   (done with ${last.id}: npx labs destroy ${last.id})`,
  );
});

test('a lab id close to one gets "did you mean", one line and exit 1', async () => {
  for (const id of ['lab-2', 'LAB-02', 'lab02', '2', 'lab-02-fan-out', 'fan-out', 'labs/lab-02-fan-out/']) {
    expect(labMeant(id)?.id).toBe('lab-02');
  }
  for (const id of ['lab-12', 'lab-99', 'fan', '']) expect(labMeant(id)).toBeUndefined();
  const progress = new RecordingProgress();
  const out: string[] = [];
  expect(await main(['cost', 'lab-2'], { out: (line) => out.push(line), progress })).toBe(1);
  expect(progress.lines).toEqual(['error: Unknown lab "lab-2": did you mean lab-02?']);
  expect(out).toEqual([]);
});
