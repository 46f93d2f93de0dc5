import { LabInputError } from '../core/errors';
import { type ExamDomain, type LabDefinition, runsSomewhere } from '../lab/catalogue';

/**
 * One exam-style scenario question (labs/<slug>/practice/quiz.ts), in the style of SAA-C03 and
 * DVA-C02: a scenario, four or five choices, one or more right answers, and an explanation that
 * points at what in the lab shows it.
 */
export interface QuizQuestion<ExperimentId extends string = string> {
  /** The scenario and the question. */
  readonly question: string;
  /** The choices, in the order shown (labelled a, b, c, ...). */
  readonly choices: readonly string[];
  /** Indexes of the right choices; more than one makes it a "choose N" question. */
  readonly answer: readonly number[];
  /** Why the right choices are right and the others are not, in a few sentences. */
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
  const right = [...question.answer].sort();
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
    if (q.answer.length === 0 || q.answer.some((a) => a < 0 || a >= q.choices.length))
      problems.push(`${where}: the answer must name existing choices`);
    if (q.answer.length >= q.choices.length) problems.push(`${where}: every choice is right`);
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
