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

/**
 * Prints lines to stderr; statuses overwrite each other on a terminal of known width and are
 * printed plainly otherwise (a pipe, or a pseudo-terminal that reports 0 columns, where a status
 * cut to `columns - 1` would lose characters). {@link clear} removes a pending status before
 * other output (results on stdout) so the two never share a line.
 */
export class ConsoleProgress implements ProgressReporter {
  private pendingStatus = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  isInteractive(): boolean {
    return Boolean(this.stream.isTTY) && (this.stream.columns ?? 0) > 0;
  }

  line(text: string): void {
    this.clear();
    this.stream.write(`${text}\n`);
  }

  status(text: string): void {
    if (!this.isInteractive()) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.clear();
    // One character short of the width: a full row would wrap and `\r` would not reach its start.
    this.stream.write(text.split('\n')[0].slice(0, this.stream.columns - 1));
    this.pendingStatus = true;
  }

  /** Erases the pending status, if any, leaving the cursor at the start of its row. */
  clear(): void {
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
