import { LabInputError } from '../core/errors';
import { seededRandom } from '../core/seeded-random';
import { type ExamDomain, type LabDefinition, runsSomewhere } from '../lab/catalogue';

/**
 * One choice of a question. A wrong one says why it is wrong, so the explanation after the quiz
 * covers every distractor and an author has to name the reason for each.
 */
export type QuizChoice =
  | { readonly text: string; readonly right: true }
  | { readonly text: string; readonly wrong: string };

/**
 * One exam-style scenario question (labs/<slug>/practice/quiz.ts), in the style of SAA-C03 and
 * DVA-C02: a scenario, four or five choices, one or more right answers, and an explanation that
 * points at what in the lab shows it.
 */
export interface QuizQuestion<ExperimentId extends string = string> {
  /** The scenario and the question (a "choose N" note is added when asked: do not write one). */
  readonly question: string;
  /** The choices as stored; `labs quiz` shuffles them each time. More than one right: "choose N". */
  readonly choices: readonly QuizChoice[];
  /** Why the right choices are right, in a few sentences (each wrong choice says its own why). */
  readonly explanation: string;
  /** Where the lab shows it: one of its experiments (by id), a challenge, or a section of its guide. */
  readonly shownBy:
    | { readonly experiment: ExperimentId }
    | { readonly challenge: string }
    | { readonly guide: string };
  /** The exam domain the question belongs to. */
  readonly domain: ExamDomain;
}

/** `a`, `b`, ... for choice indexes. */
export const letterOf = (index: number) => String.fromCharCode(97 + index);

/** Indexes of the right choices, in the order shown. */
export const answerOf = (question: QuizQuestion): number[] =>
  question.choices.flatMap((choice, i) => ('right' in choice ? [i] : []));

/** The question as asked: with "(choose N)" when more than one choice is right. */
export const questionText = (question: QuizQuestion): string => {
  const right = answerOf(question).length;
  return right > 1 ? `${question.question} (choose ${right})` : question.question;
};

/** The largest `--seed`: the PRNG keeps 32 bits. */
export const MAX_SEED = 2 ** 32 - 1;

/** A seed for a quiz taken without `--seed`. */
export const randomSeed = () => Math.floor(Math.random() * MAX_SEED);

/**
 * The questions with their choices in an order fixed by `seed` (Fisher-Yates per question), so a
 * learner cannot learn answers by position or by pressing Enter, and `--seed` reproduces a quiz.
 */
export function shuffleQuiz<Q extends QuizQuestion>(questions: readonly Q[], seed: number): Q[] {
  const random = seededRandom(seed);
  return questions.map((question) => {
    const choices = [...question.choices];
    for (let i = choices.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [choices[i], choices[j]] = [choices[j], choices[i]];
    }
    return { ...question, choices };
  });
}

/**
 * How far two answer-without-reading strategies get on single-answer questions (choices as
 * stored): always the longest choice (a tie counts as right if the answer is among the longest),
 * and always the same letter (the best letter).
 */
export function heuristicScores(questions: readonly QuizQuestion[]): {
  single: number;
  longest: number;
  sameLetter: number;
} {
  const single = questions.filter((q) => answerOf(q).length === 1);
  const longest = single.filter((q) => {
    const lengths = q.choices.map((c) => c.text.length);
    return lengths[answerOf(q)[0]] === Math.max(...lengths);
  }).length;
  const perLetter = new Map<number, number>();
  for (const q of single) perLetter.set(answerOf(q)[0], (perLetter.get(answerOf(q)[0]) ?? 0) + 1);
  return { single: single.length, longest, sameLetter: Math.max(0, ...perLetter.values()) };
}

/**
 * Parses `--answers 1=a,2=bd,...` (question number = letters). Every question must be answered.
 * @throws LabInputError naming what is wrong
 */
export function parseAnswers(text: string, questions: readonly QuizQuestion[]): number[][] {
  const given = new Map<number, number[]>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(\d+)=([a-z]+)$/.exec(part);
    if (!match)
      throw new LabInputError(
        `--answers: "${part}" is not <question number>=<letters>, for example 3=b or 5=ac`,
      );
    const number = Number(match[1]);
    const question = questions[number - 1];
    if (!question)
      throw new LabInputError(`--answers: there is no question ${number} (1-${questions.length})`);
    const picks = [...match[2]].map((letter) => letter.charCodeAt(0) - 97);
    const bad = picks.filter((i) => i >= question.choices.length);
    if (bad.length)
      throw new LabInputError(
        `--answers: question ${number} has choices a-${letterOf(question.choices.length - 1)}`,
      );
    given.set(number, [...new Set(picks)].sort());
  }
  const missing = questions.map((_, i) => i + 1).filter((n) => !given.has(n));
  if (missing.length) throw new LabInputError(`--answers: no answer for question(s) ${missing.join(', ')}`);
  return questions.map((_, i) => given.get(i + 1) ?? []);
}

/** Whether a pick is right: exactly the right choices, no more, no fewer. */
export function isRight(question: QuizQuestion, picked: readonly number[]): boolean {
  const right = answerOf(question).sort();
  const chosen = [...new Set(picked)].sort();
  return right.length === chosen.length && right.every((value, i) => value === chosen[i]);
}

/** What is wrong with a lab's quiz (fewer than six questions, bad answers, unknown experiments). */
export function quizProblems(lab: LabDefinition, experimentIds: readonly string[]): string[] {
  const quiz = lab.quiz ?? [];
  const problems: string[] = [];
  // A new lab that runs nowhere yet (the scaffold's) may have none; one that runs needs six.
  if (runsSomewhere(lab) && quiz.length < 6)
    problems.push(`${lab.id} has ${quiz.length} quiz questions; at least 6 are expected`);
  quiz.forEach((q, i) => {
    const where = `${lab.id} question ${i + 1}`;
    if (q.choices.length < 3) problems.push(`${where}: fewer than 3 choices`);
    const right = answerOf(q).length;
    if (right === 0) problems.push(`${where}: no choice is right`);
    if (right >= q.choices.length) problems.push(`${where}: every choice is right`);
    for (const choice of q.choices)
      if ('wrong' in choice && choice.wrong.length < 20)
        problems.push(`${where}: "${choice.text}" needs a reason why it is wrong`);
    // The kit adds "(choose N)" when it asks; a second note in the text would print twice.
    if (/\(choose /i.test(q.question)) problems.push(`${where}: the text says "choose": the kit adds it`);
    if ('experiment' in q.shownBy && !experimentIds.includes(q.shownBy.experiment))
      problems.push(`${where}: no experiment "${q.shownBy.experiment}"`);
    if (
      'challenge' in q.shownBy &&
      !(lab.challenges ?? []).some((c) => 'challenge' in q.shownBy && c.name === q.shownBy.challenge)
    )
      problems.push(`${where}: no challenge "${q.shownBy.challenge}"`);
    if (q.explanation.length < 40) problems.push(`${where}: the explanation is too short to teach`);
  });
  return problems;
}
