import { letterOf, type QuizQuestion } from './quiz';

/**
 * Asks a quiz in the terminal with @inquirer/prompts (a single choice, or a checkbox for "choose
 * N" questions) and returns the picked indexes per question. Loaded only when a terminal asks.
 */
export async function askInTerminal(questions: readonly QuizQuestion[]): Promise<number[][]> {
  const { checkbox, select } = await import('@inquirer/prompts');
  const picks: number[][] = [];
  for (const [i, question] of questions.entries()) {
    const choices = question.choices.map((name, value) => ({ name: `${letterOf(value)}) ${name}`, value }));
    const message = `${i + 1}/${questions.length}. ${question.question}`;
    if (question.answer.length > 1) {
      picks.push(
        await checkbox({ message: `${message} (choose ${question.answer.length})`, choices, required: true }),
      );
    } else {
      picks.push([await select({ message, choices })]);
    }
  }
  return picks;
}
