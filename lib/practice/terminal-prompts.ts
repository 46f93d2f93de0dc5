import type { Prediction } from './predictions';
import { answerOf, letterOf, type QuizQuestion, questionText } from './quiz';

/**
 * Asks a quiz (choices already shuffled) in the terminal with @inquirer/prompts (a single choice, or a checkbox for "choose
 * N" questions) and returns the picked indexes per question. Loaded only when a terminal asks.
 */
export async function askInTerminal(questions: readonly QuizQuestion[]): Promise<number[][]> {
  const { checkbox, select } = await import('@inquirer/prompts');
  const picks: number[][] = [];
  for (const [i, question] of questions.entries()) {
    const choices = question.choices.map((choice, value) => ({
      name: `${letterOf(value)}) ${choice.text}`,
      value,
    }));
    const message = `${i + 1}/${questions.length}. ${questionText(question)}`;
    if (answerOf(question).length > 1) {
      picks.push(await checkbox({ message, choices, required: true }));
    } else {
      picks.push([await select({ message, choices })]);
    }
  }
  return picks;
}

/** Asks a lab's predictions in the terminal: a number, or one of the choices. */
export async function askPredictionsInTerminal(
  predictions: readonly Prediction[],
): Promise<Record<string, string>> {
  const { input, select } = await import('@inquirer/prompts');
  const answers: Record<string, string> = {};
  for (const [i, prediction] of predictions.entries()) {
    const message = `${i + 1}/${predictions.length}. ${prediction.question}`;
    answers[prediction.id] =
      prediction.answer.kind === 'choice'
        ? await select({
            message,
            choices: prediction.answer.choices.map((value) => ({ name: value, value })),
          })
        : await input({
            message,
            validate: (value) =>
              Number.isFinite(Number(value)) && value.trim() !== '' ? true : 'a number, please',
          });
  }
  return answers;
}
