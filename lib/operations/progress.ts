/**
 * Where long operations report to. The CLI prints; tests and the benchmark collect or discard.
 */
export interface ProgressReporter {
  /** A line that stays (a step finished, a warning). */
  line(text: string): void;
  /** A transient status that the next status or line replaces (on a terminal) or follows (in a log). */
  status(text: string): void;
  /** True when statuses replace each other (a terminal), so frequent ones are cheap. */
  isInteractive?(): boolean;
}

/** Prints lines to stderr; statuses overwrite each other on a terminal and are printed plainly otherwise. */
export class ConsoleProgress implements ProgressReporter {
  private pendingStatus = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  isInteractive(): boolean {
    return Boolean(this.stream.isTTY);
  }

  line(text: string): void {
    this.clearStatus();
    this.stream.write(`${text}\n`);
  }

  status(text: string): void {
    if (!this.stream.isTTY) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.clearStatus();
    this.stream.write(text.slice(0, (this.stream.columns ?? 120) - 1));
    this.pendingStatus = true;
  }

  private clearStatus(): void {
    if (this.pendingStatus) this.stream.write('\r\x1b[2K');
    this.pendingStatus = false;
  }
}

/** Keeps every line and status, for tests. */
export class RecordingProgress implements ProgressReporter {
  readonly lines: string[] = [];
  readonly statuses: string[] = [];
  line(text: string): void {
    this.lines.push(text);
  }
  status(text: string): void {
    this.statuses.push(text);
  }
}

/** Discards everything. */
export const SILENT_PROGRESS: ProgressReporter = { line: () => {}, status: () => {} };

export function seconds(fromMs: number, toMs = Date.now()): string {
  return `${((toMs - fromMs) / 1000).toFixed(1)} s`;
}
