/** The quiz is shuffled per seed, reproducibly, so letters and the Enter key give nothing away. */
import { quizCommand } from '../../lib/cli/commands';
import { allLabs } from '../../lib/lab/catalogue';
import type { ProgressStore } from '../../lib/practice/progress';
import {
  answerOf,
  letterOf,
  type QuizQuestion,
  questionText,
  quizProblems,
  shuffleQuiz,
} from '../../lib/practice/quiz';

const labs = () => allLabs().filter((lab) => (lab.quiz ?? []).length > 0);
const order = (questions: readonly QuizQuestion[]) => questions.map((q) => q.choices.map((c) => c.text));

test('a seed reproduces the order of the choices, and another seed changes it', () => {
  for (const lab of labs()) {
    const quiz = lab.quiz ?? [];
    expect(order(shuffleQuiz(quiz, 42))).toEqual(order(shuffleQuiz(quiz, 42)));
    expect(order(shuffleQuiz(quiz, 42))).not.toEqual(order(shuffleQuiz(quiz, 43)));
    // The same choices, each still marked right or wrong as stored.
    for (const [i, q] of shuffleQuiz(quiz, 42).entries())
      expect([...q.choices].sort((a, b) => a.text.localeCompare(b.text))).toEqual(
        [...quiz[i].choices].sort((a, b) => a.text.localeCompare(b.text)),
      );
  }
});

test('over many seeds every letter holds the answer about equally often', () => {
  const quiz = labs().flatMap((lab) => lab.quiz ?? []);
  const atLetter = [0, 0, 0, 0];
  for (let seed = 0; seed < 200; seed++)
    for (const q of shuffleQuiz(quiz, seed).filter((q) => q.choices.length === 4 && answerOf(q).length === 1))
      atLetter[answerOf(q)[0]]++;
  const total = atLetter.reduce((a, b) => a + b, 0);
  for (const count of atLetter) expect(Math.abs(count / total - 0.25)).toBeLessThan(0.03);
});

test('pressing Enter on every question (the first choice) does not score full marks', async () => {
  const store = { record: jest.fn(), read: () => ({}) } as unknown as ProgressStore;
  for (const lab of labs()) {
    const quiz = lab.quiz ?? [];
    for (const seed of [1, 2, 3]) {
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), progress: { line() {}, status() {} } };
      const answers = quiz.map((_, i) => `${i + 1}=a`).join(',');
      expect(await quizCommand(io, [lab.id], { seed, answers }, undefined, store)).toBe(0);
      const score = lines.find((line) => line.startsWith(`${lab.id} quiz: `));
      expect(score).toMatch(/ right$/);
      expect(score).not.toBe(`${lab.id} quiz: ${quiz.length}/${quiz.length} right`);
    }
  }
});

test('"choose N" is said once, by the kit, and each wrong choice says why', () => {
  const multi = labs()
    .flatMap((lab) => lab.quiz ?? [])
    .find((q) => answerOf(q).length === 2);
  if (!multi) throw new Error('no "choose two" question');
  expect(questionText(multi).match(/choose/gi)).toEqual(['choose']);
  expect(questionText(multi)).toMatch(/ \(choose 2\)$/);
  const lab = labs()[0];
  const twice = {
    ...lab,
    quiz: [
      {
        ...multi,
        question: `${multi.question} (Choose two.)`,
        choices: multi.choices.map((c) => ('wrong' in c ? { ...c, wrong: 'no' } : c)),
      },
    ],
  };
  expect(quizProblems(twice, [])).toEqual(
    expect.arrayContaining([
      `${lab.id} question 1: the text says "choose": the kit adds it`,
      ...multi.choices
        .filter((c) => 'wrong' in c)
        .map((c) => `${lab.id} question 1: "${c.text}" needs a reason why it is wrong`),
    ]),
  );
  expect(letterOf(answerOf(multi)[0])).toMatch(/^[a-e]$/);
});
