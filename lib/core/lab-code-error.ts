import { readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { LabInputError } from './errors';

/**
 * A mistake in a lab's own code (its stack.ts or what that imports from labs/) found while its
 * stack was built: the message is a short block naming the file, line, error and the first frame
 * in the lab's code. A LabInputError, so the CLI prints it without the kit's stack trace.
 */
export class LabCodeError extends LabInputError {}

/** Where in a lab's folder an error comes from. */
interface LabPlace {
  /** Relative to the project: labs/lab-NN-slug/... */
  readonly file: string;
  readonly absolute: string;
  readonly line?: number;
  readonly column?: number;
  /** The first stack frame in the lab's code, its path relative to the project. */
  readonly frame?: string;
  /** What esbuild (through tsx) reports for code it cannot compile. */
  readonly syntaxError?: string;
}

/** The innermost error of a chain: toolkit-lib wraps a builder's error ("Assembly builder failed"). */
export function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10; depth++) {
    const cause = (current as { cause?: unknown } | null | undefined)?.cause;
    if (cause === undefined || cause === null) break;
    current = cause;
  }
  return current;
}

/**
 * The error a synth failure should surface as: a LabInputError inside the chain as it is (the
 * account guard, a context option), a mistake in a lab's code as a {@link LabCodeError}, or
 * undefined when neither (a bug of the kit's: its caller rethrows the original).
 */
export function labSynthError(error: unknown): LabInputError | undefined {
  const cause = rootCause(error);
  if (cause instanceof LabInputError) return cause;
  const place = placeInLabs(cause);
  if (!place) return undefined;
  const { name, message } = (cause ?? {}) as Partial<Error>;
  const what = place.syntaxError
    ? `SyntaxError: ${place.syntaxError}`
    : `${name ?? 'Error'}: ${String(message ?? cause).split('\n')[0]}`;
  const at = [place.file, place.line, place.column].filter((part) => part !== undefined).join(':');
  const source = place.line ? sourceLine(place.absolute, place.line) : undefined;
  const lab = /^labs\/(lab-\d+)/.exec(place.file)?.[1];
  return new LabCodeError(
    [
      `${at}: ${what}`,
      ...(source ? [`  ${place.line} | ${source.trim()}`] : []),
      ...(place.frame ? [`  ${place.frame}`] : []),
      `  a mistake in the lab's code stopped the synth: fix it and run the command again (npx cdk synth ${lab} shows the whole stack)`,
    ].join('\n'),
  );
}

/** A file in a lab's folder, wherever the project is: labs/lab-NN-slug/... */
function inLabs(file: string | undefined): { file: string; absolute: string } | undefined {
  const match = file ? /(?:^|[\\/])(labs[\\/]lab-\d+[^\\/]*[\\/].+)$/.exec(file) : null;
  return file && match ? { absolute: file, file: match[1].split(sep).join('/') } : undefined;
}

/** The first place in a lab's folder an error names: esbuild's location, a stack frame, or a require. */
function placeInLabs(error: unknown): LabPlace | undefined {
  // A syntax error: tsx's esbuild names the file and line in its message (no frame is in the lab).
  const syntax = /^(.+):(\d+):(\d+): ERROR: (.+)$/m.exec(String((error as Error)?.message ?? ''));
  const syntaxFile = inLabs(syntax?.[1]);
  if (syntax && syntaxFile) {
    // esbuild counts columns from 0, stack traces from 1.
    const [, , line, column, text] = syntax;
    return { ...syntaxFile, line: Number(line), column: Number(column) + 1, syntaxError: text };
  }
  for (const text of String((error as Error)?.stack ?? '').split('\n')) {
    const frame = /^\s*at (?:(.*) \()?(.+):(\d+):(\d+)\)?$/.exec(text);
    const file = inLabs(frame?.[2]);
    if (frame && file) {
      const [, fn, , line, column] = frame;
      const frameText = `at ${fn ? `${fn} ` : ''}(${file.file}:${line}:${column})`;
      return { ...file, line: Number(line), column: Number(column), frame: frameText };
    }
  }
  // A module that cannot be found has no frame in the lab, but the file that required it.
  const required = (error as { requireStack?: string[] })?.requireStack?.map(inLabs).find(Boolean);
  return required;
}

function sourceLine(file: string, line: number): string | undefined {
  try {
    return readFileSync(file, 'utf8').split('\n')[line - 1];
  } catch {
    return undefined;
  }
}
