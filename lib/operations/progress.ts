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

/** How long output may pause before the heartbeat shows, and how often it repeats. */
export interface HeartbeatTiming {
  readonly quietMs: number;
  /** On a terminal (the status replaces itself) and in a log (each one is a line). */
  readonly everyMs: { readonly terminal: number; readonly log: number };
}

export const HEARTBEAT_TIMING: HeartbeatTiming = { quietMs: 3000, everyMs: { terminal: 1000, log: 10_000 } };

/**
 * A reporter that shows time passing during long waits: while {@link during} runs and nothing has
 * been printed for `quietMs`, a status says what is awaited and for how long (`waiting for the
 * bootstrap stack (12 s)`, or the last thing printed with its age: `installing ministack ... (12 s)`).
 */
export class Heartbeat implements ProgressReporter {
  private lastText?: string;
  private lastOutputAt = Date.now();
  private pauses = 0;

  constructor(
    private readonly inner: ProgressReporter,
    private readonly timing: HeartbeatTiming = HEARTBEAT_TIMING,
  ) {}

  isInteractive(): boolean {
    return this.inner.isInteractive?.() ?? false;
  }

  line(text: string): void {
    this.noteOutput(text);
    this.inner.line(text);
  }

  status(text: string): void {
    this.noteOutput(text);
    this.inner.status(text);
  }

  /**
   * Runs `work` with the heartbeat on.
   *
   * @param what what is awaited, for `waiting for <what> (N s since the start)`; without it, the
   *   last line or status printed and the seconds since it was printed
   */
  async during<T>(work: () => Promise<T>, what?: string): Promise<T> {
    const started = Date.now();
    const every = this.isInteractive() ? this.timing.everyMs.terminal : this.timing.everyMs.log;
    const beat = () => {
      const now = Date.now();
      if (this.pauses > 0 || now - this.lastOutputAt < this.timing.quietMs) return;
      const text = what ? `waiting for ${what}` : this.lastText;
      if (!text) return;
      const since = what ? started : this.lastOutputAt;
      this.inner.status(`${text} (${Math.round((now - since) / 1000)} s)`);
    };
    const timer = setInterval(beat, every);
    // The heartbeat never keeps the process alive on its own.
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /** Runs `work` (a question to the user) with the heartbeat silent. */
  async paused<T>(work: () => Promise<T>): Promise<T> {
    this.pauses++;
    try {
      return await work();
    } finally {
      this.pauses--;
      this.lastOutputAt = Date.now();
    }
  }

  /** Something else was printed (a result on stdout): the last status is no longer what is awaited. */
  forget(): void {
    this.lastText = undefined;
    this.lastOutputAt = Date.now();
  }

  private noteOutput(text: string): void {
    this.lastText = text.split('\n')[0];
    this.lastOutputAt = Date.now();
  }
}
