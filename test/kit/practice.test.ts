/** Practice: every lab's quiz is sound, `labs quiz` scores and explains, `labs progress` remembers. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOGUE } from '../../lib/catalogue';
import { type CommandIo, progressCommand, quizCommand } from '../../lib/cli/commands';
import { LabInputError } from '../../lib/errors';
import { formatProgress, ProgressStore } from '../../lib/practice/progress';
import { isRight, letterOf, parseAnswers, quizProblems } from '../../lib/practice/quiz';

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

describe.each(CATALOGUE.map((lab) => [lab.id, lab] as const))('%s', (_id, lab) => {
  test('has six or more sound quiz questions, each pointing at what in the lab shows it', () => {
    expect(
      quizProblems(
        lab,
        lab.experiments().map((e) => e.name),
      ),
    ).toEqual([]);
  });
});

test('answers are parsed per question, and anything unclear is refused with what to write', () => {
  const lab = CATALOGUE.find((l) => (l.quiz ?? []).length >= 6);
  const questions = lab?.quiz ?? [];
  const all = questions.map((q, i) => `${i + 1}=${q.answer.map(letterOf).join('')}`).join(',');
  expect(parseAnswers(all, questions)).toEqual(questions.map((q) => [...q.answer].sort()));
  expect(() => parseAnswers('1=a', questions)).toThrow(/no answer for question\(s\) 2, 3/);
  expect(() => parseAnswers('1:a', questions)).toThrow(/is not <question number>=<letters>/);
  expect(() => parseAnswers(`${questions.length + 1}=a`, questions)).toThrow(/there is no question/);
  expect(() => parseAnswers('1=z', questions)).toThrow(/has choices a-/);
});

test('a "choose two" question is right only with exactly both', () => {
  const question = {
    question: 'q',
    choices: ['a', 'b', 'c', 'd'],
    answer: [0, 2],
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

test('labs quiz --answers scores, explains each answer and records the score; labs progress shows it', async () => {
  const lab = CATALOGUE.find((l) => (l.quiz ?? []).length >= 6);
  if (!lab?.quiz) throw new Error('no lab with a quiz');
  // Everything right but the first question.
  const answers = lab.quiz
    .map(
      (q, i) =>
        `${i + 1}=${i === 0 ? letterOf((q.answer[0] + 1) % q.choices.length) : q.answer.map(letterOf).join('')}`,
    )
    .join(',');
  const quizIo = io();
  expect(await quizCommand(quizIo, [lab.id], { answers }, undefined, store)).toBe(0);
  expect(quizIo.lines[0]).toMatch(/^1\. wrong: you chose [a-e], the answer is [a-e]+$/);
  expect(quizIo.lines.at(-1)).toBe(`${lab.id} quiz: ${lab.quiz.length - 1}/${lab.quiz.length} right`);
  expect(quizIo.lines.filter((l) => l.startsWith('   shown by: '))).toHaveLength(lab.quiz.length);
  expect(statSync(join(dir, 'state', 'progress.json')).mode & 0o777).toBe(0o600);

  const progressIo = io();
  progressCommand(progressIo, {}, store);
  expect(progressIo.lines.find((l) => l.startsWith(lab.id))).toMatch(
    new RegExp(`${lab.quiz.length - 1}/${lab.quiz.length}$`),
  );
  expect(progressIo.lines).toContain('by exam domain');
  progressCommand(io(), { reset: true }, store);
  expect(store.read()).toEqual({});
});

test('labs quiz without a terminal and without --answers says how to answer', async () => {
  const lab = CATALOGUE.find((l) => (l.quiz ?? []).length > 0);
  await expect(quizCommand(io(), [lab?.id ?? ''], {}, undefined, store)).rejects.toThrow(
    new LabInputError(
      `quiz: no terminal to ask in; give the answers instead: npx labs quiz ${lab?.id} --answers 1=a,2=bd,...`,
    ),
  );
  await expect(quizCommand(io(), [], {}, undefined, store)).rejects.toThrow(/quiz: name one lab/);
});

test('progress per exam domain counts only what was done', () => {
  const lines = formatProgress({}, CATALOGUE);
  expect(lines.filter((l) => l.includes('quiz not taken')).length).toBeGreaterThan(0);
  expect(lines.some((l) => / 0\/\d+ labs verified/.test(l))).toBe(true);
});
