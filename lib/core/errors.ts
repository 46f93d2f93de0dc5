/**
 * A problem with what the user asked for (a context option, a lab id, a target), as opposed to a
 * bug in the kit. Entry points print its message as one line and exit non-zero, without a stack trace.
 */
export class LabInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LabInputError';
  }
}
