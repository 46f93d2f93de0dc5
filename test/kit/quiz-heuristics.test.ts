/**
 * A quiz must not be passable without reading it: over every lab's single-answer questions (as
 * stored), "pick the longest choice" and "always pick the same letter" stay near chance.
 */
import { allLabs } from '../../lib/lab/catalogue';
import { heuristicScores, type QuizQuestion } from '../../lib/practice/quiz';

/** The limits of issue 25: at most 35 % over all labs, at most 50 % in any one lab. */
const ALL_LABS_LIMIT = 0.35;
const ONE_LAB_LIMIT = 0.5;

/** What goes over a limit, as one line each. */
function heuristicProblems(quizzes: readonly { id: string; quiz: readonly QuizQuestion[] }[]): string[] {
  const problems: string[] = [];
  const total = { single: 0, longest: 0, sameLetter: 0 };
  const perLetter = new Map<number, number>();
  for (const { id, quiz } of quizzes) {
    const scores = heuristicScores(quiz);
    total.single += scores.single;
    total.longest += scores.longest;
    for (const q of quiz.filter((q) => q.choices.filter((c) => 'right' in c).length === 1)) {
      const at = q.choices.findIndex((c) => 'right' in c);
      perLetter.set(at, (perLetter.get(at) ?? 0) + 1);
    }
    for (const [name, right] of [
      ['pick the longest', scores.longest],
      ['always the same letter', scores.sameLetter],
    ] as const)
      if (right > ONE_LAB_LIMIT * scores.single)
        problems.push(`${id}: "${name}" gets ${right}/${scores.single} single-answer questions right`);
  }
  total.sameLetter = Math.max(0, ...perLetter.values());
  for (const [name, right] of [
    ['pick the longest', total.longest],
    ['always the same letter', total.sameLetter],
  ] as const)
    if (right > ALL_LABS_LIMIT * total.single)
      problems.push(`all labs: "${name}" gets ${right}/${total.single} single-answer questions right`);
  return problems;
}

test('no lab quiz can be passed by picking the longest choice or the same letter', () => {
  expect(heuristicProblems(allLabs().map((lab) => ({ id: lab.id, quiz: lab.quiz ?? [] })))).toEqual([]);
});

test('the check fails a quiz whose answer is always the longest and always a', () => {
  const question = (n: number): QuizQuestion => ({
    question: `q${n}`,
    choices: [
      { text: 'the right answer, long and detailed', right: true },
      { text: 'short', wrong: 'it is short, and wrong for it' },
      { text: 'brief', wrong: 'it is brief, and wrong for it' },
    ],
    explanation: 'the longest choice is right',
    shownBy: { guide: 'g' },
    domain: 'secure',
  });
  const quiz = [1, 2, 3, 4].map(question);
  expect(heuristicScores(quiz)).toEqual({ single: 4, longest: 4, sameLetter: 4 });
  expect(heuristicProblems([{ id: 'lab-x', quiz }])).toEqual([
    'lab-x: "pick the longest" gets 4/4 single-answer questions right',
    'lab-x: "always the same letter" gets 4/4 single-answer questions right',
    'all labs: "pick the longest" gets 4/4 single-answer questions right',
    'all labs: "always the same letter" gets 4/4 single-answer questions right',
  ]);
});
