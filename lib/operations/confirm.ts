import { createInterface } from 'node:readline/promises';
import { LabInputError } from '../core/errors';

/** Where a yes/no question is asked: a terminal, or nowhere (a script, CI). */
export interface ConfirmIo {
  /** True when a person can answer (stdin is a terminal). */
  readonly interactive: boolean;
  /** Asks one question and returns the answer line. */
  readonly ask: (question: string) => Promise<string>;
}

/** The process's own terminal: stdin for answers, stderr for questions (stdout stays for results). */
export const TERMINAL: ConfirmIo = {
  get interactive() {
    return Boolean(process.stdin.isTTY);
  },
  async ask(question) {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return await rl.question(question);
    } finally {
      rl.close();
    }
  },
};

/**
 * Asks a yes/no question; `--yes` answers it in advance. Without a terminal and without `--yes`
 * the answer is no, with a one-line error saying to add `--yes` (a script must opt in explicitly).
 *
 * @returns true when confirmed; false when the person answered anything but y/yes
 * @throws LabInputError when nobody can answer
 */
export async function askToConfirm(
  question: string,
  yes: boolean | undefined,
  io: ConfirmIo = TERMINAL,
): Promise<boolean> {
  if (yes) return true;
  if (!io.interactive) {
    throw new LabInputError(
      `${question.replace(/\?$/, '')}: not confirmed (no terminal); add --yes to confirm in a script`,
    );
  }
  return /^y(es)?$/i.test((await io.ask(`${question} [y/N] `)).trim());
}
