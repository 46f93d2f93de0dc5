/** Practice: every lab's quiz is sound, `labs quiz` scores and explains, `labs progress` remembers. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CommandIo, predictCommand, progressCommand, quizCommand } from '../../lib/cli/commands';
import { LabInputError } from '../../lib/core/errors';
import { experimentsOf } from '../../lib/experiments/registry';
import type { ExperimentResult } from '../../lib/experiments/runner';
import { allLabs } from '../../lib/lab/catalogue';
import {
  formatPredictionResults,
  type Prediction,
  parsePredictions,
  predictionProblems,
  predictionRight,
  scorePredictions,
} from '../../lib/practice/predictions';
import { formatProgress, ProgressStore } from '../../lib/practice/progress';
import {
  answerOf,
  isRight,
  letterOf,
  parseAnswers,
  quizProblems,
  shuffleQuiz,
} from '../../lib/practice/quiz';

let dir: string;
let store: ProgressStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labkit-practice-'));
  store = new ProgressStore(join(dir, 'state', 'progress.json'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(): CommandIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), progress: { line: (l) => lines.push(l), status() {} } };
}

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('has six or more sound quiz questions, each pointing at what in the lab shows it', () => {
    expect(
      quizProblems(
        lab,
        experimentsOf(lab).map((e) => e.id),
      ),
    ).toEqual([]);
  });
});

test('answers are parsed per question, and anything unclear is refused with what to write', () => {
  const lab = allLabs().find((l) => (l.quiz ?? []).length >= 6);
  const questions = lab?.quiz ?? [];
  const all = questions.map((q, i) => `${i + 1}=${answerOf(q).map(letterOf).join('')}`).join(',');
  expect(parseAnswers(all, questions)).toEqual(questions.map((q) => answerOf(q)));
  expect(() => parseAnswers('1=a', questions)).toThrow(/no answer for question\(s\) 2, 3/);
  expect(() => parseAnswers('1:a', questions)).toThrow(/is not <question number>=<letters>/);
  expect(() => parseAnswers(`${questions.length + 1}=a`, questions)).toThrow(/there is no question/);
  expect(() => parseAnswers('1=z', questions)).toThrow(/has choices a-/);
});

test('a "choose two" question is right only with exactly both', () => {
  const question = {
    question: 'q',
    choices: [
      { text: 'a', right: true as const },
      { text: 'b', wrong: 'it is not a' },
      { text: 'c', right: true as const },
      { text: 'd', wrong: 'it is not c' },
    ],
    explanation: 'e',
    shownBy: { guide: 'g' },
    domain: 'secure' as const,
  };
  expect([isRight(question, [2, 0]), isRight(question, [0]), isRight(question, [0, 1, 2])]).toEqual([
    true,
    false,
    false,
  ]);
});

test('labs quiz --seed --answers scores, explains each choice and records the score; labs progress shows it', async () => {
  const lab = allLabs().find((l) => (l.quiz ?? []).length >= 6);
  if (!lab?.quiz) throw new Error('no lab with a quiz');
  const asked = shuffleQuiz(lab.quiz, 7);
  // Everything right but the first question, in the order of seed 7.
  const answers = asked
    .map((q, i) => {
      const right = answerOf(q);
      return `${i + 1}=${i === 0 ? letterOf((right[0] + 1) % q.choices.length) : right.map(letterOf).join('')}`;
    })
    .join(',');
  const quizIo = io();
  expect(await quizCommand(quizIo, [lab.id], { answers, seed: 7 }, undefined, store)).toBe(0);
  expect(quizIo.lines[0]).toBe(`${lab.id} quiz, choices in the order of --seed 7:`);
  expect(quizIo.lines[1]).toMatch(/^1\. wrong: you chose [a-e], the answer is [a-e]+$/);
  expect(quizIo.lines.at(-2)).toBe(`${lab.id} quiz: ${lab.quiz.length - 1}/${lab.quiz.length} right`);
  expect(quizIo.lines.at(-1)).toMatch(/^next: npx labs (deploy lab-\d+ |progress )/);
  expect(quizIo.lines.filter((l) => l.startsWith('   shown by: '))).toHaveLength(lab.quiz.length);
  // Every choice is printed with its verdict, and each wrong one with its reason.
  const first = asked[0].choices.map(
    (c, i) => `   ${letterOf(i)}) ${c.text}: ${'right' in c ? 'right' : `wrong, ${c.wrong}`}`,
  );
  expect(quizIo.lines.slice(2, 2 + first.length)).toEqual(first);
  expect(statSync(join(dir, 'state', 'progress.json')).mode & 0o777).toBe(0o600);

  const progressIo = io();
  progressCommand(progressIo, {}, store);
  expect(progressIo.lines.find((l) => l.startsWith(lab.id))).toMatch(
    new RegExp(` ${lab.quiz.length - 1}/${lab.quiz.length} +- +0/${(lab.challenges ?? []).length} solved$`),
  );
  expect(progressIo.lines).toContain('by exam domain');
  progressCommand(io(), { reset: true }, store);
  expect(store.read()).toEqual({});
});

test('labs quiz without a terminal prints the questions in a seeded order and how to answer them', async () => {
  const lab = allLabs().find((l) => (l.quiz ?? []).length > 0);
  if (!lab?.quiz) throw new Error('no lab with a quiz');
  const printed = io();
  expect(await quizCommand(printed, [lab.id], { seed: 12 }, undefined, store)).toBe(0);
  const asked = shuffleQuiz(lab.quiz, 12);
  expect(printed.lines[0]).toBe(`${lab.id} quiz, choices in the order of --seed 12:`);
  expect(printed.lines).toContain(`   a) ${asked[0].choices[0].text}`);
  expect(printed.lines.at(-1)).toBe(`answer: npx labs quiz ${lab.id} --seed 12 --answers 1=a,2=bd,...`);
  // Not a TTY under jest: without --seed it prints too, under a seed of its own, and records nothing.
  const unseeded = io();
  expect(await quizCommand(unseeded, [lab.id], {}, undefined, store)).toBe(0);
  expect(unseeded.lines.at(-1)).toMatch(new RegExp(`^answer: npx labs quiz ${lab.id} --seed \\d+ --answers`));
  expect(store.read()).toEqual({});
  await expect(quizCommand(io(), [lab.id], { answers: '1=a' }, undefined, store)).rejects.toThrow(
    new LabInputError(
      `quiz: the choices are shuffled each time, so --answers needs the --seed you read them in: npx labs quiz ${lab.id} --seed 1 (prints them), then add --answers 1=a,2=bd,...`,
    ),
  );
  await expect(quizCommand(io(), [], {}, undefined, store)).rejects.toThrow(/quiz: name one lab/);
});

test('progress per exam domain counts only what was done', () => {
  const lines = formatProgress({}, allLabs());
  expect(lines.filter((l) => l.includes('quiz not taken')).length).toBeGreaterThan(0);
  expect(lines.some((l) => / 0\/\d+ labs verified/.test(l))).toBe(true);
});

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s predictions', (_id, lab) => {
  test('four or more, each answered by a measurement an experiment declares', () => {
    expect(predictionProblems(lab)).toEqual([]);
  });
});

const numberPrediction: Prediction = {
  id: 'hidden',
  question: 'How long?',
  experiment: 'Hide',
  measure: 'seconds',
  answer: { kind: 'number', tolerance: 3 },
  fact: 'The default is 30 s.',
};
const choicePrediction: Prediction = {
  id: 'match',
  question: 'Delivered?',
  experiment: 'Match',
  measure: 'delivered',
  answer: { kind: 'choice', choices: ['yes', 'no'] },
  fact: 'A String does not match a numeric filter.',
};

test('predictions are parsed by id and checked against their kind', () => {
  const both = [numberPrediction, choicePrediction];
  expect(parsePredictions('hidden=30, match=no', both)).toEqual({ hidden: '30', match: 'no' });
  expect(() => parsePredictions('hidden=soon,match=no', both)).toThrow(/hidden takes a number/);
  expect(() => parsePredictions('hidden=30,match=maybe', both)).toThrow(/match is one of yes, no/);
  expect(() => parsePredictions('hidden=30', both)).toThrow(/no prediction for match/);
  expect(() => parsePredictions('nope=1', both)).toThrow(/ids: hidden, match/);
});

test('scored against what the experiments measured: numbers within tolerance, unmeasured ones said so', () => {
  const result = (id: string, outcome: ExperimentResult['outcome']): ExperimentResult => ({
    id,
    name: `${id} label`,
    fact: 'f',
    outcome,
    seconds: 1,
  });
  const scored = scorePredictions([numberPrediction, choicePrediction], { hidden: '27', match: 'yes' }, [
    result('Hide', { status: 'pass', observed: 'o', measured: { seconds: 30 } }),
    result('Match', { status: 'skipped', reason: 'MiniStack differs' }),
  ]);
  expect(scored.map((r) => [r.prediction.id, r.observed, r.right])).toEqual([
    ['hidden', '30', true],
    ['match', undefined, undefined],
  ]);
  expect(predictionRight(numberPrediction, '26', '30')).toBe(false);
  const lines = formatPredictionResults(scored);
  expect(lines.at(-1)).toBe('prediction score: 1/1');
  expect(lines).toContain('  [not measured here] Delivered? yes -> -');
});

test('labs predict --answers saves the predictions for the next verify', async () => {
  const lab = allLabs().find((l) => (l.predictions ?? []).length > 0);
  if (!lab?.predictions) throw new Error('no lab with predictions');
  const answers = lab.predictions
    .map((p) => `${p.id}=${p.answer.kind === 'number' ? '1' : p.answer.choices[0]}`)
    .join(',');
  const out = io();
  expect(await predictCommand(out, [lab.id], { answers }, undefined, store)).toBe(0);
  expect(Object.keys(store.read()[lab.id]?.predicted?.answers ?? {})).toEqual(
    lab.predictions.map((p) => p.id),
  );
  expect(out.lines.at(-1)).toMatch(/^\d+ predictions saved for lab-\d\d\. next: npx labs verify/);
  await expect(predictCommand(io(), [lab.id], {}, undefined, store)).rejects.toThrow(/no terminal to ask in/);
});
